import type { Db, Tx } from "../client";
import { Prisma } from "../generated/client";
import { dateOf, readSnapshot, type RawRow } from "../reader";
import { ORDER_FIELDS, SERVICE_FIELDS, sqlColumnOf } from "@/lib/pruvan/work-order-fields";

// The getWorkOrders reads and its bookkeeping write, in plain SQL: the one place outside
// Prisma's schema that names these tables and columns. Plain on purpose: measured with
// 5000 orders x 3 services, Prisma's findMany took 250 ms for the orders and 450 ms for
// the services; these statements on the bulk reader (lib/db/reader) ~40 ms and ~80 ms.
// Portable to PostgreSQL: quoted names, CASE, NULLS FIRST, IN (subquery ... LIMIT).

type Client = Db | Tx;

/** Fields whose column is @map-ped (the field table's snake_case wire names) come back under their field name. */
const MAPPED: Record<string, string> = Object.fromEntries(
  [...ORDER_FIELDS, ...SERVICE_FIELDS].filter((f) => sqlColumnOf(f) !== f.column).map((f) => [f.column, sqlColumnOf(f)]),
);
const columnList = (fields: readonly string[]) =>
  Prisma.raw(fields.map((f) => (MAPPED[f] ? `"${MAPPED[f]}" AS "${f}"` : `"${f}"`)).join(", "));

export type PullScope = {
  integrationId: string;
  /** null = full refresh (every current order); a date = everything created, changed or deleted since. */
  since: Date | null;
  /** The integration's last full refresh that sent every current order (Integration.lastFullPullAt). */
  lastFullPullAt: Date | null;
};

function matching({ integrationId, since }: PullScope): Prisma.Sql {
  return since
    ? Prisma.sql`"integrationId" = ${integrationId} AND "updatedAt" >= ${since}` // index (integrationId, updatedAt)
    : Prisma.sql`"integrationId" = ${integrationId} AND "deletedAt" IS NULL`; // index (integrationId, deletedAt, lastSentAt)
}

/**
 * Least recently sent first, so that over several pulls every order gets its turn. An
 * order's last send is its own lastSentAt or, when later, the integration's last full
 * refresh if the order was current then (see lastSentToPruvan in lib/orders/pruvan-pull).
 */
function leastRecentlySent({ lastFullPullAt: full }: PullScope): Prisma.Sql {
  if (!full) return Prisma.sql`ORDER BY "lastSentAt" ASC NULLS FIRST, "id" ASC`;
  return Prisma.sql`ORDER BY CASE
      WHEN "createdAt" <= ${full} AND ("deletedAt" IS NULL OR "deletedAt" > ${full}) AND ("lastSentAt" IS NULL OR "lastSentAt" < ${full}) THEN ${full}
      ELSE "lastSentAt" END ASC NULLS FIRST, "id" ASC`;
}

export type PullRows = { orders: RawRow[]; services: RawRow[] };

/**
 * The first `limit` orders of the scope in send order, with the given order fields (and
 * id), and their services with the given service fields (and workOrderId), read in one
 * snapshot. DATETIME fields come back as Dates and JSON fields as text.
 */
export async function ordersToSend(scope: PullScope, fields: { order: readonly string[]; service: readonly string[] }, limit: number): Promise<PullRows> {
  const ids = Prisma.sql`SELECT "id" FROM "WorkOrder" WHERE ${matching(scope)} ${leastRecentlySent(scope)} LIMIT ${limit}`;
  const [orders, services] = await readSnapshot([
    Prisma.sql`SELECT "id", ${columnList(fields.order)} FROM "WorkOrder" WHERE ${matching(scope)} ${leastRecentlySent(scope)} LIMIT ${limit}`,
    Prisma.sql`SELECT "workOrderId", ${columnList(fields.service)} FROM "Service" WHERE "workOrderId" IN (${ids})`,
  ]);
  return { orders: orders!.map(withDates), services: services! };
}

const DATE_FIELDS = [...ORDER_FIELDS.filter((f) => f.kind === "dueDate" || f.kind === "dateTime").map((f) => f.column), "deletedAt", "createdAt", "updatedAt", "lastSentAt"];
function withDates(row: RawRow): RawRow {
  for (const field of DATE_FIELDS) if (field in row) row[field] = dateOf(row[field]);
  return row;
}

/** Every order of the scope in send order, ids only (for the orders past the cap). */
export function orderIdsToSend(client: Client, scope: PullScope): Promise<Array<{ id: string; deletedAt: Date | null }>> {
  return client.$queryRaw`SELECT "id", "deletedAt" FROM "WorkOrder" WHERE ${matching(scope)} ${leastRecentlySent(scope)}`;
}

/**
 * lastSentAt is bookkeeping, not a change to the order: written without touching
 * updatedAt (which Prisma's update would bump), or every pulled order would count as
 * changed on the next incremental pull and be sent again forever.
 */
export async function markOrdersSent(tx: Tx, orderIds: string[], at: Date): Promise<void> {
  for (let i = 0; i < orderIds.length; i += 500) {
    await tx.$executeRaw`UPDATE "WorkOrder" SET "lastSentAt" = ${at} WHERE "id" IN (${Prisma.join(orderIds.slice(i, i + 500))})`;
  }
}
