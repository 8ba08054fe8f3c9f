import { z } from "zod";
import { db, PushState, type Prisma } from "@/lib/db";
import { pageWindow } from "@/lib/paging";

// The push log's reads, for the Push log page and `push:list`: push jobs filtered by state,
// kind, integration and order, newest first, with how many jobs are in each state; and
// the calls made to the push keys (PushBatch) with Pruvan's answers.

export const PUSH_STATES = Object.values(PushState);
const PAGE_SIZE = 50;

type JobFilter = {
  state?: PushState;
  kind?: Prisma.PushJobWhereInput["kind"];
  integrationId?: string;
  integration?: string;
  workOrderId?: string;
};

function jobWhere(f: JobFilter): Prisma.PushJobWhereInput {
  return {
    state: f.state,
    kind: f.kind,
    integrationId: f.integrationId,
    workOrderId: f.workOrderId,
    ...(f.integration ? { integration: { username: f.integration } } : {}),
  };
}

const jobSelect = {
  id: true,
  kind: true,
  force: true,
  state: true,
  attempts: true,
  nextAttemptAt: true,
  batchId: true,
  lastStatus: true,
  lastResponse: true,
  lastError: true,
  deliveredAt: true,
  createdAt: true,
  updatedAt: true,
  integration: { select: { id: true, username: true, pushHoldUntil: true } },
  workOrder: { select: { id: true, workOrderNumber: true, pushError: true } },
} satisfies Prisma.PushJobSelect;

export type PushJobRow = Prisma.PushJobGetPayload<{ select: typeof jobSelect }>;
const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.PushJobOrderByWithRelationInput[];

/** Jobs per state (every state present, zero or not), for the page's tabs and the dashboard. */
export async function countPushJobsByState(
  filter: Pick<JobFilter, "integrationId" | "integration"> = {},
): Promise<Record<PushState, number>> {
  const rows = await db().pushJob.groupBy({ by: ["state"], where: jobWhere(filter), _count: { _all: true } });
  return Object.fromEntries(PUSH_STATES.map((s) => [s, rows.find((r) => r.state === s)?._count._all ?? 0])) as Record<PushState, number>;
}

// --- push:list (a cursor: pass the last row's id to page on) --------------------------------

export const pushJobFiltersSchema = z.object({
  state: z.enum(PUSH_STATES, { error: "must be pending, sending, delivered, dead or discarded" }).optional(),
  kind: z.enum(["upsert", "delete", "refresh"], { error: "must be upsert, delete or refresh" }).optional(),
  integrationId: z.string().min(1).optional(),
  workOrderId: z.string().min(1).optional(),
  before: z.string().min(1).optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
});
export type PushJobFilters = z.input<typeof pushJobFiltersSchema>;

export async function listPushJobs(filters: PushJobFilters = {}): Promise<PushJobRow[]> {
  const f = pushJobFiltersSchema.parse(filters);
  return db().pushJob.findMany({
    where: jobWhere(f),
    orderBy: newestFirst,
    take: f.take,
    ...(f.before ? { cursor: { id: f.before }, skip: 1 } : {}),
    select: jobSelect,
  });
}

// --- The Push log page (numbered pages, state in the URL) -----------------------------------

export const PUSH_LOG_VIEWS = ["jobs", "calls"] as const;

export const pushLogQuerySchema = z.object({
  view: z.enum(PUSH_LOG_VIEWS).catch("jobs").default("jobs"),
  state: z.enum(PUSH_STATES).optional().catch(undefined),
  integration: z.string().trim().min(1).max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** The job the last retry or discard handled (the page says what became of it). */
  retried: z.string().min(1).max(64).optional().catch(undefined),
  discarded: z.string().min(1).max(64).optional().catch(undefined),
});
export type PushLogQuery = z.infer<typeof pushLogQuerySchema>;

export function pushLogHref(query: Partial<PushLogQuery>): string {
  const params = new URLSearchParams();
  if (query.view && query.view !== "jobs") params.set("view", query.view);
  if (query.state && query.view !== "calls") params.set("state", query.state);
  if (query.integration) params.set("integration", query.integration);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/push-log?${search}` : "/push-log";
}

export async function listPushLog(query: PushLogQuery) {
  const [counts, integrations] = await Promise.all([
    countPushJobsByState({ integration: query.integration }),
    db().integration.findMany({ orderBy: { username: "asc" }, select: { username: true } }),
  ]);
  const total = query.state ? counts[query.state] : Object.values(counts).reduce((a, b) => a + b, 0);
  const { skip, take, ...window } = pageWindow(total, query.page, PAGE_SIZE);
  const jobs = await db().pushJob.findMany({ where: jobWhere(query), orderBy: newestFirst, skip, take, select: jobSelect });
  return { jobs, counts, total, ...window, integrations: integrations.map((i) => i.username) };
}

/** One job, as the log shows it. */
export function getPushJob(id: string): Promise<PushJobRow | null> {
  return db().pushJob.findUnique({ where: { id }, select: jobSelect });
}

// --- Calls to the push keys ------------------------------------------------------------------

const batchSelect = {
  id: true,
  kind: true,
  orderCount: true,
  outcome: true,
  httpStatus: true,
  response: true,
  error: true,
  durationMs: true,
  startedAt: true,
  finishedAt: true,
  integration: { select: { id: true, username: true } },
} satisfies Prisma.PushBatchSelect;
export type PushBatchRow = Prisma.PushBatchGetPayload<{ select: typeof batchSelect }>;

/** The calls made to the push keys, newest first, a page at a time. */
export async function listPushBatchPage(query: Pick<PushLogQuery, "integration" | "page">) {
  const where: Prisma.PushBatchWhereInput = query.integration ? { integration: { username: query.integration } } : {};
  const total = await db().pushBatch.count({ where });
  const { skip, take, ...window } = pageWindow(total, query.page, PAGE_SIZE);
  const batches = await db().pushBatch.findMany({
    where,
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    skip,
    take,
    select: batchSelect,
  });
  return { batches, total, ...window };
}

/** The latest calls to one integration's push key. */
export function listPushBatches(integrationId: string, take = 10): Promise<PushBatchRow[]> {
  return db().pushBatch.findMany({ where: { integrationId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take, select: batchSelect });
}
