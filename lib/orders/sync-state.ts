import { db } from "@/lib/db";
import { heldNow, readReceived, sendContext, toSend, type ReceivedBy, type WireValues } from "@/lib/pruvan/received";
import { ORDER_FIELDS, SERVICE_FIELDS } from "@/lib/pruvan/work-order-fields";
import { serializeWorkOrder, wireOrderSelect, wireServiceSelect, type WireContext } from "@/lib/pruvan/work-order-wire";
import { loadStatusMap } from "@/lib/status-mapping/queries";

// The order page's Sync panel (issue 11, "Delta updates"): what Pruvan last received of the
// order, when and by which call, and what the next call will send, asked of the same
// functions the push and getWorkOrders use (lib/pruvan/received), so the panel cannot
// disagree with them. Nothing secret: the push key is only said to be there or not.

export type SentField = { field: string; value: string; cleared: boolean };

export type OrderSync = {
  received: { at: Date; by: ReceivedBy; pending: boolean; fields: SentField[]; services: string[] } | null;
  /** What the next push or incremental pull sends (the delta); null: the order is deleted and its deletion is not sent. */
  nextUpdate: SentField[] | null;
  /** The services the next update sends (all of them), or null when they are left out. */
  nextServices: string[] | null;
  /** Fields a full refresh leaves out: shared fields Pruvan already has. */
  fullRefreshOmits: string[];
  /** Changed here since Pruvan received them, but Pruvan does not take updates of them (Updateable N). */
  notUpdatable: string[];
  via: "push" | "pull";
};

const LABEL = new Map([...ORDER_FIELDS, ...SERVICE_FIELDS].map((r) => [r.wire, r.label]));
const CREATE_ONLY = ORDER_FIELDS.filter((r) => r.rule === "create-only" && r.wire !== "workOrderNumber").map((r) => r.wire);

export async function getOrderSync(orderId: string): Promise<OrderSync | null> {
  const order = await db().workOrder.findUnique({
    where: { id: orderId },
    select: {
      ...wireOrderSelect,
      pruvanReceived: { select: { record: true } },
      services: { select: wireServiceSelect },
      integration: { select: { mode: true, autoAdmin: true, pushKeyUrl: true, disabledAt: true } },
    },
  });
  if (!order) return null;
  const ctx: WireContext = { mode: order.integration.mode, autoAdmin: order.integration.autoAdmin, mapping: await loadStatusMap() };
  const record = readReceived(order.pruvanReceived?.record);
  const held = heldNow(record);
  const full = serializeWorkOrder(order, sendContext(ctx, held));
  const update = full && toSend(full, held, "update", ctx);
  const refresh = full && !order.deletedAt ? toSend(full, held, "full-refresh", ctx) : null;
  return {
    received: held && {
      at: new Date(held.at),
      by: held.by,
      pending: record?.pending !== null && record?.pending !== undefined,
      fields: sentFields(held.order),
      services: (held.services ?? []).map((s) => String(s.serviceName)),
    },
    nextUpdate: update ? sentFields(update) : null,
    nextServices: update?.services ? update.services.map((s) => s.serviceName) : null,
    fullRefreshOmits:
      full && refresh
        ? Object.keys(full)
            .filter((k) => k !== "services" && !(k in refresh))
            .map(label)
        : [],
    notUpdatable:
      held && full
        ? CREATE_ONLY.filter((f) => JSON.stringify(full[f as keyof typeof full] ?? null) !== JSON.stringify(held.order[f] ?? null)).map(
            label,
          )
        : [],
    via: order.integration.pushKeyUrl && !order.integration.disabledAt ? "push" : "pull",
  };
}

const label = (wire: string) => LABEL.get(wire) ?? wire;

function sentFields(wire: WireValues): SentField[] {
  return Object.entries(wire)
    .filter(([k]) => k !== "services" && k !== "force")
    .map(([k, v]) => ({ field: label(k), value: typeof v === "object" ? JSON.stringify(v) : String(v), cleared: v === "" }));
}
