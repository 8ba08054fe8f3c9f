import { z } from "zod";
import type { Prisma, PruvanStatus, WorkOrder } from "@/lib/db";
import { deepAscii, toAscii } from "./ascii";
import { formatDateTime, formatDueDate } from "./dates";
import { PRUVAN_STATUSES, maySetStatus, type IntegrationRules } from "./statuses";

// The workOrder and service objects exactly as pruvan-api-v2.txt names them. Used to type
// what getWorkOrders and the push send, and as the shape an import file must have.

const text = z.string();
const jsonObject = z.record(z.string(), z.unknown());
const date = z.union([z.string(), z.number()]);
const coordinate = z.union([z.number(), z.string()]);

// Work order attributes 7-15 (1-6 are Pruvan's address copies); service attributes 1-15.
const orderAttributes = {
  attribute7: text.optional(), attribute8: text.optional(), attribute9: text.optional(),
  attribute10: text.optional(), attribute11: text.optional(), attribute12: text.optional(),
  attribute13: text.optional(), attribute14: text.optional(), attribute15: text.optional(),
};
const serviceAttributes = {
  attribute1: text.optional(), attribute2: text.optional(), attribute3: text.optional(),
  attribute4: text.optional(), attribute5: text.optional(), attribute6: text.optional(),
  ...orderAttributes,
};

export const wireServiceSchema = z.object({
  serviceName: text,
  survey: text.optional(),
  instructions: text.optional(),
  options: jsonObject.optional(),
  source_service: text.optional(),
  source_service_id: text.optional(),
  ...serviceAttributes,
});

export const wireWorkOrderSchema = z.object({
  workOrderNumber: text,
  workOrderInfo: text.optional(),
  address1: text.optional(),
  address2: text.optional(),
  city: text.optional(),
  state: text.optional(),
  zip: text.optional(),
  country: text.optional(),
  assignedTo: text.optional(),
  status: z.enum(PRUVAN_STATUSES).optional(),
  dueDate: date.optional(),
  instructions: text.optional(),
  clientStatus: text.optional(),
  clientDueDate: date.optional(),
  clientInstructions: text.optional(),
  description: text.optional(),
  reference: text.optional(),
  ...orderAttributes,
  gpsLatitude: coordinate.optional(),
  gpsLongitude: coordinate.optional(),
  options: jsonObject.optional(),
  startDate: date.optional(),
  source_wo_id: text.optional(),
  source_wo_number: text.optional(),
  source_wo_provider: text.optional(),
  services: z.array(wireServiceSchema).optional(),
  force: z.boolean().optional(),
});

export type WireService = z.infer<typeof wireServiceSchema>;
export type WireWorkOrder = z.infer<typeof wireWorkOrderSchema>;

/** Exactly the service columns the serializer reads: load services for the wire with this. */
export const wireServiceSelect = {
  position: true, serviceName: true, survey: true, instructions: true, options: true, sourceService: true, sourceServiceId: true,
  attribute1: true, attribute2: true, attribute3: true, attribute4: true, attribute5: true, attribute6: true, attribute7: true,
  attribute8: true, attribute9: true, attribute10: true, attribute11: true, attribute12: true, attribute13: true, attribute14: true,
  attribute15: true,
} as const satisfies Prisma.ServiceSelect;

/** Exactly the order columns the serializer reads (bulk reads select these, not every column). */
export const wireOrderSelect = {
  workOrderNumber: true, workOrderInfo: true, address1: true, address2: true, city: true, state: true, zip: true, country: true,
  assignedTo: true, status: true, dueDate: true, instructions: true, clientStatus: true, clientDueDate: true, clientInstructions: true,
  description: true, reference: true, attribute7: true, attribute8: true, attribute9: true, attribute10: true, attribute11: true,
  attribute12: true, attribute13: true, attribute14: true, attribute15: true, gpsLatitude: true, gpsLongitude: true, options: true,
  startDate: true, sourceWoId: true, sourceWoNumber: true, sourceWoProvider: true, deletedAt: true,
} as const satisfies Prisma.WorkOrderSelect;

type WireServiceColumns = Prisma.ServiceGetPayload<{ select: typeof wireServiceSelect }>;
/** A whole WorkOrder with its Service rows fits; so does a read with the selects above. */
export type OrderForWire = Prisma.WorkOrderGetPayload<{ select: typeof wireOrderSelect }> & { services: WireServiceColumns[] };

export type WireContext = IntegrationRules & {
  /** clientStatus -> Pruvan status, from the status mapping table. */
  mapping?: ReadonlyMap<string, PruvanStatus | null>;
  /** Admin-requested single push of fields the mode normally leaves out (push only). */
  force?: boolean;
};

/** The Pruvan status we send: the order's own, else its client status's mapping. */
export function effectiveStatus(order: Pick<WorkOrder, "status" | "clientStatus">, ctx: WireContext): PruvanStatus | undefined {
  if (order.status) return order.status;
  if (order.clientStatus && ctx.mapping) return ctx.mapping.get(order.clientStatus) ?? undefined;
  return undefined;
}

/**
 * One order as Pruvan reads it, under the field rules of the integration's mode
 * (pruvan-api-v2 "Pruvan Integration Types"):
 * - always: workOrderInfo, client fields, create-only fields (address, attributes, gps,
 *   options, source_*), startDate and the services;
 * - internal: also assignedTo, status, dueDate, instructions, description, reference;
 * - external: none of those, unless auto_admin (status, dueDate, instructions) or force.
 * A deleted order becomes {workOrderNumber, status: "deleted"} where the mode may set status,
 * and null where it may not. Empty fields are left out; every string is ASCII.
 */
export function serializeWorkOrder(order: OrderForWire, ctx: WireContext): WireWorkOrder | null {
  const internal = ctx.mode === "internal" || ctx.force === true;
  const statusAllowed = maySetStatus(ctx) || ctx.force === true;
  if (order.deletedAt) {
    return statusAllowed ? { workOrderNumber: toAscii(order.workOrderNumber), status: "deleted", ...(ctx.force ? { force: true } : {}) } : null;
  }
  const status = statusAllowed ? effectiveStatus(order, ctx) : undefined;
  // unassigned/assigned are internal-only: an external vendor assigns its own crews.
  const sendStatus = status && (internal || (status !== "unassigned" && status !== "assigned")) ? status : undefined;
  const autoAdmin = internal || ctx.autoAdmin;
  // One pass, in the doc's field order: getWorkOrders builds thousands of these per answer.
  const wire: Record<string, unknown> = {};
  put(wire, "workOrderNumber", order.workOrderNumber);
  put(wire, "workOrderInfo", order.workOrderInfo);
  put(wire, "address1", order.address1);
  put(wire, "address2", order.address2);
  put(wire, "city", order.city);
  put(wire, "state", order.state);
  put(wire, "zip", order.zip);
  put(wire, "country", order.country);
  if (internal) put(wire, "assignedTo", order.assignedTo);
  put(wire, "status", sendStatus);
  if (autoAdmin && order.dueDate) wire.dueDate = formatDueDate(order.dueDate);
  if (autoAdmin) put(wire, "instructions", order.instructions);
  put(wire, "clientStatus", order.clientStatus);
  if (order.clientDueDate) wire.clientDueDate = formatDateTime(order.clientDueDate);
  put(wire, "clientInstructions", order.clientInstructions);
  if (internal) put(wire, "description", order.description);
  if (internal) put(wire, "reference", order.reference);
  for (let i = 7; i <= 15; i++) put(wire, `attribute${i}`, order[`attribute${i}` as keyof OrderForWire]);
  put(wire, "gpsLatitude", order.gpsLatitude);
  put(wire, "gpsLongitude", order.gpsLongitude);
  put(wire, "options", order.options);
  if (order.startDate) wire.startDate = formatDateTime(order.startDate);
  put(wire, "source_wo_id", order.sourceWoId);
  put(wire, "source_wo_number", order.sourceWoNumber);
  put(wire, "source_wo_provider", order.sourceWoProvider);
  const services = order.services.length > 1 ? [...order.services].sort((a, b) => a.position - b.position) : order.services;
  wire.services = services.map(serializeService);
  if (ctx.force) wire.force = true;
  return wire as WireWorkOrder;
}

function serializeService(service: WireServiceColumns): WireService {
  const wire: Record<string, unknown> = {};
  put(wire, "serviceName", service.serviceName);
  put(wire, "survey", service.survey);
  put(wire, "instructions", service.instructions);
  put(wire, "options", service.options);
  put(wire, "source_service", service.sourceService);
  put(wire, "source_service_id", service.sourceServiceId);
  for (let i = 1; i <= 15; i++) put(wire, `attribute${i}`, service[`attribute${i}` as keyof WireServiceColumns]);
  return wire as WireService;
}

/** Sets a field unless it is empty (undefined, null, ""), ASCII-folded (options objects deeply). */
function put(wire: Record<string, unknown>, key: string, value: unknown) {
  if (value === undefined || value === null || value === "") return;
  wire[key] = typeof value === "string" ? toAscii(value) : typeof value === "object" ? deepAscii(value) : value;
}
