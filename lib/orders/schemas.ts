import { z } from "zod";
import {
  ORDER_FIELDS,
  ORDER_FIELD_TABLE,
  SERVICE_FIELDS,
  SERVICE_FIELD_TABLE,
  orderFieldByWire,
  serviceFieldByWire,
  type FieldKind,
} from "@/lib/pruvan/work-order-fields";
import { dueDateFromCalendarDay, formatDueDate, pruvanDateSchema } from "@/lib/pruvan/dates";
import { toAscii } from "@/lib/pruvan/ascii";
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
      .union(
        [
          z.number(),
          z
            .string()
            .trim()
            .regex(/^[+-]?\d+(\.\d+)?$/, "must be a number")
            .transform(Number),
        ],
        {
          error: "must be a number",
        },
      )
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

const status = nullable(z.enum(PRUVAN_STATUSES, { error: `must be one of ${PRUVAN_STATUSES.join(", ")}, or empty for "not set"` }));

/** Unique in Pruvan; shown there as "{client code}::workOrderNumber", so no "::" inside. */
export const workOrderNumberSchema = z.preprocess(
  numberAsText,
  requiredString(100)
    .regex(/^[\x20-\x7E]+$/, "must be plain ASCII letters, digits and punctuation")
    .refine((n) => !n.includes("::"), 'must not contain "::" (Pruvan puts the client code before it)'),
);

// A field's input schema by its kind in the field table (lib/pruvan/work-order-fields).
const INPUT = {
  text: (row: { max?: number }) => text(row.max ?? 1000),
  status: () => status,
  dueDate: () => dueDate,
  dateTime: () => date,
  coordinate: (row: { limit?: number }) => coordinate(row.limit ?? 180),
  json: () => options,
} as const;
type InputShape<Rows extends readonly { wire: string; kind: FieldKind }[]> = {
  [R in Rows[number] as R["wire"]]: ReturnType<(typeof INPUT)[R["kind"]]>;
};
function inputShape<Rows extends readonly { wire: string; kind: FieldKind; max?: number; limit?: number }[]>(rows: Rows): InputShape<Rows> {
  return Object.fromEntries(rows.map((r) => [r.wire, INPUT[r.kind](r)])) as InputShape<Rows>;
}
/** Text a row requires on create (a number in a hand-written file is read as text). */
const requiredFor = (wire: string) => requiredText(orderFieldByWire.get(wire)?.max ?? serviceFieldByWire.get(wire)?.max ?? 1000);

export const serviceInputSchema = z
  .object({
    /** Forms only: the existing service this row keeps (its name cannot change). */
    id: z.string().min(1).optional(),
    ...inputShape(SERVICE_FIELD_TABLE),
    serviceName: requiredFor("serviceName"),
  })
  .strict();

const { workOrderNumber: _number, ...orderFields } = inputShape(ORDER_FIELD_TABLE);
void _number;

const services = z
  .array(serviceInputSchema, { error: (i) => (i.input === undefined ? "at least one service is required" : "must be a list of services") })
  .min(1, "at least one service is required");

type Shape = { services?: { serviceName: string }[] | null; gpsLatitude?: number | null; gpsLongitude?: number | null };

/**
 * Pruvan tells a work order's tasks apart by name: names are unique within the order, as
 * Pruvan reads them (ASCII-folded: "Tâche" and "Tache" are one task there).
 */
function uniqueServiceNames(order: Shape, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  order.services?.forEach((s, i) => {
    const key = toAscii(s.serviceName).toLowerCase();
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
    ctx.addIssue({
      code: "custom",
      path: [lat === null ? "gpsLatitude" : "gpsLongitude"],
      message: "gpsLatitude and gpsLongitude go together",
    });
  }
}

const createFields = {
  ...orderFields,
  workOrderNumber: workOrderNumberSchema,
  // pruvan-api-v2 Required Y (the table's `required` rows): a valid address.
  address1: requiredFor("address1"),
  city: requiredFor("city"),
  state: requiredFor("state"),
  zip: requiredFor("zip"),
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

// --- Field rules (pruvan-api-v2 "Updateable" column), from the field table ----------------

type OrderFieldName = keyof WorkOrderUpdate & string;
type ServiceFieldName = keyof ServiceInput & string;

/** The order fields Pruvan never updates once the order exists (the number is apart). */
export const CREATE_ONLY_ORDER_FIELDS: readonly OrderFieldName[] = ORDER_FIELDS.filter(
  (f) => f.rule === "create-only" && f.wire !== "workOrderNumber",
).map((f) => f.wire as OrderFieldName);

/** Updatable order fields ("Y" and "Y*": the serializer decides per mode what is sent). */
export const UPDATABLE_ORDER_FIELDS: readonly OrderFieldName[] = ORDER_FIELDS.filter((f) => f.rule !== "create-only").map(
  (f) => f.wire as OrderFieldName,
);

/** Service fields Pruvan updates in place; a changed survey is removed and re-added instead. */
export const UPDATABLE_SERVICE_FIELDS: readonly ServiceFieldName[] = SERVICE_FIELDS.filter((f) => f.rule !== "create-only").map(
  (f) => f.wire as ServiceFieldName,
);
export const CREATE_ONLY_SERVICE_FIELDS: readonly ServiceFieldName[] = SERVICE_FIELDS.filter(
  (f) => f.rule === "create-only" && f.wire !== "serviceName" && f.wire !== "survey",
).map((f) => f.wire as ServiceFieldName);

/** Wire names whose database column is named differently. */
export const ORDER_COLUMN: Readonly<Record<string, string>> = Object.fromEntries(
  ORDER_FIELDS.filter((f) => f.column !== f.wire).map((f) => [f.wire, f.column]),
);
export const SERVICE_COLUMN: Readonly<Record<string, string>> = Object.fromEntries(
  SERVICE_FIELDS.filter((f) => f.column !== f.wire).map((f) => [f.wire, f.column]),
);
