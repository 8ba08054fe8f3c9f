import type { Job } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { endJob, LEASE_MS, renewJobLease, reportJobProgress, requeueStoppedJob } from "./queue";

// Running one claimed job: its kind's handler does the work and reports progress (written
// at most a few times a second, which also renews the lease); a heartbeat keeps the lease
// while a long step reports nothing.

export type JobProgress = { done: number; total?: number; result?: unknown };

/** What a kind's handler gets: its input, and where an earlier attempt got to. */
export type JobRun = {
  id: string;
  input: unknown;
  content: Buffer | null;
  /** What an earlier attempt reported (the job is resumed after its instance died); 0 and null at first. */
  done: number;
  result: unknown;
  report(progress: JobProgress): Promise<void>;
};

/** Does a kind's work; answers the final result. A DomainError fails the job with its message. */
export type JobHandler = (run: JobRun) => Promise<unknown>;

const REPORT_EVERY_MS = 250;

/**
 * On SQLite every query answers synchronously, so a job's chain of awaits never leaves
 * the microtask queue: without a turn of the event loop now and then, the server answers
 * no request (not even the one that queued the job) until the job ends.
 */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How a job ended: its result, the message it failed with, or stopped by its instance's shutdown (queued again). */
export type JobOutcome = { result: unknown } | { error: string } | { stopped: true };

/** Thrown from a progress report once the instance is stopping: the job ends there and is queued again. */
class JobStopped extends Error {}

/**
 * Runs a claimed job to its end; `watch` sees each progress report (the CLI draws it on a
 * terminal). Once `stopping` answers true, the job stops at its next progress report, with that
 * progress written, and is queued again for the next worker.
 */
export async function runJob(
  job: Job,
  handler: JobHandler,
  watch?: (progress: JobProgress) => void,
  stopping: () => boolean = () => false,
): Promise<JobOutcome> {
  let last = 0;
  let pending: JobProgress | null = null;
  const write = async (progress: JobProgress) => {
    last = Date.now();
    pending = null;
    await reportJobProgress(job.id, progress);
  };
  const heartbeat = setInterval(() => void renewJobLease(job.id).catch(() => undefined), LEASE_MS / 4);
  heartbeat.unref();
  try {
    const result = await handler({
      id: job.id,
      input: job.input,
      content: job.content ? Buffer.from(job.content) : null,
      done: job.done,
      result: job.result,
      report: async (progress) => {
        watch?.(progress);
        if (stopping()) {
          await write(progress);
          throw new JobStopped();
        }
        if (Date.now() - last >= REPORT_EVERY_MS) await write(progress);
        else pending = progress;
        await yieldToRequests();
      },
    });
    if (pending) await write(pending);
    await endJob(job.id, { result });
    return { result };
  } catch (err) {
    if (err instanceof JobStopped) {
      await requeueStoppedJob(job.id);
      return { stopped: true };
    }
    const message = err instanceof DomainError ? err.message : `The job failed: ${(err as Error).message}`;
    console.error(JSON.stringify({ job: job.id, kind: job.kind, failed: (err as Error).message }));
    await endJob(job.id, { error: message });
    return { error: message };
  } finally {
    clearInterval(heartbeat);
  }
}
