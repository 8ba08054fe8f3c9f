import type { PushKind, Tx } from "@/lib/db";

/**
 * Outbox: records that orders must be pushed to Pruvan, inside the caller's transaction,
 * so a change and its push job commit or roll back together. Nothing is queued for an
 * integration without a push key (Pruvan pulls those orders with getWorkOrders instead).
 */
export async function enqueuePush(
  tx: Tx,
  job: { integrationId: string; workOrderIds: string[]; kind?: PushKind; force?: boolean },
): Promise<number> {
  const integration = await tx.integration.findUnique({
    where: { id: job.integrationId },
    select: { pushKeyUrl: true, disabledAt: true },
  });
  if (!integration?.pushKeyUrl || integration.disabledAt) return 0;
  if (job.workOrderIds.length === 0) return 0;
  const { count } = await tx.pushJob.createMany({
    data: job.workOrderIds.map((workOrderId) => ({
      integrationId: job.integrationId,
      workOrderId,
      kind: job.kind ?? "upsert",
      force: job.force ?? false,
    })),
  });
  return count;
}
