import { z } from "zod";
import { db, PushState, type Prisma } from "@/lib/db";
import { pageWindow } from "@/lib/paging";

// The push log's read side: push jobs filtered by state and integration, newest first,
// with how many jobs are in each state. (Retry and discard belong to the push worker.)

export const PUSH_STATES = Object.values(PushState);

export const pushLogQuerySchema = z.object({
  state: z.enum(PUSH_STATES).optional().catch(undefined),
  integration: z.string().trim().min(1).max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type PushLogQuery = z.infer<typeof pushLogQuerySchema>;

const PAGE_SIZE = 50;

const jobSelect = {
  id: true, kind: true, state: true, attempts: true, nextAttemptAt: true, lastStatus: true, lastResponse: true, lastError: true,
  createdAt: true, updatedAt: true, deliveredAt: true,
  integration: { select: { username: true } },
  workOrder: { select: { id: true, workOrderNumber: true } },
} satisfies Prisma.PushJobSelect;

export type PushLogJob = Prisma.PushJobGetPayload<{ select: typeof jobSelect }>;

export function pushLogHref(query: Partial<PushLogQuery>): string {
  const params = new URLSearchParams();
  if (query.state) params.set("state", query.state);
  if (query.integration) params.set("integration", query.integration);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `/push-log?${search}` : "/push-log";
}

export async function listPushLog(query: PushLogQuery) {
  const integration = query.integration ? { integration: { username: query.integration } } : {};
  const where: Prisma.PushJobWhereInput = { ...integration, ...(query.state ? { state: query.state } : {}) };
  const [byState, integrations] = await Promise.all([
    db().pushJob.groupBy({ by: ["state"], where: integration, _count: { _all: true } }),
    db().integration.findMany({ orderBy: { username: "asc" }, select: { username: true } }),
  ]);
  const counts = Object.fromEntries(PUSH_STATES.map((s) => [s, byState.find((r) => r.state === s)?._count._all ?? 0])) as Record<PushState, number>;
  const total = query.state ? counts[query.state] : Object.values(counts).reduce((a, b) => a + b, 0);
  const { skip, take, ...window } = pageWindow(total, query.page, PAGE_SIZE);
  const jobs = await db().pushJob.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip, take, select: jobSelect });
  return { jobs, counts, total, ...window, integrations: integrations.map((i) => i.username) };
}
