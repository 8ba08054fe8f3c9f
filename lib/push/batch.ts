import { db, type PushJob } from "@/lib/db";

// Which order changes go out in the next call of one integration. Each order's jobs are
// taken in the order they were made (createdAt, then id):
// - an order is ready only when its oldest pending job is due (a job waiting for a retry
//   holds back the later changes of the same order);
// - its consecutive plain jobs coalesce into one entry: the order as it is now;
// - a job that leaves services out (step one of a survey change) goes alone, and the jobs
//   after it wait for the next call, so the two steps reach Pruvan in order.

export type BatchJob = Pick<PushJob, "id" | "workOrderId" | "kind" | "force" | "omitServices" | "attempts" | "nextAttemptAt">;

export type OrderRun = {
  workOrderId: string;
  jobs: BatchJob[];
  force: boolean;
  omitServices: string[];
};

const JOB_FIELDS = {
  id: true,
  workOrderId: true,
  kind: true,
  force: true,
  omitServices: true,
  attempts: true,
  nextAttemptAt: true,
} as const;
const ORDER_KINDS = { in: ["upsert", "delete"] as ("upsert" | "delete")[] };

export async function pickOrderRuns(integrationId: string, limit: number, now: Date): Promise<OrderRun[]> {
  const due = await db().pushJob.findMany({
    where: { integrationId, state: "pending", kind: ORDER_KINDS, workOrderId: { not: null }, nextAttemptAt: { lte: now } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit * 2,
    select: { workOrderId: true },
  });
  const candidates = [...new Set(due.map((j) => j.workOrderId!))];
  if (candidates.length === 0) return [];
  const jobs = await db().pushJob.findMany({
    where: { workOrderId: { in: candidates }, state: "pending", kind: ORDER_KINDS },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: JOB_FIELDS,
  });
  const byOrder = new Map<string, BatchJob[]>(candidates.map((id) => [id, []]));
  for (const job of jobs) byOrder.get(job.workOrderId!)!.push(job);

  const runs: OrderRun[] = [];
  for (const [workOrderId, orderJobs] of byOrder) {
    if (runs.length >= limit) break;
    const first = orderJobs[0];
    if (!first || first.nextAttemptAt > now) continue;
    const omit = omittedServices(first);
    const run = omit.length > 0 ? [first] : takeWhile(orderJobs, (j) => omittedServices(j).length === 0);
    runs.push({ workOrderId, jobs: run, force: run.some((j) => j.force), omitServices: omit });
  }
  return runs;
}

export function omittedServices(job: Pick<PushJob, "omitServices">): string[] {
  const names = job.omitServices;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

function takeWhile<T>(items: T[], keep: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (!keep(item)) break;
    out.push(item);
  }
  return out;
}
