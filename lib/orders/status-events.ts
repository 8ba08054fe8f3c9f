import type { PruvanStatus, StatusSource, Tx } from "@/lib/db";

export type StatusChange = {
  workOrderId: string;
  source: StatusSource;
  actor?: string | null; // staff email, Pruvan username, "push"
  actorUserId?: string | null;
  fromStatus?: PruvanStatus | null;
  toStatus?: PruvanStatus | null;
  fromClientStatus?: string | null;
  toClientStatus?: string | null;
  fieldStatus?: string | null;
  note?: string | null;
};

/** Did the Pruvan status or the client status move? Only then is a StatusEvent worth keeping. */
export function statusMoved(c: StatusChange): boolean {
  return (c.fromStatus ?? null) !== (c.toStatus ?? null) || (c.fromClientStatus ?? null) !== (c.toClientStatus ?? null) || !!c.fieldStatus;
}

/** The one writer of status history, inside the caller's transaction. */
export async function recordStatusEvent(tx: Tx, c: StatusChange): Promise<void> {
  await recordStatusEvents(tx, [c]);
}

/** Many at once (an import's chunk). */
export async function recordStatusEvents(tx: Tx, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.statusEvent.createMany({
    data: changes.map((c) => ({
      workOrderId: c.workOrderId,
      source: c.source,
      actor: c.actor ?? null,
      actorUserId: c.actorUserId ?? null,
      fromStatus: c.fromStatus ?? null,
      toStatus: c.toStatus ?? null,
      fromClientStatus: c.fromClientStatus ?? null,
      toClientStatus: c.toClientStatus ?? null,
      fieldStatus: c.fieldStatus ?? null,
      note: c.note ?? null,
    })),
  });
}
