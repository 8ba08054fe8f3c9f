import type { PushKind, Tx } from "@/lib/db";

/**
 * Outbox: records that orders must be pushed to Pruvan, inside the caller's transaction,
 * so a change and its push job commit or roll back together. Nothing is queued for an
 * integration without a push key (Pruvan pulls those orders with getWorkOrders instead).
 * Jobs go out in the order they are written (createdAt, then id); call once per step when
 * one change needs several pushes in sequence.
 */
export async function enqueuePush(
  tx: Tx,
  job: { integrationId: string; workOrderIds: string[]; kind?: PushKind; force?: boolean; omitServices?: string[] },
): Promise<number> {
  const kind = job.kind ?? "upsert";
  if (kind !== "refresh" && job.workOrderIds.length === 0) return 0;
  const integration = await tx.integration.findUnique({
    where: { id: job.integrationId },
    select: { pushKeyUrl: true, disabledAt: true },
  });
  if (!integration?.pushKeyUrl || integration.disabledAt) return 0;
  const rows = kind === "refresh" ? [null] : job.workOrderIds;
  const { count } = await tx.pushJob.createMany({
    data: rows.map((workOrderId) => ({
      integrationId: job.integrationId,
      workOrderId,
      kind,
      force: job.force ?? false,
      ...(job.omitServices?.length ? { omitServices: job.omitServices } : {}),
    })),
  });
  return count;
}

/**
 * Orders whose wire form changed without an edit of their own (a status mapping, the
 * integration's mode): marked changed, so incremental pulls send them, and queued for push.
 * Inside the caller's transaction, like enqueuePush. Returns the push jobs queued.
 */
export async function resendOrders(tx: Tx, integrationId: string, workOrderIds: string[], at = new Date()): Promise<number> {
  for (let i = 0; i < workOrderIds.length; i += 500) {
    await tx.workOrder.updateMany({ where: { id: { in: workOrderIds.slice(i, i + 500) } }, data: { updatedAt: at } });
  }
  return enqueuePush(tx, { integrationId, workOrderIds });
}
