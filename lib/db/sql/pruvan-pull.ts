import type { Db, Tx } from "../client";
import { Prisma } from "../generated/client";
import { dateOf, readSnapshot, type RawRow } from "../reader";
import type { PullState } from "@/lib/orders/pull-window";
import { NOTHING_CONFIRMED } from "@/lib/pruvan/received";
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
  /**
   * Incremental only: changes since `from` are also answered unless an answer Pruvan read
   * (sent at or before `confirmedAt`) carried them (lib/orders/pull-window).
   */
  owed?: { from: Date; confirmedAt: Date | null } | null;
  /**
   * Our last answer, when Pruvan never read it or is not known to have read it
   * (lib/orders/pull-window). The orders it carried come back flagged `lostCarried` with
   * their stored copy, to be answered as if it was lost; `keepReported`: except those Pruvan
   * reported a status on since (it holds them).
   */
  unreadAnswer?: UnreadAnswer | null;
  /**
   * Full refresh only: the wire contexts' digests (lib/orders/full-refresh-wire) of an order
   * Pruvan holds as it is (`held`) and of one going in full again as an unread answer sent it
   * (`again`). Such an order whose stored Full Refresh text is of its version and context
   * comes back with it (`storedWire`), every other field null, and without its services.
   */
  wireContexts?: { held: string; again: string } | null;
};

/**
 * Our last answer (`at`), unread, with the unread answers before it whose copies it carried
 * again (`from`: lib/orders/pull-window unreadAnswers); `keepReported`: an order Pruvan
 * reported a status on after the answer that carried its copy holds the order, and keeps it.
 */
export type UnreadAnswer = { from: Date; at: Date; keepReported: boolean };

/** The orders whose pending copy the unread answer carries. */
function carriedBy({ from, at, keepReported }: UnreadAnswer): Prisma.Sql {
  const reported = keepReported ? Prisma.raw(` AND ("pruvanStatusAt" IS NULL OR "pruvanStatusAt" <= "pruvanAnsweredAt")`) : Prisma.empty;
  return Prisma.sql`("pruvanAnsweredAt" >= ${from} AND "pruvanAnsweredAt" <= ${at}${reported})`; // index (integrationId, pruvanAnsweredAt)
}

function matching({ integrationId, since, owed }: PullScope): Prisma.Sql {
  if (!since) return Prisma.sql`"integrationId" = ${integrationId} AND "deletedAt" IS NULL`; // index (integrationId, deletedAt, lastSentAt)
  if (!owed || owed.from >= since) {
    const from = owed && owed.from < since ? owed.from : since;
    return Prisma.sql`"integrationId" = ${integrationId} AND "updatedAt" >= ${from}`; // index (integrationId, updatedAt)
  }
  const read = owed.confirmedAt
    ? Prisma.sql` AND NOT ("lastSentAt" IS NOT NULL AND "lastSentAt" >= "updatedAt" AND "lastSentAt" <= ${owed.confirmedAt})`
    : Prisma.empty;
  return Prisma.sql`"integrationId" = ${integrationId} AND "updatedAt" >= ${owed.from} AND ("updatedAt" >= ${since} OR (1 = 1${read}))`;
}

/**
 * Least recently sent first, so that over several pulls every order gets its turn. An
 * order's last send is its own lastSentAt or, when later, the integration's last full
 * refresh if the order was current then (see lastSentToPruvan in lib/orders/last-sent).
 */
function leastRecentlySent({ lastFullPullAt: full }: PullScope): Prisma.Sql {
  if (!full) return Prisma.sql`ORDER BY "lastSentAt" ASC NULLS FIRST, "id" ASC`;
  return Prisma.sql`ORDER BY CASE
      WHEN "createdAt" <= ${full} AND ("deletedAt" IS NULL OR "deletedAt" > ${full}) AND ("lastSentAt" IS NULL OR "lastSentAt" < ${full}) THEN ${full}
      ELSE "lastSentAt" END ASC NULLS FIRST, "id" ASC`;
}

/**
 * What Pruvan holds of each order (lib/pruvan/received): `receivedCurrent` 1 when it holds
 * the order's current version (its copy is then not read: a full refresh of orders that did
 * not change reads no copy), else the stored copy; and updatedAt, the version being sent.
 *
 * With an unread answer (PullScope.unreadAnswer), each order that answer carried is
 * `lostCarried`: its copy is read unless it is current and nothing of it was ever confirmed
 * (`resendInFull`: the order then goes in full again, as it went in the unread answer, and
 * its copy is known without reading it: one full refresh after another on a new integration
 * reads no copy either).
 */
function receivedColumns(scope: PullScope): Prisma.Sql {
  const held = heldAsIs(scope);
  if (!scope.unreadAnswer)
    return Prisma.sql`"updatedAt", CASE WHEN ${held} THEN 1 ELSE 0 END AS "receivedCurrent", 0 AS "lostCarried", 0 AS "resendInFull",
      CASE WHEN ${held} THEN NULL ELSE ${STORED_COPY} END AS "pruvanReceived"`;
  const inFull = inFullAgain(scope.unreadAnswer);
  return Prisma.sql`"updatedAt",
    CASE WHEN ${held} THEN 1 ELSE 0 END AS "receivedCurrent",
    CASE WHEN ${carriedBy(scope.unreadAnswer)} THEN 1 ELSE 0 END AS "lostCarried",
    CASE WHEN ${inFull} THEN 1 ELSE 0 END AS "resendInFull",
    CASE WHEN ${held} OR ${inFull} THEN NULL ELSE ${STORED_COPY} END AS "pruvanReceived"`;
}

const CURRENT = Prisma.raw(`"pruvanReceivedOf" = "updatedAt"`);

/** Pruvan holds the order's current version, and no unread answer carried it (`receivedCurrent`). */
function heldAsIs({ unreadAnswer }: PullScope): Prisma.Sql {
  return unreadAnswer ? Prisma.sql`(${CURRENT} AND NOT ${carriedBy(unreadAnswer)})` : CURRENT;
}

/** The unread answer carried the order's current version and nothing of it was ever confirmed (`resendInFull`). */
function inFullAgain(unreadAnswer: UnreadAnswer): Prisma.Sql {
  const nothingConfirmed = Prisma.sql`EXISTS (SELECT 1 FROM "PruvanReceived" WHERE "workOrderId" = "WorkOrder"."id" AND "record" LIKE ${`${NOTHING_CONFIRMED}%`})`;
  return Prisma.sql`(${carriedBy(unreadAnswer)} AND ${CURRENT} AND ${nothingConfirmed})`;
}

/** The stored Full Refresh text of the order's version in its context, if any (alias "w"; PullScope.wireContexts). */
function storedWireJoin(scope: PullScope): Prisma.Sql {
  const contexts = scope.wireContexts;
  if (!contexts) return Prisma.empty;
  const again = scope.unreadAnswer ? Prisma.sql` WHEN ${inFullAgain(scope.unreadAnswer)} THEN ${contexts.again}` : Prisma.empty;
  return Prisma.sql`LEFT JOIN "FullRefreshWire" AS "w" ON "w"."workOrderId" = "WorkOrder"."id" AND "w"."version" = "WorkOrder"."updatedAt"
    AND "w"."context" = CASE WHEN ${heldAsIs(scope)} THEN ${contexts.held}${again} END`;
}

/** The order's fields, or null where its stored Full Refresh text stands for them (the driver then builds no value). */
function fieldColumns(scope: PullScope, fields: readonly string[]): Prisma.Sql {
  if (!scope.wireContexts) return columnList(fields);
  const column = (f: string) => (MAPPED[f] ? `"WorkOrder"."${MAPPED[f]}"` : `"WorkOrder"."${f}"`);
  return Prisma.raw(
    [...fields.map((f) => `CASE WHEN "w"."workOrderId" IS NULL THEN ${column(f)} END AS "${f}"`), `"w"."wire" AS "storedWire"`].join(", "),
  );
}

/** An order's stored record (PruvanReceived), in a statement on "WorkOrder": read only where a CASE asks for it. */
const STORED_COPY = Prisma.raw(`(SELECT "record" FROM "PruvanReceived" WHERE "workOrderId" = "WorkOrder"."id")`);

/** `carried`: the ids of every order whose pending copy the unread answer carries, in this answer or not. */
export type PullRows = { orders: RawRow[]; services: RawRow[]; carried: string[] };

/**
 * The first `limit` orders of the scope in send order, with the given order fields (and
 * id), and their services with the given service fields (and workOrderId), read in one
 * snapshot. DATETIME fields come back as Dates and JSON fields as text.
 */
export async function ordersToSend(
  scope: PullScope,
  fields: { order: readonly string[]; service: readonly string[] },
  limit: number,
): Promise<PullRows> {
  const ids = Prisma.sql`SELECT "id" FROM "WorkOrder" WHERE ${matching(scope)} ${leastRecentlySent(scope)} LIMIT ${limit}`;
  // Services only of orders whose stored Full Refresh text is not used.
  const serviceOf = scope.wireContexts
    ? Prisma.sql`SELECT "id" FROM (SELECT "WorkOrder"."id", "w"."workOrderId" AS "stored" FROM "WorkOrder" ${storedWireJoin(scope)}
        WHERE ${matching(scope)} ${leastRecentlySent(scope)} LIMIT ${limit}) AS "scope" WHERE "stored" IS NULL`
    : ids;
  const carried = scope.unreadAnswer
    ? [Prisma.sql`SELECT "id" FROM "WorkOrder" WHERE "integrationId" = ${scope.integrationId} AND ${carriedBy(scope.unreadAnswer)}`]
    : [];
  const [orders, services, carriedIds] = await readSnapshot([
    Prisma.sql`SELECT "WorkOrder"."id", ${fieldColumns(scope, fields.order)}, ${receivedColumns(scope)} FROM "WorkOrder" ${storedWireJoin(scope)}
      WHERE ${matching(scope)} ${leastRecentlySent(scope)} LIMIT ${limit}`,
    Prisma.sql`SELECT "workOrderId", ${columnList(fields.service)} FROM "Service" WHERE "workOrderId" IN (${serviceOf})`,
    ...carried,
  ]);
  return { orders: orders!.map(withDates), services: services!, carried: (carriedIds ?? []).map((r) => String(r.id)) };
}

const DATE_FIELDS = [
  ...ORDER_FIELDS.filter((f) => f.kind === "dueDate" || f.kind === "dateTime").map((f) => f.column),
  "deletedAt",
  "createdAt",
  "updatedAt",
  "lastSentAt",
];
function withDates(row: RawRow): RawRow {
  for (const field of DATE_FIELDS) if (field in row) row[field] = dateOf(row[field]);
  return row;
}

/** Every order of the scope in send order, ids only (for the orders past the cap). */
export function orderIdsToSend(client: Client, scope: PullScope): Promise<Array<{ id: string; deletedAt: Date | null }>> {
  return client.$queryRaw`SELECT "id", "deletedAt" FROM "WorkOrder" WHERE ${matching(scope)} ${leastRecentlySent(scope)}`;
}

/**
 * The integration's pull bookkeeping (lib/orders/pull-window), and lastFullPullAt after a full
 * refresh that sent every current order. Plain SQL: bookkeeping, not a change of the
 * integration (its updatedAt stays), and one statement where Prisma's update compiled a query
 * on every pull (~10 ms of CPU against ~2 ms, measured at load 25).
 */
export async function writePullState(tx: Tx, integrationId: string, state: PullState, fullPullAt: Date | null): Promise<void> {
  const full = fullPullAt ? Prisma.sql`, "lastFullPullAt" = ${fullPullAt}` : Prisma.empty;
  await tx.$executeRaw`UPDATE "Integration" SET "lastPullAt" = ${state.lastPullAt}, "pullBeforeLastAt" = ${state.pullBeforeLastAt},
    "pullConfirmedAt" = ${state.pullConfirmedAt}, "pullOwedFrom" = ${state.pullOwedFrom}, "pullOwedPaidBy" = ${state.pullOwedPaidBy},
    "pullCarriedFrom" = ${state.pullCarriedFrom}, "pullCarriedAfter" = ${state.pullCarriedAfter}${full}
    WHERE "id" = ${integrationId}`;
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

/** One order's new copy of what Pruvan holds; `version`: the updatedAt it was read with (the copy is current while it stays). */
export type ReceivedWrite = { id: string; received: string | null; version: Date };

/**
 * Writes what Pruvan now holds of these orders, without touching updatedAt (bookkeeping, not
 * a change). An order changed since it was read keeps no version (its copy is compared
 * again next time). `answeredAt`: the getWorkOrders answer the copies came with (undefined
 * for a push, which leaves that column alone).
 */
export async function writeReceived(tx: Tx, rows: ReceivedWrite[], answeredAt?: Date): Promise<void> {
  // A pull's bookkeeping and a push answer's may write copies of the same orders at once.
  const sorted = inIdOrder(rows);
  for (let i = 0; i < sorted.length; i += RECEIVED_BATCH) {
    const batch = sorted.slice(i, i + RECEIVED_BATCH);
    const kept = batch.filter((r) => r.received !== null);
    const unchanged = kept.length
      ? Prisma.join(
          kept.map((r) => Prisma.sql`("id" = ${r.id} AND "updatedAt" = ${r.version})`),
          " OR ",
        )
      : Prisma.sql`1 = 0`;
    const answered = answeredAt ? Prisma.sql`, "pruvanAnsweredAt" = ${answeredAt}` : Prisma.empty;
    await storeCopies(tx, batch);
    await tx.$executeRaw`UPDATE "WorkOrder" SET "pruvanReceivedOf" = CASE WHEN ${unchanged} THEN "updatedAt" ELSE NULL END${answered}
      WHERE "id" IN (${Prisma.join(batch.map((r) => r.id))})`;
  }
}

/** The stored records of these orders, those whose pending copy the unread answer still carries. */
export async function carriedCopies(
  tx: Client,
  integrationId: string,
  unread: UnreadAnswer,
  orderIds: string[],
): Promise<Array<{ id: string; pruvanReceived: string | null }>> {
  const rows: RawRow[] = [];
  for (let i = 0; i < orderIds.length; i += IDS_PER_STATEMENT) {
    const ids = Prisma.join(orderIds.slice(i, i + IDS_PER_STATEMENT));
    rows.push(
      ...(await tx.$queryRaw<RawRow[]>`SELECT "id", ${STORED_COPY} AS "pruvanReceived" FROM "WorkOrder"
        WHERE "integrationId" = ${integrationId} AND ${carriedBy(unread)} AND "id" IN (${ids})`),
    );
  }
  return rows.map((r) => ({ id: String(r.id), pruvanReceived: (r.pruvanReceived as string | null) ?? null }));
}

/**
 * The orders Pruvan reported a status on after the unread answer that carried their copy
 * hold that copy for good (UnreadAnswer.keepReported): no later answer carries it.
 */
export async function keepReportedCopies(tx: Tx, integrationId: string, unread: UnreadAnswer): Promise<void> {
  await tx.$executeRaw`UPDATE "WorkOrder" SET "pruvanAnsweredAt" = NULL
    WHERE "integrationId" = ${integrationId} AND "pruvanAnsweredAt" >= ${unread.from} AND "pruvanAnsweredAt" <= ${unread.at}
      AND "pruvanStatusAt" > "pruvanAnsweredAt"`;
}

/** Ids bound per statement: few statements (each one compiled by Prisma), far below either database's limit on parameters. */
const IDS_PER_STATEMENT = 2500;

/** Back to what Pruvan held before an answer it never read (each copy is compared again next time). */
export async function rollBackAnswered(tx: Tx, rows: Array<{ id: string; received: string | null }>): Promise<void> {
  for (let i = 0; i < rows.length; i += RECEIVED_BATCH) {
    const batch = rows.slice(i, i + RECEIVED_BATCH);
    await storeCopies(tx, batch);
    await tx.$executeRaw`UPDATE "WorkOrder" SET "pruvanReceivedOf" = NULL, "pruvanAnsweredAt" = NULL
      WHERE "id" IN (${Prisma.join(batch.map((r) => r.id))})`;
  }
}

/**
 * Rows in id order, for writers that may run at once on the same orders (PostgreSQL): rows
 * locked in one order by both cannot deadlock.
 */
function inIdOrder<T extends { id: string }>(rows: T[]): T[] {
  return rows.length > 1 ? [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : rows;
}

/** Orders per statement when copies are written: one statement (one query compile) per batch, not per order. */
const RECEIVED_BATCH = 300;

/** Stores each order's record (PruvanReceived), or removes it (null: Pruvan holds nothing of the order). */
async function storeCopies(tx: Tx, rows: Array<{ id: string; received: string | null }>): Promise<void> {
  const kept = rows.filter((r) => r.received !== null);
  const gone = rows.filter((r) => r.received === null).map((r) => r.id);
  if (kept.length > 0)
    await tx.$executeRaw`INSERT INTO "PruvanReceived" ("workOrderId", "record") VALUES ${Prisma.join(kept.map((r) => Prisma.sql`(${r.id}, ${r.received})`))}
      ON CONFLICT ("workOrderId") DO UPDATE SET "record" = excluded."record"`;
  if (gone.length > 0) await tx.$executeRaw`DELETE FROM "PruvanReceived" WHERE "workOrderId" IN (${Prisma.join(gone)})`;
}

/** An order's Full Refresh text (lib/orders/full-refresh-wire), of the version it was read with. */
export type StoredWire = { id: string; version: Date; context: string; wire: string };

/** Stores (or replaces) the Full Refresh texts of these orders (two instances may store texts of the same orders at once). */
export async function storeFullRefreshWires(tx: Tx, rows: StoredWire[]): Promise<void> {
  const sorted = inIdOrder(rows);
  for (let i = 0; i < sorted.length; i += RECEIVED_BATCH) {
    const values = sorted.slice(i, i + RECEIVED_BATCH).map((r) => Prisma.sql`(${r.id}, ${r.version}, ${r.context}, ${r.wire})`);
    await tx.$executeRaw`INSERT INTO "FullRefreshWire" ("workOrderId", "version", "context", "wire") VALUES ${Prisma.join(values)}
      ON CONFLICT ("workOrderId") DO UPDATE SET "version" = excluded."version", "context" = excluded."context", "wire" = excluded."wire"`;
  }
}
