import { config } from "@/lib/config";
import { db, retryOnConflict, type Tx } from "@/lib/db";
import {
  carriedCopies,
  keepReportedCopies,
  markOrdersSent,
  orderIdsToSend,
  ordersToSend,
  rollBackAnswered,
  writePullState,
  writeReceived,
  type PullScope,
  type ReceivedWrite,
  type StoredWire,
  type UnreadAnswer,
} from "@/lib/db/sql/pruvan-pull";
import { asciiText, SerializedJson } from "@/lib/pruvan/api-wire";
import {
  heldAsSent,
  heldNow,
  readReceived,
  recordAnswered,
  sameHeld,
  sameRecord,
  sendContext,
  storedRecord,
  toSend,
  withoutPending,
  type ReceivedBy,
} from "@/lib/pruvan/received";
import type { IntegrationRules } from "@/lib/pruvan/statuses";
import {
  serializeWorkOrder,
  wireOrderSelect,
  wireServiceSelect,
  type OrderForWire,
  type WireContext,
  type WireWorkOrder,
} from "@/lib/pruvan/work-order-wire";
import { startFullPushSync } from "@/lib/push/full-sync";
import { afterPushCallUnderWay, enqueuePush, holdPushesAfterAnswer } from "@/lib/push/outbox";
import { loadStatusMap } from "@/lib/status-mapping/queries";
import { fullRefreshContexts, storeFullRefreshTexts } from "./full-refresh-wire";
import { afterPull, incrementalWindow, unreadAnswers, unreadBeforeFullRefresh } from "./pull-window";

// getWorkOrders: the orders one integration pulls (pruvan-api-v2 "getWorkOrders Modes").
// Full refresh = every current (not deleted) order; incremental = every order created,
// changed or deleted since the timestamp. Orders, then their services in bulk (no query
// per order), index-backed, only the columns the serializer reads (lib/db/sql/pruvan-pull).
// Over the per-answer limit (pruvan-api-v2 "Limits"), nothing is lost: a full refresh is
// refused (a partial one would delete the rest in Pruvan) and, with a push key, sent by push
// instead (lib/push/full-sync); an incremental pull answers the least recently sent and the
// next ones reach back for the rest (./pull-window).

export type PullResult =
  | { ok: true; workOrders: Array<WireWorkOrder | SerializedJson>; matched: number; queuedForPush: number }
  | { ok: false; error: string; current: number; fullSync: { started: boolean; syncId: string } | null };
type OrderRow = OrderForWire & {
  id: string;
  updatedAt: Date;
  receivedCurrent: unknown;
  lostCarried: unknown;
  resendInFull: unknown;
  pruvanReceived: unknown;
  /** A Full Refresh's stored text of this order (lib/orders/full-refresh-wire): its other fields are then null. */
  storedWire?: unknown;
};
type ServiceRow = OrderForWire["services"][number] & { workOrderId: string };

const WIRE_ORDER_COLUMNS = Object.keys(wireOrderSelect);
const WIRE_SERVICE_COLUMNS = Object.keys(wireServiceSelect);

export async function pullWorkOrders(
  integration: IntegrationRules & { id: string },
  since: Date | null,
  opts: { limit?: number; now?: Date } = {},
): Promise<PullResult> {
  const limit = opts.limit ?? config().ordersPerAnswer;
  // What Pruvan holds must be known before the answer is computed from it.
  await afterPushCallUnderWay(integration.id, config().push.timeoutMs);
  const now = opts.now ?? new Date();
  const [state, mapping] = await Promise.all([
    db().integration.findUniqueOrThrow({
      where: { id: integration.id },
      select: {
        lastFullPullAt: true,
        lastPullAt: true,
        pullBeforeLastAt: true,
        pullConfirmedAt: true,
        pullOwedFrom: true,
        pullOwedPaidBy: true,
        pullCarriedFrom: true,
        pullCarriedAfter: true,
        createdAt: true,
      },
    }),
    loadStatusMap(),
  ]);
  const window = since ? incrementalWindow(since, state, state.createdAt) : { state, owed: null, lost: unreadBeforeFullRefresh(state) };
  // Our last answer, unread (or, before a full refresh, not known read): this one answers
  // each order it carried as if it was lost, and what it does not carry again is rolled back
  // with this answer's own writes, in one commit. Before a full refresh, an order Pruvan
  // reported a status on since that answer shows it holds the order: it keeps what it got.
  const unread = window.lost ? { ...unreadAnswers(window.state, window.lost), keepReported: since === null } : null;
  const ctx = { mode: integration.mode, autoAdmin: integration.autoAdmin, mapping };
  const wireContexts = since === null ? fullRefreshContexts(ctx) : null;
  const scope: PullScope = {
    integrationId: integration.id,
    since,
    lastFullPullAt: state.lastFullPullAt,
    owed: window.owed,
    unreadAnswer: unread,
    wireContexts,
  };
  const rows = await ordersToSend(scope, { order: WIRE_ORDER_COLUMNS, service: WIRE_SERVICE_COLUMNS }, limit + 1);
  if (since === null && rows.orders.length > limit) return refuseFullRefresh(integration.id, limit);
  // Over the cap (rare): the ids of everything past the first `limit`, for the push queue.
  const overflow = rows.orders.length > limit ? (await orderIdsToSend(db(), scope)).slice(limit) : [];
  const sent = (rows.orders as OrderRow[]).slice(0, limit).map(withJson);
  const services = byOrder(rows.services as ServiceRow[]);
  const answer = answerOrders(sent, services, ctx, wireContexts, now);

  // A full refresh that fits in one answer sent every current order: one row records that
  // (lastFullPullAt) instead of a write to each of up to 5000 order rows, which cost more
  // than the rest of the pull (measured: ~40% of the server's time and ~20 MB of WAL per pull).
  const sentEverything = since === null && overflow.length === 0;
  const after = afterPull(window.state, { since, complete: overflow.length === 0, now, carried: unread });
  const queuedForPush = await retryOnConflict(() =>
    db().$transaction(async (tx) => {
      // Copies first, then order rows, as a push answer writes them (lib/push/deliver markDelivered).
      await writeReceived(tx, answer.received, now);
      if (!sentEverything)
        await markOrdersSent(
          tx,
          sent.map((o) => o.id),
          now,
        );
      if (unread) {
        await rollBackLostAnswer(
          tx,
          integration.id,
          unread,
          rows.carried.filter((id) => !answer.answered.has(id)),
        );
        if (unread.keepReported) await keepReportedCopies(tx, integration.id, unread);
      }
      await writePullState(tx, integration.id, after, sentEverything ? now : null);
      if (sent.length > 0) await holdPushesAfterAnswer(tx, integration.id, now);
      if (overflow.length === 0) return 0;
      // The rest goes out through the push key (the doc's advice for more than 5000 orders).
      const live = overflow.filter((o) => !o.deletedAt).map((o) => o.id);
      const deleted = overflow.filter((o) => o.deletedAt).map((o) => o.id);
      return (
        (await enqueuePush(tx, { integrationId: integration.id, workOrderIds: live, kind: "upsert" })) +
        (await enqueuePush(tx, { integrationId: integration.id, workOrderIds: deleted, kind: "delete" }))
      );
    }),
  );
  await storeFullRefreshTexts(answer.texts);
  if (overflow.length > 0) {
    console.log(
      JSON.stringify({
        pruvan: "getWorkOrders",
        integration: integration.id,
        matched: sent.length + overflow.length,
        sent: sent.length,
        queuedForPush,
      }),
    );
  }
  return { ok: true, workOrders: answer.workOrders, matched: sent.length + overflow.length, queuedForPush };
}

const flag = (value: unknown) => value === 1 || value === true;

/**
 * The answer's work orders, each as much as Pruvan lacks of it, and the copies of what
 * Pruvan will hold once it read them that differ from those stored. An order an unread answer
 * carried that this one carries again as that one did keeps its copy, with that answer's time
 * (lib/orders/pull-window unreadAnswers). `fullRefresh` (null for an incremental pull): its
 * stored texts' contexts (lib/orders/full-refresh-wire); an order Pruvan holds as it is, or
 * that goes in full again, goes as its stored text, or its text is returned for storing
 * (`texts`).
 */
function answerOrders(
  sent: OrderRow[],
  services: Map<string, ServiceRow[]>,
  ctx: WireContext,
  fullRefresh: PullScope["wireContexts"],
  now: Date,
) {
  const by: ReceivedBy = fullRefresh ? "full-refresh" : "incremental-pull";
  const workOrders: Array<WireWorkOrder | SerializedJson> = [];
  const received: ReceivedWrite[] = [];
  const texts: StoredWire[] = [];
  const answered = new Set<string>();
  for (const o of sent) {
    if (typeof o.storedWire === "string") {
      workOrders.push(new SerializedJson(o.storedWire));
      answered.add(o.id);
      continue;
    }
    // Pruvan holds this version already: compare with the order itself (no copy to read or write).
    const current = flag(o.receivedCurrent);
    const carried = flag(o.lostCarried);
    const inFull = flag(o.resendInFull);
    const stored = current || inFull ? null : readReceived(o.pruvanReceived);
    const record = carried ? withoutPending(stored) : stored;
    const held = current ? null : heldNow(record);
    o.services = services.get(o.id) ?? []; // the row is ours: completed in place, not copied (5000 per full refresh)
    const full = serializeWorkOrder(o, current ? ctx : sendContext(ctx, held));
    if (!full) continue;
    const kind = by === "full-refresh" ? "full-refresh" : "update";
    const wire = toSend(full, current ? heldAsSent(full) : held, kind, ctx, { againAsSent: inFull });
    answered.add(o.id);
    const context = fullRefresh && (current ? fullRefresh.held : inFull ? fullRefresh.again : null);
    if (context) {
      const text = asciiText(wire);
      workOrders.push(new SerializedJson(text));
      texts.push({ id: o.id, version: o.updatedAt, context, wire: text });
    } else workOrders.push(wire);
    if (current) continue;
    // In full again, as the unread answer sent this version of it: the copy it left is this one's.
    if (inFull) continue;
    const next = recordAnswered(record, wire, by, now);
    const changed = carried ? !sameRecord(stored, next) : !sameHeld(heldNow(record), heldNow(next));
    if (changed) received.push({ id: o.id, received: storedRecord(next), version: o.updatedAt });
  }
  return { workOrders, received, answered, texts };
}

/**
 * The orders an unread answer carried that this answer did not carry again (`orderIds`): what
 * that answer carried is not in Pruvan, so each goes back to what Pruvan held before, and a
 * later answer carries those changes again.
 */
async function rollBackLostAnswer(tx: Tx, integrationId: string, unread: UnreadAnswer, orderIds: string[]) {
  if (orderIds.length === 0) return;
  const before = (await carriedCopies(tx, integrationId, unread, orderIds)).map((row) => {
    const record = readReceived(row.pruvanReceived);
    return { id: row.id, received: record?.confirmed ? storedRecord(withoutPending(record)) : null };
  });
  await rollBackAnswered(tx, before);
}

/**
 * A full refresh over the limit: answered with an error, so that Pruvan imports (and
 * deletes) nothing, saying how many orders there are and what to do; with a push key every
 * current order goes by push instead.
 */
async function refuseFullRefresh(integrationId: string, limit: number): Promise<PullResult> {
  const { current, fullSync } = await db().$transaction(async (tx) => ({
    current: await tx.workOrder.count({ where: { integrationId, deletedAt: null } }),
    fullSync: await startFullPushSync(tx, integrationId),
  }));
  const n = (x: number) => x.toLocaleString("en-US");
  const why = `This integration has ${n(current)} current work orders, more than the ${n(limit)} one Full Refresh can carry, and a partial refresh would delete the rest in Pruvan, so nothing was sent.`;
  const todo = fullSync
    ? ` The work-order portal ${fullSync.started ? "is now sending" : "is already sending"} all of them through the push key instead, within Pruvan's hourly limit; its integration page shows how far it got. Import Orders keeps working meanwhile.`
    : ` Use Import Orders instead (it sends what changed, ${n(limit)} per import, the rest with the next imports), or click Validate so that the portal gets the push key and can send all of them by push.`;
  return { ok: false, error: why + todo, current, fullSync };
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

/** JSON columns (options) arrive as text from SQLite: parsed in place (the row is ours). */
function withJson<T extends { options: unknown }>(row: T): T {
  if (typeof row.options !== "string") return row;
  try {
    row.options = JSON.parse(row.options);
  } catch {
    row.options = null;
  }
  return row;
}
