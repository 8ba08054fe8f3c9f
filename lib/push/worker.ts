import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { deliverIntegration, type DeliverySummary } from "./deliver";

// The push worker: runs inside the server process (lib/server/background.ts) and polls
// every PUSH_POLL_MS for integrations with due jobs. Each integration is delivered by its
// own task, so a hanging endpoint (bounded by PUSH_TIMEOUT_MS) never stalls the others.
// `push:run` drains the queue once through the same code.

const MAX_PARALLEL_INTEGRATIONS = 8;

/** Integrations with a due or interrupted job, not waiting (backoff, hourly limit), not held by a worker. */
export async function dueIntegrationIds(now = new Date()): Promise<string[]> {
  const rows = await db().integration.findMany({
    where: {
      pushKeyUrl: { not: null },
      disabledAt: null,
      AND: [
        { OR: [{ pushHoldUntil: null }, { pushHoldUntil: { lte: now } }] },
        { OR: [{ pushLeaseUntil: null }, { pushLeaseUntil: { lt: now } }] },
      ],
      pushJobs: {
        some: {
          OR: [
            { state: "pending", nextAttemptAt: { lte: now } },
            { state: "sending", lockedUntil: { lt: now } },
          ],
        },
      },
    },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Sends everything that is due now, every integration in parallel, and reports per integration. */
export async function drainPushQueue(): Promise<DeliverySummary[]> {
  const queue = await dueIntegrationIds();
  const summaries: DeliverySummary[] = [];
  // A pool, not fixed groups: a slot freed by a fast integration serves the next one at once.
  const slot = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) summaries.push(await deliverIntegration(id));
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_INTEGRATIONS, queue.length) }, slot));
  return summaries;
}

/**
 * Starts polling; returns the stop function. Stopping ends the polling at once; each
 * delivery in progress finishes its call in flight and records the answer, then stops (the
 * promise settles then). A call cut off by the process's end is sent again (recoverInterrupted).
 */
export function startPushWorker(push = config().push): () => Promise<void> {
  const running = new Map<string, Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const stopping = () => stopped;
  const tick = async () => {
    try {
      for (const id of await dueIntegrationIds()) {
        if (stopped || running.has(id) || running.size >= MAX_PARALLEL_INTEGRATIONS) continue;
        const delivery = deliverIntegration(id, push, stopping)
          .catch((err: unknown) =>
            console.error(JSON.stringify({ pushWorker: "delivery failed", integrationId: id, error: (err as Error).message })),
          )
          .finally(() => running.delete(id));
        running.set(id, delivery);
      }
    } catch (err) {
      console.error(JSON.stringify({ pushWorker: "poll failed", error: (err as Error).message }));
    }
    if (!stopped) timer = setTimeout(tick, push.pollMs);
  };
  timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await Promise.all(running.values());
  };
}
