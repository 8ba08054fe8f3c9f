import { AsyncLocalStorage } from "node:async_hooks";
import { bulkChangeJob } from "@/lib/orders/bulk";
import { importJob } from "@/lib/orders/import-job";
import type { JobKind } from "@/lib/db";
import { claimNextJob, registerJobKick } from "./queue";
import { runJob, type JobHandler } from "./run";

// The job worker: runs inside the server process (lib/server/background.ts), polls for
// queued jobs and runs up to a few at once; a page that queues one wakes it at once.

const HANDLERS: Record<JobKind, JobHandler> = {
  bulk: bulkChangeJob,
  import: importJob,
};

const POLL_MS = 1000;
const PARALLEL = 2;

/**
 * Starts polling; returns the stop function. Stopping ends the polling at once; each job
 * running stops at its next progress report and is queued again for the next worker (the
 * promise settles then). A job cut off without that (a kill) resumes once its lease expires.
 */
export function startJobWorker(): () => Promise<void> {
  const jobs = new Set<Promise<unknown>>(); // the jobs running here
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let again = false; // woken while polling: poll once more
  const tick = async () => {
    if (polling) return void (again = true);
    polling = true;
    clearTimeout(timer);
    try {
      do {
        again = false;
        while (!stopped && jobs.size < PARALLEL) {
          const job = await claimNextJob();
          if (!job) break;
          const run = runJob(job, HANDLERS[job.kind], undefined, () => stopped).finally(() => {
            jobs.delete(run);
            void tick();
          });
          jobs.add(run);
        }
      } while (again && !stopped);
    } catch (err) {
      console.error(JSON.stringify({ jobWorker: "poll failed", error: (err as Error).message }));
    } finally {
      polling = false;
    }
    if (!stopped) timer = setTimeout(() => void tick(), POLL_MS);
  };
  // A page's kick comes from inside its request: the job must not run in that request's
  // async context (Next holds the action's answer until work started in it settles).
  const outsideRequests = AsyncLocalStorage.snapshot();
  registerJobKick(() => outsideRequests(() => void tick()));
  timer = setTimeout(() => void tick(), 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    registerJobKick(undefined);
    await Promise.allSettled(jobs);
  };
}
