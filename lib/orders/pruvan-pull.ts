import { db, Prisma, type Tx } from "@/lib/db";
import { WORK_ORDERS_PER_ANSWER } from "@/lib/pruvan/api-wire";
import type { IntegrationRules } from "@/lib/pruvan/statuses";
import { serializeWorkOrder, wireOrderSelect, wireServiceSelect, type OrderForWire, type WireWorkOrder } from "@/lib/pruvan/work-order-wire";
import { enqueuePush } from "@/lib/push/outbox";
import { loadStatusMap } from "@/lib/status-mapping/queries";

// getWorkOrders: the orders one integration pulls (pruvan-api-v2 "getWorkOrders Modes").
// Full refresh = every current (not deleted) order; incremental = every order created,
// changed or deleted since the timestamp. Orders, then their services in bulk (no query
// per order), index-backed: (integrationId, deletedAt, lastSentAt) and (integrationId,
// updatedAt); only the columns the serializer reads (wireOrderSelect, wireServiceSelect).
//
// These two reads are plain SQL on purpose: measured with 5000 orders x 3 services,
// Prisma's findMany took 250 ms for the orders and 450 ms for the services, the same
// statements through $queryRaw 80 ms and 115 ms (scripts/bench/pruvan-pull.ts). The SQL
// is portable (quoted names, NULLS FIRST) and the answers are checked field by field in
// tests/pruvan/get-work-orders.test.ts.

export type PullResult = { workOrders: WireWorkOrder[]; matched: number; queuedForPush: number };
type OrderRow = Omit<OrderForWire, "services"> & { id: string };
type ServiceRow = OrderForWire["services"][number] & { workOrderId: string };

export async function pullWorkOrders(
  integration: IntegrationRules & { id: string },
  since: Date | null,
  opts: { limit?: number; now?: Date } = {},
): Promise<PullResult> {
  const limit = opts.limit ?? WORK_ORDERS_PER_ANSWER;
  const now = opts.now ?? new Date();
  const matching = since
    ? Prisma.sql`"integrationId" = ${integration.id} AND "updatedAt" >= ${since}`
    : Prisma.sql`"integrationId" = ${integration.id} AND "deletedAt" IS NULL`;
  // Least recently sent first, so that over several pulls every order gets its turn.
  const leastRecentlySent = Prisma.sql`ORDER BY "lastSentAt" ASC NULLS FIRST, "id" ASC`;

  const [rows, mapping] = await Promise.all([
    db().$queryRaw<OrderRow[]>`SELECT ${ORDER_COLUMNS} FROM "WorkOrder" WHERE ${matching} ${leastRecentlySent} LIMIT ${limit + 1}`,
    loadStatusMap(),
  ]);
  // Over the cap (rare): the ids of everything past the first `limit`, for the push queue.
  const overflow =
    rows.length > limit
      ? (await db().$queryRaw<Array<{ id: string; deletedAt: Date | null }>>`SELECT "id", "deletedAt" FROM "WorkOrder" WHERE ${matching} ${leastRecentlySent}`).slice(limit)
      : [];
  const sent = rows.slice(0, limit).map(withJson);
  const services = await servicesOf(sent.map((o) => o.id));

  const ctx = { mode: integration.mode, autoAdmin: integration.autoAdmin, mapping };
  const workOrders = sent
    .map((o) => serializeWorkOrder({ ...o, services: services.get(o.id) ?? [] }, ctx))
    .filter((o): o is WireWorkOrder => o !== null);

  const queuedForPush = await db().$transaction(async (tx) => {
    await markSent(tx, sent.map((o) => o.id), now);
    await tx.integration.update({ where: { id: integration.id }, data: { lastPullAt: now } });
    // The rest goes out through the push key (the doc's advice for more than 5000 orders).
    const live = overflow.filter((o) => !o.deletedAt).map((o) => o.id);
    const deleted = overflow.filter((o) => o.deletedAt).map((o) => o.id);
    return (
      (await enqueuePush(tx, { integrationId: integration.id, workOrderIds: live, kind: "upsert" })) +
      (await enqueuePush(tx, { integrationId: integration.id, workOrderIds: deleted, kind: "delete" }))
    );
  });
  if (overflow.length > 0) {
    console.log(JSON.stringify({ pruvan: "getWorkOrders", integration: integration.id, matched: sent.length + overflow.length, sent: sent.length, queuedForPush }));
  }
  return { workOrders, matched: sent.length + overflow.length, queuedForPush };
}

/** The services of the given orders, grouped by order: one statement per 1000 orders. */
async function servicesOf(orderIds: string[]): Promise<Map<string, ServiceRow[]>> {
  const byOrder = new Map<string, ServiceRow[]>();
  for (const ids of chunks(orderIds, 1000)) {
    const rows = await db().$queryRaw<ServiceRow[]>`SELECT "workOrderId", ${SERVICE_COLUMNS} FROM "Service" WHERE "workOrderId" IN (${Prisma.join(ids)})`;
    for (const row of rows.map(withJson)) {
      const list = byOrder.get(row.workOrderId);
      if (list) list.push(row);
      else byOrder.set(row.workOrderId, [row]);
    }
  }
  return byOrder;
}

// The serializer's selects, as SQL: fields whose column is @map-ped come back under their field name.
const MAPPED: Record<string, string> = {
  sourceWoId: "source_wo_id", sourceWoNumber: "source_wo_number", sourceWoProvider: "source_wo_provider",
  sourceService: "source_service", sourceServiceId: "source_service_id",
};
const columns = (fields: string[]) =>
  Prisma.raw(fields.map((f) => (MAPPED[f] ? `"${MAPPED[f]}" AS "${f}"` : `"${f}"`)).join(", "));
const ORDER_COLUMNS = columns(["id", ...Object.keys(wireOrderSelect)]);
const SERVICE_COLUMNS = columns(Object.keys(wireServiceSelect));

/** JSON columns (options) arrive as text from SQLite and parsed from PostgreSQL. */
function withJson<T extends { options: unknown }>(row: T): T {
  if (typeof row.options !== "string") return row;
  try {
    return { ...row, options: JSON.parse(row.options) };
  } catch {
    return { ...row, options: null };
  }
}

/**
 * lastSentAt is bookkeeping, not a change to the order: it is written without touching
 * updatedAt (which Prisma's update would bump), or every pulled order would count as
 * changed on the next incremental pull and be sent again forever.
 */
async function markSent(tx: Tx, ids: string[], at: Date) {
  for (const chunk of chunks(ids, 500)) {
    await tx.$executeRaw`UPDATE "WorkOrder" SET "lastSentAt" = ${at} WHERE "id" IN (${Prisma.join(chunk)})`;
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}
