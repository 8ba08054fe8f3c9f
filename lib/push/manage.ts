import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { enqueuePush } from "./outbox";

// What staff can do on the Push log page and the integration page.

/** "Retry now": a dead (or waiting) job is sent at the next poll, with a fresh set of attempts. */
export async function retryPushJob(id: string): Promise<{ id: string; state: "pending" }> {
  const job = await db().pushJob.findUnique({ where: { id }, select: { state: true, integrationId: true } });
  if (!job) throw new DomainError("No such push job.");
  if (job.state !== "dead" && job.state !== "pending") throw new DomainError(`A ${job.state} job cannot be retried.`);
  await db().$transaction([
    db().pushJob.update({ where: { id }, data: { state: "pending", attempts: 0, nextAttemptAt: new Date() } }),
    // The integration's backoff would hold the job back: "now" means now.
    db().integration.update({ where: { id: job.integrationId }, data: { pushHoldUntil: null } }),
  ]);
  return { id, state: "pending" };
}

/** Drops a job that should not be sent (pending or dead). Kept in the log as discarded. */
export async function discardPushJob(id: string): Promise<{ id: string; state: "discarded" }> {
  const { count } = await db().pushJob.updateMany({ where: { id, state: { in: ["pending", "dead"] } }, data: { state: "discarded" } });
  if (count === 0) {
    const job = await db().pushJob.findUnique({ where: { id }, select: { state: true } });
    throw new DomainError(job ? `A ${job.state} job cannot be discarded.` : "No such push job.");
  }
  return { id, state: "discarded" };
}

/**
 * "Ask Pruvan to refresh now": queues a call of the push key without orders, which makes
 * Pruvan import from getWorkOrders (push-key.txt). One pending request is enough.
 */
export async function requestRefresh(integrationId: string): Promise<{ jobId: string; alreadyQueued: boolean }> {
  const integration = await db().integration.findUnique({
    where: { id: integrationId },
    select: { pushKeyUrl: true, username: true, disabledAt: true },
  });
  if (!integration) throw new DomainError("No such integration.");
  if (!integration.pushKeyUrl || integration.disabledAt) {
    throw new DomainError(`Integration ${integration.username} has no push key yet: validate it from Pruvan's Integrations page first.`);
  }
  const pending = await db().pushJob.findFirst({ where: { integrationId, kind: "refresh", state: "pending" }, select: { id: true } });
  if (pending) return { jobId: pending.id, alreadyQueued: true };
  await db().$transaction((tx) => enqueuePush(tx, { integrationId, workOrderIds: [], kind: "refresh" }));
  const job = await db().pushJob.findFirstOrThrow({ where: { integrationId, kind: "refresh", state: "pending" }, select: { id: true } });
  return { jobId: job.id, alreadyQueued: false };
}
