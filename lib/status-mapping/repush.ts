import type { PruvanStatus, Tx } from "@/lib/db";
import { resendOrders } from "@/lib/push/outbox";

// A mapping gives its Pruvan status to every order that has its client status and no
// status of its own (effectiveStatus in lib/pruvan/work-order-wire). When a mapping
// changes, what Pruvan should show for those orders changes with it: they are marked
// changed (incremental pulls send them) and queued for push, in the mapping's transaction.
// Only where the integration may set status at all (internal, or external with auto_admin).

type MappingRow = { clientStatus: string; pruvanStatus: PruvanStatus | null };

/** The client statuses whose Pruvan status differs between the rows before and after a change. */
export function clientStatusesChanged(before: MappingRow[], after: MappingRow[]): string[] {
  const was = new Map(before.map((m) => [m.clientStatus, m.pruvanStatus]));
  const is = new Map(after.map((m) => [m.clientStatus, m.pruvanStatus]));
  return [...new Set([...was.keys(), ...is.keys()])].filter((s) => (was.get(s) ?? null) !== (is.get(s) ?? null));
}

export type MappedOrdersChange = { ordersChanged: number; pushesQueued: number };

/** Marks the orders whose Pruvan status comes from these client statuses as changed and queues their push. */
export async function resendMappedOrders(tx: Tx, clientStatuses: string[], at = new Date()): Promise<MappedOrdersChange> {
  if (clientStatuses.length === 0) return { ordersChanged: 0, pushesQueued: 0 };
  const orders = await tx.workOrder.findMany({
    where: {
      clientStatus: { in: clientStatuses },
      status: null,
      deletedAt: null,
      integration: { OR: [{ mode: "internal" }, { autoAdmin: true }] },
    },
    select: { id: true, integrationId: true },
    orderBy: { id: "asc" },
  });
  const byIntegration = new Map<string, string[]>();
  for (const o of orders) {
    const ids = byIntegration.get(o.integrationId) ?? [];
    ids.push(o.id);
    byIntegration.set(o.integrationId, ids);
  }
  let pushesQueued = 0;
  for (const [integrationId, workOrderIds] of byIntegration) pushesQueued += await resendOrders(tx, integrationId, workOrderIds, at);
  return { ordersChanged: orders.length, pushesQueued };
}
