import { z } from "zod";
import type { WireService, WireWorkOrder } from "@/lib/pruvan/work-order-wire";
import { dueDateFromCalendarDay, formatDueDate, pruvanDateSchema } from "@/lib/pruvan/dates";
import { PRUVAN_STATUSES } from "@/lib/pruvan/statuses";

// What staff, the CLI and import files may send for an order: the doc's workOrder and
// service objects (pruvan-api-v2 "Available workOrder Object Fields"), validated. A value
// left out means "no change"; an empty string or null means "clear it".

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const nullable = <T extends z.ZodType>(schema: T) => z.preprocess(blankToNull, schema.nullable()).optional();
const mustBeText = { error: (i: { input: unknown }) => (i.input === undefined ? "is required" : "must be text") };

// A number where text is expected (a zip or an order number in a hand-written JSON file) is read as text.
const numberAsText = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v);
const text = (max: number) =>
  z.preprocess(numberAsText, nullable(z.string(mustBeText).trim().max(max, `must be at most ${max} characters`)));
const requiredString = (max: number) => z.string(mustBeText).trim().min(1, "is required").max(max, `must be at most ${max} characters`);
const requiredText = (max: number) => z.preprocess(numberAsText, requiredString(max));

const date = nullable(pruvanDateSchema);
// Pruvan shows the UTC calendar day of a dueDate at noon ("Date Fields"): stored that way.
const dueDate = nullable(pruvanDateSchema.transform((d) => dueDateFromCalendarDay(formatDueDate(d).slice(0, 10))));

const coordinate = (limit: number) =>
  nullable(
    z
      .union([z.number(), z.string().trim().regex(/^[+-]?\d+(\.\d+)?$/, "must be a number").transform(Number)], {
        error: "must be a number",
      })
      .refine((n) => Number.isFinite(n) && Math.abs(n) <= limit, `must be between -${limit} and ${limit}`),
  );

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** Mobile Configuration Options: a JSON object, or a string holding one (CSV cells, forms). */
const options = nullable(
  z.unknown().transform((v, ctx) => {
    let value = v;
    if (typeof v === "string") {
      try {
        value = JSON.parse(v);
      } catch {
        value = undefined;
      }
    }
    if (isPlainObject(value)) return value;
    ctx.addIssue({ code: "custom", message: 'must be a JSON object such as {"camera_orientation":"portrait"}' });
    return z.NEVER;
  }),
);

const status = nullable(
  z.enum(PRUVAN_STATUSES, { error: `must be one of ${PRUVAN_STATUSES.join(", ")}, or empty for "not set"` }),
);

/** Unique in Pruvan; shown there as "{client code}::workOrderNumber", so no "::" inside. */
export const workOrderNumberSchema = z.preprocess(
  numberAsText,
  requiredString(100)
    .regex(/^[\x20-\x7E]+$/, "must be plain ASCII letters, digits and punctuation")
    .refine((n) => !n.includes("::"), 'must not contain "::" (Pruvan puts the client code before it)'),
);

// Work order attributes 7-15 (1-6 are Pruvan's copies of the address); service attributes 1-15.
const orderAttributes = {
  attribute7: text(1000), attribute8: text(1000), attribute9: text(1000), attribute10: text(1000), attribute11: text(1000),
  attribute12: text(1000), attribute13: text(1000), attribute14: text(1000), attribute15: text(1000),
};
const serviceAttributes = {
  attribute1: text(1000), attribute2: text(1000), attribute3: text(1000), attribute4: text(1000), attribute5: text(1000),
  attribute6: text(1000), ...orderAttributes,
};

export const serviceInputSchema = z
  .object({
    /** Forms only: the existing service this row keeps (its name cannot change). */
    id: z.string().min(1).optional(),
    serviceName: requiredText(200),
    survey: text(200),
    instructions: text(20_000),
    options,
    source_service: text(200),
    source_service_id: text(200),
    ...serviceAttributes,
  })
  .strict();

const orderFields = {
  workOrderInfo: text(5000),
  address1: text(200),
  address2: text(200),
  city: text(100),
  state: text(50),
  zip: text(20),
  country: text(100),
  assignedTo: text(100),
  status,
  dueDate,
  instructions: text(20_000),
  clientStatus: text(100),
  clientDueDate: date,
  clientInstructions: text(20_000),
  description: text(20_000),
  reference: text(500),
  ...orderAttributes,
  gpsLatitude: coordinate(90),
  gpsLongitude: coordinate(180),
  options,
  startDate: date,
  source_wo_id: text(200),
  source_wo_number: text(200),
  source_wo_provider: text(200),
};

const services = z
  .array(serviceInputSchema, { error: (i) => (i.input === undefined ? "at least one service is required" : "must be a list of services") })
  .min(1, "at least one service is required");

type Shape = { services?: { serviceName: string }[] | null; gpsLatitude?: number | null; gpsLongitude?: number | null };

/** Pruvan tells a work order's tasks apart by name: names are unique within the order. */
function uniqueServiceNames(order: Shape, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  order.services?.forEach((s, i) => {
    const key = s.serviceName.toLowerCase();
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["services", i, "serviceName"], message: `"${s.serviceName}" appears twice` });
    seen.add(key);
  });
}

/** A new order's GPS position comes as a pair (on update each is compared with what is stored). */
function newOrderRules(order: Shape, ctx: z.RefinementCtx) {
  uniqueServiceNames(order, ctx);
  const lat = order.gpsLatitude ?? null;
  const lng = order.gpsLongitude ?? null;
  if ((lat === null) !== (lng === null)) {
    ctx.addIssue({ code: "custom", path: [lat === null ? "gpsLatitude" : "gpsLongitude"], message: "gpsLatitude and gpsLongitude go together" });
  }
}

const createFields = {
  ...orderFields,
  workOrderNumber: workOrderNumberSchema,
  address1: requiredText(200),
  city: requiredText(100),
  state: requiredText(50),
  zip: requiredText(20),
  services,
};

/** A new order, in the doc's shape: what an import row holds. */
export const workOrderCreateSchema = z.object(createFields).strict().superRefine(newOrderRules);

/** createOrder's input (the "New order" form): a new order and the integration it belongs to. */
export const orderCreateInputSchema = z
  .object({ ...createFields, integrationId: requiredText(100) })
  .strict()
  .superRefine(newOrderRules);

/** A change to an existing order: any subset; services, when given, are the whole new set. */
export const workOrderUpdateSchema = z
  .object({ ...orderFields, workOrderNumber: workOrderNumberSchema.optional(), services: services.optional() })
  .strict()
  .superRefine(uniqueServiceNames);

/** Every field name of the doc's workOrder object: the columns an import file may have. */
export const WORK_ORDER_FIELD_NAMES = Object.keys(workOrderUpdateSchema.shape) as (keyof WorkOrderUpdate)[];

export type ServiceInput = z.infer<typeof serviceInputSchema>;
export type WorkOrderCreate = z.infer<typeof workOrderCreateSchema>;
export type WorkOrderUpdate = z.infer<typeof workOrderUpdateSchema>;
export type OrderCreateInput = z.input<typeof orderCreateInputSchema>;
export type OrderUpdateInput = z.input<typeof workOrderUpdateSchema>;

// The input keeps the doc's names: the compiler holds them to the wire shape.
const inputNamesAreWireNames: [
  Record<Exclude<keyof WorkOrderUpdate, keyof WireWorkOrder>, never>,
  Record<Exclude<keyof ServiceInput, keyof WireService | "id">, never>,
] = [{}, {}];
void inputNamesAreWireNames;

// --- Field rules (pruvan-api-v2 "Updateable" column) -----------------------------------

/** The order fields Pruvan never updates once the order exists. */
export const CREATE_ONLY_ORDER_FIELDS = [
  "address1", "address2", "city", "state", "zip", "country", "description",
  "attribute7", "attribute8", "attribute9", "attribute10", "attribute11", "attribute12", "attribute13", "attribute14", "attribute15",
  "gpsLatitude", "gpsLongitude", "options", "source_wo_id", "source_wo_number", "source_wo_provider",
] as const satisfies readonly (keyof WorkOrderUpdate)[];

/** Updatable order fields ("Y" and "Y*": the serializer decides per mode what is sent). */
export const UPDATABLE_ORDER_FIELDS = [
  "workOrderInfo", "assignedTo", "status", "dueDate", "instructions", "clientStatus", "clientDueDate",
  "clientInstructions", "reference", "startDate",
] as const satisfies readonly (keyof WorkOrderUpdate)[];

/** Service fields Pruvan updates in place; a changed survey is removed and re-added instead. */
export const UPDATABLE_SERVICE_FIELDS = ["instructions", "options"] as const satisfies readonly (keyof ServiceInput)[];
export const CREATE_ONLY_SERVICE_FIELDS = [
  "source_service", "source_service_id", "attribute1", "attribute2", "attribute3", "attribute4", "attribute5",
  "attribute6", "attribute7", "attribute8", "attribute9", "attribute10", "attribute11", "attribute12", "attribute13",
  "attribute14", "attribute15",
] as const satisfies readonly (keyof ServiceInput)[];

/** Wire names whose database column is named differently. */
export const ORDER_COLUMN = { source_wo_id: "sourceWoId", source_wo_number: "sourceWoNumber", source_wo_provider: "sourceWoProvider" } as const;
export const SERVICE_COLUMN = { source_service: "sourceService", source_service_id: "sourceServiceId" } as const;
