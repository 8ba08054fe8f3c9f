import { db, PushState, type Db, type Tx } from "@/lib/db";

// A full refresh by push (issue 11, "Never a partial full refresh"). A Full Import deletes
// in Pruvan every project "that [is] not part of the import" (managing-integrations
// "Importing Projects") and one answer carries at most 5000 orders (pruvan-api-v2 "Limits"),
// so a larger refresh is refused and, where Pruvan gave us a push key, every current order
// is pushed instead: "the Push API can be used to synchronously load orders, n orders at a
// time". One push job per order, tagged with the sync; the push worker sends them within
// the hourly limit like any other job (lib/push/deliver), and the integration page shows
// the sync's progress from its jobs.

export type FullSyncProgress = {
  id: string;
  startedAt: Date;
  total: number;
  delivered: number;
  /** Still to send (pending, or in a call right now). */
  waiting: number;
  /** Refused by Pruvan or given up after the last retry (see the push log). */
  failed: number;
  /** Not sent: the order was deleted here before its turn (a delete push, if any, goes its own way). */
  skipped: number;
  done: boolean;
};

/**
 * Starts a full sync by push of every current order of the integration, unless one is still
 * under way (answered instead). Inside the caller's transaction. Null without a push key.
 */
export async function startFullPushSync(tx: Tx, integrationId: string): Promise<{ started: boolean; syncId: string } | null> {
  const integration = await tx.integration.findUnique({ where: { id: integrationId }, select: { pushKeyUrl: true, disabledAt: true } });
  if (!integration?.pushKeyUrl || integration.disabledAt) return null;
  const running = await tx.pushJob.findFirst({
    where: { integrationId, fullSyncId: { not: null }, state: { in: [PushState.pending, PushState.sending] } },
    select: { fullSyncId: true },
  });
  if (running) return { started: false, syncId: running.fullSyncId! };
  const orders = await tx.workOrder.findMany({ where: { integrationId, deletedAt: null }, select: { id: true }, orderBy: { id: "asc" } });
  const sync = await tx.fullPushSync.create({ data: { integrationId, total: orders.length } });
  for (let i = 0; i < orders.length; i += 1000) {
    await tx.pushJob.createMany({
      data: orders.slice(i, i + 1000).map((o) => ({ integrationId, workOrderId: o.id, kind: "upsert" as const, fullSyncId: sync.id })),
    });
  }
  return { started: true, syncId: sync.id };
}

/** The integration's latest full sync by push and how far it got, or null if it never had one. */
export async function latestFullPushSync(integrationId: string, client: Db | Tx = db()): Promise<FullSyncProgress | null> {
  const sync = await client.fullPushSync.findFirst({
    where: { integrationId },
    orderBy: { startedAt: "desc" },
    select: { id: true, startedAt: true, total: true },
  });
  if (!sync) return null;
  const rows = await client.pushJob.groupBy({ by: ["state"], where: { fullSyncId: sync.id }, _count: { _all: true } });
  const count = (...states: PushState[]) => rows.filter((r) => states.includes(r.state)).reduce((n, r) => n + r._count._all, 0);
  const waiting = count(PushState.pending, PushState.sending);
  return {
    ...sync,
    delivered: count(PushState.delivered),
    waiting,
    failed: count(PushState.dead),
    skipped: count(PushState.discarded),
    done: waiting === 0,
  };
}
