import { z } from "zod";
import { db, type Prisma } from "@/lib/db";

// Reads for the Push log page and `push:list`.

export const pushJobFiltersSchema = z.object({
  state: z.enum(["pending", "sending", "delivered", "dead", "discarded"], { error: "must be pending, sending, delivered, dead or discarded" }).optional(),
  kind: z.enum(["upsert", "delete", "refresh"], { error: "must be upsert, delete or refresh" }).optional(),
  integrationId: z.string().min(1).optional(),
  workOrderId: z.string().min(1).optional(),
  /** Newest first; pass the last row's id to page on. */
  before: z.string().min(1).optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
});
export type PushJobFilters = z.input<typeof pushJobFiltersSchema>;

export async function listPushJobs(filters: PushJobFilters = {}) {
  const f = pushJobFiltersSchema.parse(filters);
  const where: Prisma.PushJobWhereInput = { state: f.state, kind: f.kind, integrationId: f.integrationId, workOrderId: f.workOrderId };
  return db().pushJob.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: f.take,
    ...(f.before ? { cursor: { id: f.before }, skip: 1 } : {}),
    select: {
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
      integration: { select: { id: true, username: true, pushHoldUntil: true } },
      workOrder: { select: { id: true, workOrderNumber: true, pushError: true } },
    },
  });
}

export type PushJobRow = Awaited<ReturnType<typeof listPushJobs>>[number];

/** Jobs per state, for the page's filter tabs and the dashboard. */
export async function countPushJobsByState(integrationId?: string) {
  const rows = await db().pushJob.groupBy({ by: ["state"], where: { integrationId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.state, r._count._all])) as Partial<Record<PushJobRow["state"], number>>;
}

/** The calls made to one integration's push key, newest first. */
export function listPushBatches(integrationId: string, take = 50) {
  return db().pushBatch.findMany({ where: { integrationId }, orderBy: { startedAt: "desc" }, take });
}
