import { config } from "@/lib/config";
import { db, Prisma, type PushKind, type Tx } from "@/lib/db";

/**
 * Outbox: records that orders must be pushed to Pruvan, inside the caller's transaction,
 * so a change and its push job commit or roll back together. Nothing is queued for an
 * integration without a push key (Pruvan pulls those orders with getWorkOrders instead).
 * Jobs go out in the order they are written (createdAt, then id); call once per step when
 * one change needs several pushes in sequence.
 */
export async function enqueuePush(
  tx: Tx,
  job: { integrationId: string; workOrderIds: string[]; kind?: PushKind; force?: boolean; omitServices?: string[] },
): Promise<number> {
  const kind = job.kind ?? "upsert";
  if (kind !== "refresh" && job.workOrderIds.length === 0) return 0;
  const integration = await tx.integration.findUnique({
    where: { id: job.integrationId },
    select: { pushKeyUrl: true, disabledAt: true },
  });
  if (!integration?.pushKeyUrl || integration.disabledAt) return 0;
  const rows = kind === "refresh" ? [null] : job.workOrderIds;
  const { count } = await tx.pushJob.createMany({
    data: rows.map((workOrderId) => ({
      integrationId: job.integrationId,
      workOrderId,
      kind,
      force: job.force ?? false,
      ...(job.omitServices?.length ? { omitServices: job.omitServices } : {}),
    })),
  });
  return count;
}

/**
 * Pushes of the integration wait until `until`, unless they wait longer already (an hourly
 * limit, a retry's backoff, an earlier hold). Returns the statement, for either kind of
 * transaction.
 */
export const holdPushes = (client: Pick<Tx, "integration">, integrationId: string, until: Date) =>
  client.integration.updateMany({
    where: { id: integrationId, OR: [{ pushHoldUntil: null }, { pushHoldUntil: { lt: until } }] },
    data: { pushHoldUntil: until },
  });

/**
 * After a getWorkOrders answer that carried orders, the integration's pushes wait while
 * Pruvan imports it. The import is asynchronous ("The Pruvan WorkOrder Manager handles this
 * asynchronous request and logs progress", pruvan-api-v2 "Flow"): a push carried out before
 * it ends would be overwritten by the answer's older values, and for good, since the portal
 * holds the push acknowledged and sends those fields no more (tests/sync/push-during-import).
 */
export function holdPushesAfterAnswer(tx: Tx, integrationId: string, answeredAt: Date) {
  return holdPushes(tx, integrationId, new Date(answeredAt.getTime() + config().push.afterAnswerMs));
}

/**
 * Orders whose wire form changed without an edit of their own (a status mapping, the
 * integration's mode): marked changed, so incremental pulls send them, and queued for push.
 * Inside the caller's transaction, like enqueuePush. Returns the push jobs queued.
 */
export async function resendOrders(tx: Tx, integrationId: string, workOrderIds: string[], at = new Date()): Promise<number> {
  for (let i = 0; i < workOrderIds.length; i += 500) {
    await tx.workOrder.updateMany({ where: { id: { in: workOrderIds.slice(i, i + 500) } }, data: { updatedAt: at } });
  }
  return enqueuePush(tx, { integrationId, workOrderIds });
}

/**
 * Claims pending jobs for one call: marks them "sending" in the batch and returns the ids
 * it got. On PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED, so of several
 * instances that reach for one job (a lease lost under load) one gets it and the other moves
 * on without waiting; on SQLite the one writer does the same. All or nothing: when any
 * job is claimed, delivered or discarded already, nothing is claimed (the call would not
 * carry what the caller picked) and [] is returned. Given the integration's push lease, nothing
 * is claimed either once that lease has run out or passed to another instance.
 */
/** The integration's push lease as its holder knows it (lib/push/lease.ts). */
type LeaseHeld = { integrationId: string; leaseUntil: Date };

export async function claimJobs(jobIds: string[], batchId: string, lockedUntil: Date, lease?: LeaseHeld): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const skipLocked = config().database.provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  return db().$transaction(async (tx) => {
    if (
      lease &&
      !(await tx.integration.count({ where: { id: lease.integrationId, pushLeaseUntil: { equals: lease.leaseUntil, gt: new Date() } } }))
    ) {
      return []; // the lease ran out: another instance may hold these jobs now
    }
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "PushJob" WHERE "id" IN (${Prisma.join(jobIds)}) AND "state" = 'pending' ${skipLocked}`;
    const ids = rows.map((r) => r.id);
    if (ids.length < jobIds.length) return []; // another holds some: this call is not ours to make
    if (ids.length > 0) await tx.pushJob.updateMany({ where: { id: { in: ids } }, data: { state: "sending", batchId, lockedUntil } });
    return ids;
  });
}

/**
 * Waits, up to `withinMs`, until no push call of the integration is under way (jobs claimed
 * for a call whose answer is not recorded yet, and not abandoned: their lock still runs).
 * A getWorkOrders answer is computed from what Pruvan is known to hold: during a call,
 * Pruvan may already hold what it carried while the portal does not know it yet, and the
 * answer would send those orders in full again, over what an account user edited since
 * (the property test found this on PostgreSQL: pushFaults, then an account user's edit,
 * then a Full Refresh). After `withinMs` the pull goes on (sending again is the direction
 * that loses nothing of ours).
 */
export async function afterPushCallUnderWay(integrationId: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const underWay = await db().pushJob.findFirst({
      where: { integrationId, state: "sending", lockedUntil: { gt: new Date() } },
      select: { id: true },
    });
    if (!underWay) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
