import type { Job } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { endJob, LEASE_MS, renewJobLease, reportJobProgress } from "./queue";

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

/** How a job ended: its result, or the message it failed with. */
export type JobOutcome = { result: unknown } | { error: string };

/** Runs a claimed job to its end; `watch` sees each progress report (the CLI draws it on a terminal). */
export async function runJob(job: Job, handler: JobHandler, watch?: (progress: JobProgress) => void): Promise<JobOutcome> {
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
        if (Date.now() - last >= REPORT_EVERY_MS) await write(progress);
        else pending = progress;
        await yieldToRequests();
      },
    });
    if (pending) await write(pending);
    await endJob(job.id, { result });
    return { result };
  } catch (err) {
    const message = err instanceof DomainError ? err.message : `The job failed: ${(err as Error).message}`;
    console.error(JSON.stringify({ job: job.id, kind: job.kind, failed: (err as Error).message }));
    await endJob(job.id, { error: message });
    return { error: message };
  } finally {
    clearInterval(heartbeat);
  }
}
