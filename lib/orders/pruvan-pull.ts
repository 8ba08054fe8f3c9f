import { db, Prisma, type Tx } from "@/lib/db";
import { WORK_ORDERS_PER_ANSWER } from "@/lib/pruvan/api-wire";
import type { IntegrationRules } from "@/lib/pruvan/statuses";
import { serializeWorkOrder, type WireWorkOrder } from "@/lib/pruvan/work-order-wire";
import { enqueuePush } from "@/lib/push/outbox";
import { loadStatusMap } from "@/lib/status-mapping/queries";

// getWorkOrders: the orders one integration pulls (pruvan-api-v2 "getWorkOrders Modes").
// Full refresh = every current (not deleted) order; incremental = every order created,
// changed or deleted since the timestamp. Two queries whatever the count (orders, then
// their services in bulk), both index-backed: (integrationId, deletedAt, lastSentAt) and
// (integrationId, updatedAt).

export type PullResult = { workOrders: WireWorkOrder[]; matched: number; queuedForPush: number };

export async function pullWorkOrders(
  integration: IntegrationRules & { id: string },
  since: Date | null,
  opts: { limit?: number; now?: Date } = {},
): Promise<PullResult> {
  const limit = opts.limit ?? WORK_ORDERS_PER_ANSWER;
  const now = opts.now ?? new Date();
  const where: Prisma.WorkOrderWhereInput = since
    ? { integrationId: integration.id, updatedAt: { gte: since } }
    : { integrationId: integration.id, deletedAt: null };
  // Least recently sent first, so that over several pulls every order gets its turn.
  const orderBy: Prisma.WorkOrderOrderByWithRelationInput[] = [{ lastSentAt: { sort: "asc", nulls: "first" } }, { id: "asc" }];

  const [orders, mapping] = await Promise.all([
    db().workOrder.findMany({ where, orderBy, take: limit + 1, include: { services: true } }),
    loadStatusMap(),
  ]);
  const overflow = orders.length > limit ? await remainingOrders(where, orderBy, limit) : [];
  const sent = orders.slice(0, limit);

  const ctx = { mode: integration.mode, autoAdmin: integration.autoAdmin, mapping };
  const workOrders = sent.map((o) => serializeWorkOrder(o, ctx)).filter((o): o is WireWorkOrder => o !== null);

  const queuedForPush = await db().$transaction(async (tx) => {
    await markSent(tx, sent.map((o) => o.id), now);
    await tx.integration.update({ where: { id: integration.id }, data: { lastPullAt: now } });
    // The rest goes out through the push key (the doc's advice for more than 5000 orders).
    const live = overflow.filter((o) => !o.deletedAt).map((o) => o.id);
    const deleted = overflow.filter((o) => o.deletedAt).map((o) => o.id);
    return (
      (await enqueuePush(tx, { integrationId: integration.id, workOrderIds: live, kind: "upsert" })) +
      (await enqueuePush(tx, { integrationId: integration.id, workOrderIds: deleted, kind: "delete" }))
    );
  });
  if (overflow.length > 0) {
    console.log(
      JSON.stringify({ pruvan: "getWorkOrders", integration: integration.id, matched: sent.length + overflow.length, sent: sent.length, queuedForPush }),
    );
  }
  return { workOrders, matched: sent.length + overflow.length, queuedForPush };
}

function remainingOrders(where: Prisma.WorkOrderWhereInput, orderBy: Prisma.WorkOrderOrderByWithRelationInput[], skip: number) {
  return db().workOrder.findMany({ where, orderBy, skip, select: { id: true, deletedAt: true } });
}

/**
 * lastSentAt is bookkeeping, not a change to the order: it is written without touching
 * updatedAt (which Prisma's update would bump), or every pulled order would count as
 * changed on the next incremental pull and be sent again forever.
 */
async function markSent(tx: Tx, ids: string[], at: Date) {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await tx.$executeRaw`UPDATE "WorkOrder" SET "lastSentAt" = ${at} WHERE "id" IN (${Prisma.join(chunk)})`;
  }
}
