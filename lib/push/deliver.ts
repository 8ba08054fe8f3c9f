import { MAX_RETRY_DELAY_MS, retryDelayMs } from "@/lib/backoff";
import { config, type AppConfig } from "@/lib/config";
import { db, retryOnConflict, type Integration, type PushKind } from "@/lib/db";
import { toAscii } from "@/lib/pruvan/ascii";
import { orderNumberCandidates } from "@/lib/pruvan/order-number";
import { writeReceived } from "@/lib/db/sql/pruvan-pull";
import { heldNow, readReceived, recordAcknowledged, sendContext, storedRecord, toSend, type ReceivedRecord } from "@/lib/pruvan/received";
import { serializeWorkOrder, wireOrderSelect, wireServiceSelect, type WireWorkOrder } from "@/lib/pruvan/work-order-wire";
import { loadStatusMap } from "@/lib/status-mapping/queries";
import { oneLine, type CallResult, type OrderError } from "./answer";
import { pickOrderRuns, type BatchJob, type OrderRun } from "./batch";
import { PushLease } from "./lease";
import { claimJobs, holdPushes } from "./outbox";
import { callPushKey, type PushCall } from "./send";

// Delivery for one integration: holds the integration's lease (so one call at a time per
// integration, across processes), then sends batches until nothing is due, the hourly
// limit is reached or a call fails. Every outcome is written before the next call.

type PushSettings = AppConfig["push"];

export type DeliverySummary = {
  integration: string;
  calls: number;
  delivered: number; // orders Pruvan took
  refused: number; // orders Pruvan answered an error for
  failed: number; // orders of failed calls (they retry)
  dead: number; // jobs given up
  notSent: number; // jobs with nothing to send
  refreshes: number;
  heldUntil: Date | null;
  stopped: "idle" | "held" | "busy" | "no-push-key" | "lost-lease" | "shutting-down";
};

/** Asked between calls: true once the process is shutting down (the call in flight finishes first). */
export type StopSignal = () => boolean;

export async function deliverIntegration(
  integrationId: string,
  push: PushSettings = config().push,
  stopping: StopSignal = () => false,
): Promise<DeliverySummary> {
  const summary: DeliverySummary = {
    integration: integrationId,
    calls: 0,
    delivered: 0,
    refused: 0,
    failed: 0,
    dead: 0,
    notSent: 0,
    refreshes: 0,
    heldUntil: null,
    stopped: "idle",
  };
  const lease = await PushLease.acquire(integrationId, push);
  if (!lease) return { ...summary, stopped: "busy" };
  try {
    await recoverInterrupted(integrationId, push);
    for (;;) {
      if (stopping()) return { ...summary, stopped: "shutting-down" };
      const integration = await db().integration.findUnique({ where: { id: integrationId } });
      if (!integration?.pushKeyUrl || integration.disabledAt) return { ...summary, stopped: "no-push-key" };
      summary.integration = integration.username;
      if (integration.pushHoldUntil && integration.pushHoldUntil > new Date()) {
        return { ...summary, heldUntil: integration.pushHoldUntil, stopped: "held" };
      }
      if (!(await lease.renew())) return { ...summary, stopped: "lost-lease" };
      const sent = (await sendRefresh(integration, lease, push, summary)) || (await sendNextBatch(integration, lease, push, summary));
      if (!sent) return summary;
    }
  } catch (err) {
    if (err instanceof LostClaim) return { ...summary, stopped: "lost-lease" };
    throw err;
  } finally {
    await lease.release();
  }
}

/** The jobs of a call were claimed by another worker: this delivery stops. */
class LostClaim extends Error {}

/**
 * Jobs left "sending" by a worker that stopped mid-call (crash, kill, lost lease) are sent
 * again: Pruvan upserts by workOrderNumber, so a repeat is harmless. Each interruption
 * counts as an attempt, so a batch that kills the process cannot loop forever.
 */
async function recoverInterrupted(integrationId: string, push: PushSettings) {
  const where = { integrationId, state: "sending" as const };
  const stale = await db().pushJob.count({ where });
  if (stale === 0) return;
  const note = "Interrupted mid-delivery (the server stopped); sent again";
  await db().$transaction(async (tx) => {
    // A call is interrupted when it is still "sending", and also when its answer was recorded
    // but the process stopped before its jobs were: they go again, and the Push log says so.
    const cutOff = await tx.pushJob.findMany({
      where: { ...where, batchId: { not: null } },
      select: { batchId: true },
      distinct: ["batchId"],
    });
    const batchIds = cutOff.map((j) => j.batchId!);
    await tx.pushBatch.updateMany({
      where: { integrationId, OR: [{ outcome: "sending" }, { id: { in: batchIds } }] },
      data: { outcome: "interrupted", finishedAt: new Date() },
    });
    await tx.pushJob.updateMany({
      where: { ...where, attempts: { gte: push.maxAttempts - 1 } },
      data: { state: "dead", attempts: { increment: 1 }, lockedUntil: null, lastError: note },
    });
    await tx.pushJob.updateMany({ where, data: { state: "pending", attempts: { increment: 1 }, lockedUntil: null, lastError: note } });
  });
}

// --- Refresh ------------------------------------------------------------------------------

/** Pending "refresh" requests of the integration coalesce into one call. */
async function sendRefresh(integration: Integration, lease: PushLease, push: PushSettings, summary: DeliverySummary): Promise<boolean> {
  const jobs = await db().pushJob.findMany({
    where: { integrationId: integration.id, state: "pending", kind: "refresh", nextAttemptAt: { lte: new Date() } },
    select: { id: true, attempts: true },
  });
  if (jobs.length === 0) return false;
  const result = await call(integration, "refresh", jobs, 0, lease, { kind: "refresh" }, push);
  summary.calls += 1;
  if (result.ok) {
    summary.refreshes += 1;
    await markDelivered(
      integration.id,
      result,
      jobs.map((j) => j.id),
    );
  } else {
    await markFailed(integration, result, jobs, push, summary);
  }
  return true;
}

// --- Orders -------------------------------------------------------------------------------

async function sendNextBatch(integration: Integration, lease: PushLease, push: PushSettings, summary: DeliverySummary): Promise<boolean> {
  const room = await hourlyRoom(integration.id, push.hourlyLimit);
  if (room.left <= 0) {
    // Pruvan's limit of inserts/updates per hour: the jobs wait, nothing is dropped.
    await holdPushes(db(), integration.id, room.freesAt);
    summary.heldUntil = room.freesAt;
    summary.stopped = "held";
    return false;
  }
  const runs = await pickOrderRuns(integration.id, Math.min(push.batchSize, room.left), new Date());
  if (runs.length === 0) return false;
  const { entries, nothingToSend } = await serializeRuns(integration, runs);
  if (nothingToSend.length > 0) {
    summary.notSent += nothingToSend.length;
    await db().pushJob.updateMany({
      where: { id: { in: nothingToSend }, state: "pending" },
      data: { state: "discarded", lastError: NOT_SENT_DELETE },
    });
  }
  if (entries.length === 0) return true;
  const jobs = entries.flatMap((e) => e.run.jobs);
  const result = await call(
    integration,
    "upsert",
    jobs,
    entries.length,
    lease,
    { kind: "orders", workOrders: entries.map((e) => e.wire) },
    push,
  );
  summary.calls += 1;
  if (!result.ok) {
    await markFailed(integration, result, jobs, push, summary);
    return true;
  }
  const errors = matchOrderErrors(entries, result.orderErrors);
  const lost = await resendLost(entries, errors);
  const refused = new Map([...errors].filter(([id]) => !lost.has(id)));
  const refusedJobs = entries.filter((e) => refused.has(e.run.workOrderId)).flatMap((e) => e.run.jobs);
  const taken = entries.filter((e) => !errors.has(e.run.workOrderId));
  const deliveredOrders = taken.map((e) => e.run.workOrderId);
  await markDelivered(
    integration.id,
    result,
    taken.flatMap((e) => e.run.jobs.map((j) => j.id)),
    taken,
  );
  await markRefused(result, refused, refusedJobs);
  summary.delivered += deliveredOrders.length;
  summary.refused += refused.size;
  return true;
}

/** An order's call entry: what is sent, and what Pruvan held before (null: it goes in full). */
type Entry = { run: OrderRun; wire: WireWorkOrder; record: ReceivedRecord | null; held: boolean; version: Date };

/** Each order as it is now, under the integration's field rules (the one serializer). */
async function serializeRuns(integration: Integration, runs: OrderRun[]): Promise<{ entries: Entry[]; nothingToSend: string[] }> {
  const [orders, mapping] = await Promise.all([
    db().workOrder.findMany({
      where: { id: { in: runs.map((r) => r.workOrderId) } },
      select: {
        id: true,
        ...wireOrderSelect,
        updatedAt: true,
        pruvanReceived: { select: { record: true } },
        services: { select: wireServiceSelect },
      },
    }),
    loadStatusMap(),
  ]);
  const byId = new Map(orders.map((o) => [o.id, o]));
  const entries: Entry[] = [];
  const nothingToSend: string[] = [];
  for (const run of runs) {
    const order = byId.get(run.workOrderId);
    // What Pruvan holds of the order (lib/pruvan/received); holding nothing, this push is its create.
    const record = order ? readReceived(order.pruvanReceived?.record) : null;
    const held = heldNow(record);
    const ctx = { mode: integration.mode, autoAdmin: integration.autoAdmin, mapping, force: run.force };
    const wire = order ? serializeWorkOrder(order, sendContext(ctx, held)) : null;
    if (!order || !wire) {
      nothingToSend.push(...run.jobs.map((j) => j.id));
      continue;
    }
    if (run.omitServices.length > 0) {
      // Step one of a survey template change: the task leaves Pruvan; the next job adds it back.
      const omit = new Set(run.omitServices.map(toAscii));
      wire.services = (wire.services ?? []).filter((s) => !omit.has(s.serviceName));
    }
    // An update carries what changed since Pruvan last received the order.
    entries.push({ run, wire: toSend(wire, held, "update", ctx), record, held: held !== null && !run.force, version: order.updatedAt });
  }
  return { entries, nothingToSend };
}

/**
 * An update Pruvan refused for an order it should hold: it lost the order (an account user
 * deleted it there, a full import dropped it), so the update could not create it again.
 * Such orders forget what Pruvan held and their jobs go again, in full.
 */
async function resendLost(entries: Entry[], errors: Map<string, string>): Promise<Set<string>> {
  const lost = entries.filter((e) => e.held && errors.has(e.run.workOrderId));
  if (lost.length === 0) return new Set();
  const ids = lost.map((e) => e.run.workOrderId);
  await db().$transaction((tx) =>
    writeReceived(
      tx,
      ids.map((id, i) => ({ id, received: null, version: lost[i]!.version })),
    ),
  );
  await db().pushJob.updateMany({
    where: { id: { in: lost.flatMap((e) => e.run.jobs.map((j) => j.id)) }, state: "sending" },
    data: { state: "pending", lockedUntil: null, lastError: "Pruvan no longer had this order; sent again in full" },
  });
  return new Set(ids);
}

/** Pruvan names an order as sent, or as "{client code}::number". */
function matchOrderErrors(entries: Entry[], errors: OrderError[]): Map<string, string> {
  const refused = new Map<string, string>();
  const byNumber = new Map(entries.map((x) => [x.wire.workOrderNumber, x]));
  for (const e of errors) {
    const entry = orderNumberCandidates(e.workOrderNumber)
      .map((n) => byNumber.get(n))
      .find(Boolean);
    if (entry) refused.set(entry.run.workOrderId, [refused.get(entry.run.workOrderId), e.error].filter(Boolean).join("; "));
  }
  return refused;
}

// --- The call and its bookkeeping -------------------------------------------------------------

/** Claims the jobs, records the call in PushBatch, makes it, and records the answer. */
async function call(
  integration: Integration,
  kind: PushKind,
  jobs: Pick<BatchJob, "id">[],
  orderCount: number,
  lease: PushLease,
  request: PushCall,
  push: PushSettings,
): Promise<CallResult & { batchId: string }> {
  const batch = await db().pushBatch.create({ data: { integrationId: integration.id, kind, orderCount, outcome: "sending" } });
  // Claimed only while the lease is still ours: a delivery that stalled past its lease (the
  // next holder has recovered its jobs) must not send what the next holder sends.
  const claimed = await lease
    .fenced((until) =>
      claimJobs(
        jobs.map((j) => j.id),
        batch.id,
        until,
        { integrationId: integration.id, leaseUntil: until },
      ),
    )
    .catch(async (err: unknown) => {
      // Nothing was sent (the claim's transaction failed, e.g. timed out under load): the call
      // never happened, and a batch left "sending" would read as one cut off mid-call.
      await db().pushBatch.delete({ where: { id: batch.id } });
      throw err;
    });
  if (claimed.length === 0) {
    // Another worker has these jobs, or our lease ran out under load: the call is theirs.
    await db().pushBatch.delete({ where: { id: batch.id } });
    throw new LostClaim();
  }
  const result = await callPushKey(integration.pushKeyUrl!, request, { allowedHosts: push.allowedHosts, timeoutMs: push.timeoutMs });
  // Only a call still "sending" is ours to record: when our lease ran out mid-call (a stalled
  // instance), the next holder marked it interrupted and sends its jobs again, and that stays
  // what the Push log shows (the answer recorded over it hid the repeat).
  const { count } = await db().pushBatch.updateMany({
    where: { id: batch.id, outcome: "sending" },
    data: {
      outcome: result.ok ? "delivered" : "failed",
      httpStatus: result.status,
      response: result.body === null ? null : trimmed(result.body),
      error: result.ok ? null : result.reason,
      durationMs: result.durationMs,
      finishedAt: new Date(),
    },
  });
  if (count === 0) throw new LostClaim();
  return { ...result, batchId: batch.id };
}

/**
 * The orders Pruvan took (acknowledged: created or updated, no error): their jobs delivered
 * and what Pruvan now holds of each, in one commit, so that no getWorkOrders answer (which
 * waits for calls under way: lib/push/outbox afterPushCallUnderWay) finds a job delivered
 * whose copy is not written yet, and takes Pruvan to hold less than it does.
 */
async function markDelivered(integrationId: string, result: CallResult & { batchId: string }, jobIds: string[], taken: Entry[] = []) {
  const now = new Date();
  const orderIds = taken.map((e) => e.run.workOrderId);
  const received = taken.map((e) => ({
    id: e.run.workOrderId,
    received: storedRecord(recordAcknowledged(e.record, e.wire, now)),
    version: e.version,
  }));
  await retryOnConflict(() =>
    db().$transaction(async (tx) => {
      await writeReceived(tx, received); // copies first, then order rows, as a pull's bookkeeping
      await tx.pushJob.updateMany({
        where: { id: { in: jobIds }, batchId: result.batchId, state: "sending" },
        data: {
          state: "delivered",
          deliveredAt: now,
          lockedUntil: null,
          lastStatus: result.status,
          lastResponse: trimmed(result.body ?? ""),
          lastError: null,
        },
      });
      await tx.workOrder.updateMany({ where: { id: { in: orderIds } }, data: { lastSentAt: now, pushError: null, pushErrorAt: null } });
      // A hold is left as it is: one in the future is an import's (holdPushesAfterAnswer).
      await tx.integration.update({ where: { id: integrationId }, data: { lastPushAt: now } });
      // Only our own failure note is cleared; other parts may have written lastError.
      await tx.integration.updateMany({
        where: { id: integrationId, lastError: { startsWith: PUSH_ERROR_PREFIX } },
        data: { lastError: null, lastErrorAt: null },
      });
    }),
  );
}

/** Orders Pruvan answered an error for: not retried (the same order would be refused again). */
async function markRefused(result: CallResult & { batchId: string }, refused: Map<string, string>, jobs: BatchJob[]) {
  if (refused.size === 0) return;
  const now = new Date();
  await db().$transaction([
    ...[...refused].flatMap(([orderId, error]) => [
      db().workOrder.update({ where: { id: orderId }, data: { pushError: error, pushErrorAt: now } }),
      db().pushJob.updateMany({
        where: { workOrderId: orderId, id: { in: jobs.map((j) => j.id) }, batchId: result.batchId, state: "sending" },
        data: {
          state: "dead",
          attempts: { increment: 1 },
          lockedUntil: null,
          lastStatus: result.status,
          lastResponse: trimmed(result.body ?? ""),
          lastError: `Pruvan refused this order: ${error}`,
        },
      }),
    ]),
  ]);
}

const NOT_SENT_DELETE =
  "Not sent: an external integration without auto_admin cannot delete an order in Pruvan (its status is ignored). An admin can force one push.";

export const PUSH_ERROR_PREFIX = "Push to Pruvan failed";

/** A failed call: every job of it backs off (or dies), and the integration waits as long. */
async function markFailed(
  integration: Integration,
  result: Extract<CallResult, { ok: false }> & { batchId: string },
  jobs: Pick<BatchJob, "id" | "attempts">[],
  push: PushSettings,
  summary: DeliverySummary,
) {
  const attempt = Math.max(...jobs.map((j) => j.attempts)) + 1;
  const delay = Math.min(MAX_RETRY_DELAY_MS, Math.max(retryDelayMs(attempt, push.retryBaseMs), result.retryAfterMs ?? 0));
  const now = new Date();
  const retryAt = new Date(now.getTime() + delay);
  const ids = jobs.map((j) => j.id);
  const dying = jobs.filter((j) => j.attempts + 1 >= push.maxAttempts).map((j) => j.id);
  const common = {
    lockedUntil: null,
    lastStatus: result.status,
    lastResponse: result.body === null ? null : trimmed(result.body),
    lastError: result.reason,
  };
  await db().$transaction([
    db().pushJob.updateMany({
      where: { id: { in: dying }, batchId: result.batchId },
      data: { ...common, state: "dead", attempts: { increment: 1 } },
    }),
    db().pushJob.updateMany({
      where: { id: { in: ids.filter((id) => !dying.includes(id)) }, batchId: result.batchId },
      data: { ...common, state: "pending", attempts: { increment: 1 }, nextAttemptAt: retryAt },
    }),
    holdPushes(db(), integration.id, retryAt),
    db().integration.update({
      where: { id: integration.id },
      data: { lastError: `${PUSH_ERROR_PREFIX}: ${result.reason}`, lastErrorAt: now },
    }),
  ]);
  // One line per failed call for the operator's log: the integration, never its push key.
  console.warn(
    JSON.stringify({ push: "call failed", integration: integration.username, reason: result.reason, retryAt, dead: dying.length }),
  );
  summary.failed += ids.length - dying.length;
  summary.dead += dying.length;
  summary.heldUntil = retryAt;
  summary.stopped = "held";
}

/** Orders sent in the last hour (what Pruvan counts) and when the oldest of them leaves the window. */
async function hourlyRoom(integrationId: string, limit: number): Promise<{ left: number; freesAt: Date }> {
  const since = new Date(Date.now() - 3600_000);
  const where = { integrationId, kind: "upsert" as const, startedAt: { gte: since }, outcome: { not: "failed" } };
  const used = (await db().pushBatch.aggregate({ where, _sum: { orderCount: true } }))._sum.orderCount ?? 0;
  if (used < limit) return { left: limit - used, freesAt: new Date() };
  const oldest = await db().pushBatch.findFirst({ where, orderBy: { startedAt: "asc" }, select: { startedAt: true } });
  return { left: 0, freesAt: new Date((oldest?.startedAt ?? new Date()).getTime() + 3600_000) };
}

const trimmed = (text: string) => oneLine(text, 2000);
