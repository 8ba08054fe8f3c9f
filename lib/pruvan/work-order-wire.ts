import { z } from "zod";
import type { Prisma, PruvanStatus, WorkOrder } from "@/lib/db";
import { deepAscii, toAscii } from "./ascii";
import { formatDateTime, formatDueDate } from "./dates";
import { PRUVAN_STATUSES, isUpdateOnlyStatus, maySetStatus, type IntegrationRules } from "./statuses";
import {
  ORDER_FIELDS,
  ORDER_FIELD_TABLE,
  SERVICE_FIELDS,
  SERVICE_FIELD_TABLE,
  type FieldKind,
  type OrderFieldRow,
  type Senders,
} from "./work-order-fields";

// The workOrder and service objects exactly as pruvan-api-v2.txt names them, derived from
// the field table (./work-order-fields). Used to type what getWorkOrders and the push send,
// and as the shape an import file must have.

const text = z.string();
// A JSON field cleared here goes as "" (a task's options: lib/pruvan/received), as every cleared field does.
const jsonObject = z.union([z.record(z.string(), z.unknown()), z.literal("")]);
const date = z.union([z.string(), z.number()]);
const coordinate = z.union([z.number(), z.string()]);
const KIND_SCHEMA = { text, status: z.enum(PRUVAN_STATUSES), dueDate: date, dateTime: date, coordinate, json: jsonObject } as const;
type KindSchema = typeof KIND_SCHEMA;
type WireShape<Rows extends readonly { wire: string; kind: FieldKind }[]> = {
  [R in Rows[number] as R["wire"]]: z.ZodOptional<KindSchema[R["kind"]]>;
};

function wireShape<Rows extends readonly { wire: string; kind: FieldKind }[]>(rows: Rows): WireShape<Rows> {
  return Object.fromEntries(rows.map((r) => [r.wire, KIND_SCHEMA[r.kind].optional()])) as WireShape<Rows>;
}

export const wireServiceSchema = z.object({ ...wireShape(SERVICE_FIELD_TABLE), serviceName: text });

export const wireWorkOrderSchema = z.object({
  ...wireShape(ORDER_FIELD_TABLE),
  workOrderNumber: text,
  services: z.array(wireServiceSchema).optional(),
  force: z.boolean().optional(),
});

export type WireService = z.infer<typeof wireServiceSchema>;
export type WireWorkOrder = z.infer<typeof wireWorkOrderSchema>;

type Select<Rows extends readonly { column: string }[]> = { [R in Rows[number] as R["column"]]: true };
const selectOf = <Rows extends readonly { column: string }[]>(rows: Rows) =>
  Object.fromEntries(rows.map((r) => [r.column, true])) as Select<Rows>;

/** Exactly the service columns the serializer reads: load services for the wire with this. */
export const wireServiceSelect = { position: true, ...selectOf(SERVICE_FIELD_TABLE) } as const satisfies Prisma.ServiceSelect;

/** Exactly the order columns the serializer reads (bulk reads select these, not every column). */
export const wireOrderSelect = { ...selectOf(ORDER_FIELD_TABLE), deletedAt: true } as const satisfies Prisma.WorkOrderSelect;

type WireServiceColumns = Prisma.ServiceGetPayload<{ select: typeof wireServiceSelect }>;
/** A whole WorkOrder with its Service rows fits; so does a read with the selects above. */
export type OrderForWire = Prisma.WorkOrderGetPayload<{ select: typeof wireOrderSelect }> & { services: WireServiceColumns[] };

export type WireContext = IntegrationRules & {
  /** clientStatus -> Pruvan status, from the status mapping table. */
  mapping?: ReadonlyMap<string, PruvanStatus | null>;
  /** Admin-requested single push of fields the mode normally leaves out (push only). */
  force?: boolean;
  /**
   * The order goes as a create: Pruvan has never received it. Fields "can be set on remote
   * order creation" that an update of this mode may not set go too (the field table's
   * sendOnCreate), and no status that is not advised on create does (remote-fields).
   */
  create?: boolean;
};

/** The Pruvan status we send: the order's own, else its client status's mapping. */
export function effectiveStatus(order: Pick<WorkOrder, "status" | "clientStatus">, ctx: WireContext): PruvanStatus | undefined {
  if (order.status) return order.status;
  if (order.clientStatus && ctx.mapping) return ctx.mapping.get(order.clientStatus) ?? undefined;
  return undefined;
}

/** A status that may go with this send: remote-fields' table advises canceled and closed on update only. */
function statusForSend(status: PruvanStatus | undefined, ctx: WireContext): PruvanStatus | undefined {
  return status && ctx.create && isUpdateOnlyStatus(status) ? undefined : status;
}

/** Whether an integration under these rules sends a field of this row. */
export function sends(senders: Senders, ctx: IntegrationRules & { force?: boolean }): boolean {
  if (senders === "all" || ctx.mode === "internal" || ctx.force === true) return true;
  return senders === "auto-admin" && ctx.autoAdmin;
}

/**
 * One order as Pruvan reads it, under the field rules of the integration's mode
 * (pruvan-api-v2 "Pruvan Integration Types"), each field as its row in the field table
 * says (lib/pruvan/work-order-fields): who sends it, and how its value is written.
 * The status is the order's own or its client status's mapping, only where the mode may
 * set one; unassigned/assigned only from internal integrations.
 * A deleted order becomes {workOrderNumber, status: "deleted"} where the mode may set status,
 * and null where it may not. Empty fields are left out; every string is ASCII.
 */
export function serializeWorkOrder(order: OrderForWire, ctx: WireContext): WireWorkOrder | null {
  const internal = ctx.mode === "internal" || ctx.force === true;
  const statusAllowed = maySetStatus(ctx) || ctx.force === true;
  if (order.deletedAt) {
    return statusAllowed
      ? { workOrderNumber: toAscii(order.workOrderNumber), status: "deleted", ...(ctx.force ? { force: true } : {}) }
      : null;
  }
  const status = statusAllowed ? statusForSend(effectiveStatus(order, ctx), ctx) : undefined;
  // unassigned/assigned are internal-only: an external vendor assigns its own crews.
  const sendStatus = status && (internal || (status !== "unassigned" && status !== "assigned")) ? status : undefined;
  // One pass, in the doc's field order: getWorkOrders builds thousands of these per answer.
  const wire: Record<string, unknown> = {};
  for (const row of orderRowsSent(ctx)) {
    if (row.kind === "status") put(wire, row.wire, sendStatus);
    else putValue(wire, row, order[row.column as keyof OrderForWire]);
  }
  const services = order.services.length > 1 ? [...order.services].sort((a, b) => a.position - b.position) : order.services;
  wire.services = services.map(serializeService);
  if (ctx.force) wire.force = true;
  return wire as WireWorkOrder;
}

const rowsSent = new Map<string, readonly OrderFieldRow[]>();
/** The order rows an integration under these rules sends, in the doc's order (a few variants, cached). */
function orderRowsSent(ctx: WireContext): readonly OrderFieldRow[] {
  const key = `${ctx.mode}/${ctx.autoAdmin}/${ctx.force === true}/${ctx.create === true}`;
  let rows = rowsSent.get(key);
  if (!rows) rowsSent.set(key, (rows = ORDER_FIELDS.filter((r) => sends(ctx.create ? (r.sendOnCreate ?? r.send) : r.send, ctx))));
  return rows;
}

function serializeService(service: WireServiceColumns): WireService {
  const wire: Record<string, unknown> = {};
  for (const row of SERVICE_FIELDS) putValue(wire, row, service[row.column as keyof WireServiceColumns]);
  return wire as WireService;
}

/** A column's value in the wire's form: dates as the doc's date strings (pruvan-api-v2 "Date Fields"). */
function putValue(wire: Record<string, unknown>, row: { wire: string; kind: FieldKind }, value: unknown) {
  if (value instanceof Date) wire[row.wire] = row.kind === "dueDate" ? formatDueDate(value) : formatDateTime(value);
  else put(wire, row.wire, value);
}

/** Sets a field unless it is empty (undefined, null, ""), ASCII-folded (options objects deeply). */
function put(wire: Record<string, unknown>, key: string, value: unknown) {
  if (value === undefined || value === null || value === "") return;
  wire[key] = typeof value === "string" ? toAscii(value) : typeof value === "object" ? deepAscii(value) : value;
}
