import { db } from "@/lib/db";

export function listPushJobs(take = 100) {
  return db().pushJob.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      kind: true,
      state: true,
      attempts: true,
      nextAttemptAt: true,
      lastStatus: true,
      lastError: true,
      createdAt: true,
      integration: { select: { username: true } },
      workOrder: { select: { workOrderNumber: true } },
    },
  });
}
