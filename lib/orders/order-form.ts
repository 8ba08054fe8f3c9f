import { z } from "zod";
import type { Service, WorkOrder } from "@/lib/db";
import { checkboxField } from "@/lib/form-fields";
import { serializeWorkOrder, type OrderForWire } from "@/lib/pruvan/work-order-wire";
import type { IntegrationRules } from "@/lib/pruvan/statuses";
import { ORDER_FIELDS as ORDER_FIELD_ROWS, type FieldKind } from "@/lib/pruvan/work-order-fields";
import {
  CREATE_ONLY_ORDER_FIELDS,
  CREATE_ONLY_SERVICE_FIELDS,
  ORDER_COLUMN,
  SERVICE_COLUMN,
  WORK_ORDER_FIELD_NAMES,
  serviceInputSchema,
  type OrderCreateInput,
  type OrderUpdateInput,
} from "./schemas";

// The order form as a flat list of fields, the way a browser posts it: the doc's names
// ("city", "source_wo_id") and one numbered group per service ("services.0.serviceName").
// The domain's refusals are keyed the same way, so each lands beside its own field.
// Values are text in both directions; the order schemas do the parsing.

export type FormValues = Record<string, string>;

const SERVICE_INPUT_FIELDS = Object.keys(serviceInputSchema.shape) as (keyof typeof serviceInputSchema.shape)[];
const ORDER_INPUT_FIELDS = WORK_ORDER_FIELD_NAMES.filter((f) => f !== "services");
const SERVICE_KEY = /^services\.(\d+)\.([A-Za-z0-9_]+)$/;

/**
 * A posted form as an order input. Fields the form did not have are left out ("no
 * change"); an empty one is sent as empty ("clear it"). Services are always the whole
 * set, in the order of their numbers: a form without any means "no services", which the
 * schema refuses.
 */
export function orderInputFromForm(form: Record<string, unknown>): OrderUpdateInput {
  const input: Record<string, unknown> = {};
  for (const field of ORDER_INPUT_FIELDS) {
    if (typeof form[field] === "string") input[field] = form[field];
  }
  const services = new Map<number, Record<string, string>>();
  for (const [key, value] of Object.entries(form)) {
    const m = SERVICE_KEY.exec(key);
    if (!m || typeof value !== "string" || !(SERVICE_INPUT_FIELDS as string[]).includes(m[2]!)) continue;
    const index = Number(m[1]);
    services.set(index, { ...services.get(index), [m[2]!]: value });
  }
  input.services = [...services.entries()].sort(([a], [b]) => a - b).map(([, service]) => withoutBlankId(service));
  return input as OrderUpdateInput;
}

/** A new service row has an empty id field: it is not an existing service. */
function withoutBlankId(service: Record<string, string>) {
  return service.id === "" ? Object.fromEntries(Object.entries(service).filter(([k]) => k !== "id")) : service;
}

const anyForm = z.record(z.string(), z.unknown());

/** The "New order" form: the order, its integration. (createOrder validates it all.) */
export const newOrderFormSchema = anyForm.transform(
  (form) =>
    ({ ...orderInputFromForm(form), integrationId: typeof form.integrationId === "string" ? form.integrationId : "" }) as OrderCreateInput,
);

/** The edit form: which order, the change, and the confirmation the "deleted" status needs. */
export const editOrderFormSchema = anyForm.transform((form, ctx) => {
  if (typeof form.orderId !== "string" || form.orderId === "") {
    ctx.addIssue({ code: "custom", path: ["orderId"], message: "is required" });
    return z.NEVER;
  }
  return { orderId: form.orderId, confirmDelete: checkboxField.parse(form.confirmDelete), change: orderInputFromForm(form) };
});

// --- An order as form values ------------------------------------------------------------

export type OrderFormData = { fields: FormValues; services: FormValues[] };

type FormOrder = WorkOrder & { services: Service[] };

/** The form's starting values for an existing order. */
export function orderFormData(order: FormOrder): OrderFormData {
  const fields: FormValues = {};
  for (const field of ORDER_INPUT_FIELDS) {
    const column = (ORDER_COLUMN as Record<string, string>)[field] ?? field;
    fields[field] = asFormText(field, order[column as keyof WorkOrder]);
  }
  const services = [...order.services]
    .sort((a, b) => a.position - b.position)
    .map((service) => {
      const values: FormValues = {};
      for (const field of SERVICE_INPUT_FIELDS) {
        const column = (SERVICE_COLUMN as Record<string, string>)[field] ?? field;
        values[field] = asFormText(field, service[column as keyof Service]);
      }
      return values;
    });
  return { fields, services };
}

/**
 * What a refused form shows: the values it posted, over the order's own for the fields
 * it did not post (locked ones). A service the form kept is matched by its id.
 */
export function formDataFromPosted(values: FormValues, base: OrderFormData): OrderFormData {
  const services = new Map<number, FormValues>();
  const fields: FormValues = { ...base.fields };
  for (const [key, value] of Object.entries(values)) {
    const m = SERVICE_KEY.exec(key);
    if (m) services.set(Number(m[1]), { ...services.get(Number(m[1])), [m[2]!]: value });
    else fields[key] = value;
  }
  const saved = new Map(base.services.filter((s) => s.id).map((s) => [s.id, s]));
  return {
    fields,
    services: [...services.entries()].sort(([a], [b]) => a - b).map(([, s]) => ({ ...(s.id ? saved.get(s.id) : undefined), ...s })),
  };
}

function asFormText(field: string, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return field === "dueDate" ? value.toISOString().slice(0, 10) : dateTimeLocal(value);
  if (typeof value === "object") return JSON.stringify(value, null, 2);
  return String(value);
}

/** A UTC instant as a datetime-local value; seconds only when there are some. */
export function dateTimeLocal(date: Date): string {
  const iso = date.toISOString();
  return date.getUTCSeconds() === 0 ? iso.slice(0, 16) : iso.slice(0, 19);
}

// --- The field rules a form shows -------------------------------------------------------

export const LOCKED_ORDER_FIELDS: readonly string[] = ["workOrderNumber", ...CREATE_ONLY_ORDER_FIELDS];
export const LOCKED_SERVICE_FIELDS: readonly string[] = ["serviceName", ...CREATE_ONLY_SERVICE_FIELDS];

const SAMPLE_VALUE: Record<FieldKind, unknown> = {
  text: "x",
  status: "rush",
  dueDate: new Date(0),
  dateTime: new Date(0),
  coordinate: 1,
  json: { x: 1 },
};

/** Every field the serializer can send, filled, to ask it what an integration leaves out. */
const SAMPLE_ORDER = {
  ...Object.fromEntries(ORDER_FIELD_ROWS.map((f) => [f.column, SAMPLE_VALUE[f.kind]])),
  deletedAt: null,
  services: [],
} as unknown as OrderForWire;

/**
 * The order fields Pruvan does not take from this integration (External without
 * auto_admin: assignedTo, status, dueDate, instructions, reference; description after
 * create), on an update or, with `create`, on a create, asked of the serializer itself so
 * the rule stays in one place.
 */
export function fieldsPruvanIgnores(rules: IntegrationRules, opts: { create?: boolean } = {}): string[] {
  const sent = serializeWorkOrder(SAMPLE_ORDER, { ...rules, mapping: new Map(), create: opts.create }) ?? {};
  return ORDER_INPUT_FIELDS.filter((f) => f !== "workOrderNumber" && !(f in sent));
}
