import { ORDER_FIELDS, SERVICE_FIELDS as SERVICE_ROWS, type FormControl, type OrderGroupId } from "@/lib/pruvan/work-order-fields";

// The order form's groups; their fields (names, labels, hints, controls) come from the field
// table (lib/pruvan/work-order-fields). Names are the doc's; the domain validates them
// (lib/orders/schemas.ts).

export type FieldKind = FormControl;
export type FieldDef = { name: string; label: string; kind: FieldKind; hint?: string; required?: boolean; wide?: boolean };
export type FieldGroup = {
  id: string;
  title: string;
  description?: string;
  fields: FieldDef[];
  /** Folded away until opened, unless it holds a value or an error. */
  optional?: boolean;
  columns?: 2 | 3;
};

type Row = { wire: string; label: string; control: FormControl; hint?: string; required?: boolean; wide?: boolean };
const def = (r: Row): FieldDef => ({
  name: r.wire,
  label: r.label,
  kind: r.control,
  ...(r.hint ? { hint: r.hint } : {}),
  ...(r.required ? { required: true } : {}),
  ...(r.wide ? { wide: true } : {}),
});
/** The order fields of a group; the status has its own picker. */
const fieldsOf = (group: OrderGroupId): FieldDef[] => ORDER_FIELDS.filter((r) => r.group === group && r.wire !== "status").map(def);

/** Order groups; the integration and the status picker are placed by the form itself. */
export const ORDER_GROUPS: FieldGroup[] = [
  {
    id: "identity",
    title: "Identity",
    fields: fieldsOf("identity"),
  },
  {
    id: "address",
    title: "Property address",
    columns: 2,
    fields: fieldsOf("address"),
  },
  {
    id: "assignment",
    title: "Assignment and status",
    fields: fieldsOf("assignment"),
  },
  {
    id: "dates",
    title: "Dates",
    columns: 2,
    fields: fieldsOf("dates"),
  },
  {
    id: "instructions",
    title: "Instructions",
    fields: fieldsOf("instructions"),
  },
  {
    id: "client",
    title: "Client fields",
    description: "Yours to update at any time; Pruvan users cannot change them on your orders.",
    columns: 2,
    fields: fieldsOf("client"),
  },
  {
    id: "office",
    title: "Reference and description",
    description: "Only visible in Pruvan's Project Management tab.",
    columns: 2,
    fields: fieldsOf("office"),
  },
  {
    id: "attributes",
    title: "Attributes 7-15",
    description: "Reference data that follows the order onto every photo, CSR and survey. (1-6 are Pruvan's copies of the address.)",
    optional: true,
    columns: 3,
    fields: fieldsOf("attributes"),
  },
  {
    id: "gps",
    title: "GPS position",
    description: "Where the property is. Without it, Pruvan geo-locates the address.",
    optional: true,
    columns: 2,
    fields: fieldsOf("gps"),
  },
  {
    id: "options",
    title: "Mobile options",
    description: "Pruvan Mobile configuration options for this order.",
    optional: true,
    fields: fieldsOf("options"),
  },
  {
    id: "source",
    title: "Source work order",
    description: "The order as the source provider (the tier-one provider) knows it.",
    optional: true,
    columns: 3,
    fields: fieldsOf("source"),
  },
];

export const SERVICE_TASK_FIELDS: FieldDef[] = SERVICE_ROWS.filter((r) => r.group === "task").map(def);
const taskField = (name: string): FieldDef => SERVICE_TASK_FIELDS.find((f) => f.name === name) ?? { name, label: name, kind: "text" };
/** The task fields the service editor places by name, and the rest in table order. */
export const SERVICE_NAME_FIELD = taskField("serviceName");
export const SURVEY_FIELD = taskField("survey");
export const OTHER_TASK_FIELDS = SERVICE_TASK_FIELDS.filter((f) => f !== SERVICE_NAME_FIELD && f !== SURVEY_FIELD);
export const SERVICE_SOURCE_FIELDS: FieldDef[] = SERVICE_ROWS.filter((r) => r.group === "source").map(def);
export const SERVICE_ATTRIBUTES: FieldDef[] = SERVICE_ROWS.filter((r) => r.group === "attributes").map(def);

const ALL = [
  ...ORDER_GROUPS.flatMap((g) => g.fields),
  { name: "status", label: "Status" },
  { name: "integrationId", label: "Integration" },
];
const SERVICE_ALL = [...SERVICE_TASK_FIELDS, ...SERVICE_SOURCE_FIELDS, ...SERVICE_ATTRIBUTES, { name: "id", label: "Service" }];

/** The label of a field an error is keyed by ("city", "services.1.serviceName"). */
export function fieldLabel(key: string): string {
  const service = /^services\.(\d+)\.(.+)$/.exec(key);
  if (service) return `Service ${Number(service[1]) + 1}: ${SERVICE_ALL.find((f) => f.name === service[2])?.label ?? service[2]}`;
  if (key === "services") return "Services";
  return ALL.find((f) => f.name === key)?.label ?? key;
}

/** The id of the control for an error key, for "go to the field" links. */
export const fieldId = (key: string) => `f-${key.replace(/\./g, "-")}`;
