import { z } from "zod";
import { db, Prisma, type Job, type JobKind, type JobState } from "@/lib/db";

// The background jobs' table (model Job): staff start a job from a page, a worker of any
// instance claims it and reports its progress, the page polls it. A lane runs one job at a
// time: the claim writes `runningLane`, which is unique, so of two instances claiming jobs
// of one lane the database lets one through (also two imports of one integration).

/** A running job's instance renews its lease this often; a lease this old means the instance died. */
export const LEASE_MS = 60_000;
/** A job whose instance died is started again this many times in all, then it fails. */
const MAX_ATTEMPTS = 3;

export type NewJob = {
  kind: JobKind;
  lane: string;
  input: Prisma.InputJsonValue;
  content?: Buffer;
  total?: number;
  createdById?: string | null;
};

/** What a page shows of a job. */
export type JobView = {
  id: string;
  kind: JobKind;
  state: JobState;
  total: number;
  done: number;
  result: unknown;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export async function enqueueJob(job: NewJob): Promise<string> {
  const row = await db().job.create({ data: { ...newJobData(job), state: "queued" }, select: { id: true } });
  kickJobWorker();
  return row.id;
}

/**
 * Creates the job already claimed by the caller (the CLI runs its import in its own
 * process). Null while another job of the lane runs.
 */
export async function startJobHere(job: NewJob): Promise<Job | null> {
  const now = new Date();
  try {
    return await db().job.create({
      data: {
        ...newJobData(job),
        state: "running",
        runningLane: job.lane,
        attempts: 1,
        startedAt: now,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
      },
    });
  } catch (err) {
    if (isLaneTaken(err)) return null;
    throw err;
  }
}

function newJobData(job: NewJob) {
  return {
    kind: job.kind,
    lane: job.lane,
    input: job.input,
    content: job.content ? new Uint8Array(job.content) : null,
    total: job.total ?? 0,
    createdById: job.createdById ?? null,
  };
}

const isLaneTaken = (err: unknown) => err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";

const lastRelease = { at: 0 };

/** The oldest queued job whose lane is free, now running here; null when there is none. */
export async function claimNextJob(now = new Date()): Promise<Job | null> {
  // Leases run for a minute: looking for expired ones every few seconds is soon enough, and
  // an idle server's poll stays one read (no write a second on SQLite).
  if (now.getTime() - lastRelease.at >= LEASE_MS / 4) {
    lastRelease.at = now.getTime();
    await releaseExpiredJobs(now);
  }
  const queued = await db().job.findMany({
    where: { state: "queued" },
    orderBy: { createdAt: "asc" },
    take: 20,
    select: { id: true, lane: true },
  });
  for (const candidate of queued) {
    try {
      const { count } = await db().job.updateMany({
        where: { id: candidate.id, state: "queued" },
        data: {
          state: "running",
          runningLane: candidate.lane,
          startedAt: now,
          leaseUntil: new Date(now.getTime() + LEASE_MS),
          attempts: { increment: 1 },
        },
      });
      if (count === 1) return db().job.findUnique({ where: { id: candidate.id } });
    } catch (err) {
      if (!isLaneTaken(err)) throw err; // another job of the lane runs: this one waits
    }
  }
  return null;
}

/** Jobs whose instance died: queued again (they resume from what they reported), or failed after MAX_ATTEMPTS. */
export async function releaseExpiredJobs(now = new Date()): Promise<void> {
  const expired = { state: "running", leaseUntil: { lt: now } } as const;
  await db().job.updateMany({
    where: { ...expired, attempts: { gte: MAX_ATTEMPTS } },
    data: {
      state: "failed",
      runningLane: null,
      content: null,
      finishedAt: now,
      error: "The server running this job stopped several times; it was given up.",
    },
  });
  await db().job.updateMany({ where: expired, data: { state: "queued", runningLane: null, leaseUntil: null } });
}

/** Progress of a running job; also renews its lease. */
export async function reportJobProgress(id: string, progress: { done: number; total?: number; result?: unknown }): Promise<void> {
  await db().job.updateMany({
    where: { id, state: "running" },
    data: {
      done: progress.done,
      total: progress.total,
      result: progress.result === undefined ? undefined : (progress.result as Prisma.InputJsonValue),
      leaseUntil: new Date(Date.now() + LEASE_MS),
    },
  });
}

export async function renewJobLease(id: string): Promise<void> {
  await db().job.updateMany({ where: { id, state: "running" }, data: { leaseUntil: new Date(Date.now() + LEASE_MS) } });
}

/**
 * A job its instance stopped on purpose (SIGTERM) between two steps: queued again at once for
 * the next worker, here or on another instance, without waiting for its lease to run out; the
 * stop does not count as one of its attempts.
 */
export async function requeueStoppedJob(id: string): Promise<void> {
  await db().job.updateMany({
    where: { id, state: "running" },
    data: { state: "queued", runningLane: null, leaseUntil: null, attempts: { decrement: 1 } },
  });
}

/** The end of a job: its lane is free again and an import's file is dropped. */
export async function endJob(id: string, end: { result: unknown } | { error: string }): Promise<void> {
  const outcome =
    "error" in end
      ? { state: "failed" as const, error: end.error }
      : { state: "done" as const, result: end.result as Prisma.InputJsonValue };
  await db().job.updateMany({
    where: { id, state: "running" },
    data: { ...outcome, runningLane: null, content: null, leaseUntil: null, finishedAt: new Date() },
  });
}

/** A job's id as an address carries it (a cuid); anything else names no job. */
const jobIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/i);

export async function loadJobView(id: string): Promise<JobView | null> {
  if (!jobIdSchema.safeParse(id).success) return null;
  const job = await db().job.findUnique({ where: { id }, omit: { content: true, input: true } });
  return job ? toJobView(job) : null;
}

/** What a page shows of a job row (read without its file). */
export function toJobView(job: Omit<Job, "content" | "input">): JobView {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    total: job.total,
    done: job.done,
    result: job.result ?? null,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Wakes this process's job worker at once (lib/jobs/worker.ts registers it), so a job
 * queued from a page starts now instead of at the next poll. The page's bundle and the
 * server's modules are separate module instances: they meet on globalThis.
 */
const kick = globalThis as unknown as { __portalJobKick?: () => void };
export function kickJobWorker(): void {
  kick.__portalJobKick?.();
}
export function registerJobKick(fn: (() => void) | undefined): void {
  kick.__portalJobKick = fn;
}
