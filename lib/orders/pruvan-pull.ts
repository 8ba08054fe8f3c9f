import { db } from "@/lib/db";
import { markOrdersSent, orderIdsToSend, ordersToSend, type PullScope } from "@/lib/db/sql/pruvan-pull";
import { WORK_ORDERS_PER_ANSWER } from "@/lib/pruvan/api-wire";
import type { IntegrationRules } from "@/lib/pruvan/statuses";
import { serializeWorkOrder, wireOrderSelect, wireServiceSelect, type OrderForWire, type WireWorkOrder } from "@/lib/pruvan/work-order-wire";
import { enqueuePush } from "@/lib/push/outbox";
import { loadStatusMap } from "@/lib/status-mapping/queries";

// getWorkOrders: the orders one integration pulls (pruvan-api-v2 "getWorkOrders Modes").
// Full refresh = every current (not deleted) order; incremental = every order created,
// changed or deleted since the timestamp. Orders, then their services in bulk (no query
// per order), index-backed, only the columns the serializer reads (lib/db/sql/pruvan-pull).

export type PullResult = { workOrders: WireWorkOrder[]; matched: number; queuedForPush: number };
type OrderRow = Omit<OrderForWire, "services"> & { id: string };
type ServiceRow = OrderForWire["services"][number] & { workOrderId: string };

const ORDER_FIELDS = Object.keys(wireOrderSelect);
const SERVICE_FIELDS = Object.keys(wireServiceSelect);

export async function pullWorkOrders(
  integration: IntegrationRules & { id: string },
  since: Date | null,
  opts: { limit?: number; now?: Date } = {},
): Promise<PullResult> {
  const limit = opts.limit ?? WORK_ORDERS_PER_ANSWER;
  const now = opts.now ?? new Date();
  const [{ lastFullPullAt }, mapping] = await Promise.all([
    db().integration.findUniqueOrThrow({ where: { id: integration.id }, select: { lastFullPullAt: true } }),
    loadStatusMap(),
  ]);
  const scope: PullScope = { integrationId: integration.id, since, lastFullPullAt };
  const rows = await ordersToSend(scope, { order: ORDER_FIELDS, service: SERVICE_FIELDS }, limit + 1);
  // Over the cap (rare): the ids of everything past the first `limit`, for the push queue.
  const overflow = rows.orders.length > limit ? (await orderIdsToSend(db(), scope)).slice(limit) : [];
  const sent = (rows.orders as OrderRow[]).slice(0, limit).map(withJson);
  const services = byOrder(rows.services as ServiceRow[]);

  const ctx = { mode: integration.mode, autoAdmin: integration.autoAdmin, mapping };
  const workOrders: WireWorkOrder[] = [];
  for (const o of sent) {
    const wire = serializeWorkOrder({ ...o, services: services.get(o.id) ?? [] }, ctx);
    if (wire) workOrders.push(wire);
  }

  // A full refresh that fits in one answer sent every current order: one row records that
  // (lastFullPullAt) instead of a write to each of up to 5000 order rows, which cost more
  // than the rest of the pull (measured: ~40% of the server's time and ~20 MB of WAL per pull).
  const sentEverything = since === null && overflow.length === 0;
  const queuedForPush = await db().$transaction(async (tx) => {
    if (!sentEverything) await markOrdersSent(tx, sent.map((o) => o.id), now);
    await tx.integration.update({ where: { id: integration.id }, data: { lastPullAt: now, ...(sentEverything ? { lastFullPullAt: now } : {}) } });
    if (overflow.length === 0) return 0;
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

/**
 * When Pruvan last received the order: its own lastSentAt (an incremental pull, a pull
 * over the cap, a push) or its integration's last full refresh if the order was current
 * then, whichever is later. The pull's send order (lib/db/sql/pruvan-pull) follows the same rule.
 */
export function lastSentToPruvan(
  order: { lastSentAt: Date | null; createdAt: Date; deletedAt: Date | null },
  lastFullPullAt: Date | null,
): Date | null {
  const full = lastFullPullAt;
  const inFull = full && order.createdAt <= full && (!order.deletedAt || order.deletedAt > full) ? full : null;
  if (!inFull) return order.lastSentAt;
  return order.lastSentAt && order.lastSentAt > inFull ? order.lastSentAt : inFull;
}

function byOrder(services: ServiceRow[]): Map<string, ServiceRow[]> {
  const grouped = new Map<string, ServiceRow[]>();
  for (const row of services) {
    const service = withJson(row);
    const list = grouped.get(service.workOrderId);
    if (list) list.push(service);
    else grouped.set(service.workOrderId, [service]);
  }
  return grouped;
}

/** JSON columns (options) arrive as text from SQLite. */
function withJson<T extends { options: unknown }>(row: T): T {
  if (typeof row.options !== "string") return row;
  try {
    return { ...row, options: JSON.parse(row.options) };
  } catch {
    return { ...row, options: null };
  }
}
