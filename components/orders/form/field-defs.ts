// The order form's fields, grouped and described as pruvan-api-v2 "Available workOrder
// Object Fields" and "Available workOrder service Object Fields" describe them. Names are
// the doc's; the domain validates them (lib/orders/schemas.ts).

export type FieldKind = "text" | "textarea" | "html" | "date" | "datetime" | "decimal" | "json";
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

const attributes = (from: number, to: number): FieldDef[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ name: `attribute${from + i}`, label: `Attribute ${from + i}`, kind: "text" as const }));

const dateTimeHint = "UTC. The date and time are both sent to Pruvan.";

/** Order groups; the integration and the status picker are placed by the form itself. */
export const ORDER_GROUPS: FieldGroup[] = [
  {
    id: "identity",
    title: "Identity",
    fields: [
      { name: "workOrderNumber", label: "Work order number", kind: "text", required: true, hint: 'Unique. Pruvan shows it as "{client code}::number".' },
      { name: "workOrderInfo", label: "Work order info", kind: "textarea", wide: true, hint: "Shown on the work order screen of Pruvan Mobile: lock box codes and the like." },
    ],
  },
  {
    id: "address",
    title: "Property address",
    columns: 2,
    fields: [
      { name: "address1", label: "Address 1", kind: "text", required: true, wide: true },
      { name: "address2", label: "Address 2", kind: "text", wide: true },
      { name: "city", label: "City", kind: "text", required: true },
      { name: "state", label: "State", kind: "text", required: true },
      { name: "zip", label: "Zip", kind: "text", required: true },
      { name: "country", label: "Country", kind: "text" },
    ],
  },
  {
    id: "assignment",
    title: "Assignment and status",
    fields: [{ name: "assignedTo", label: "Assigned to", kind: "text", hint: 'A Pruvan sub-user; "~all~" assigns every sub-user of the account.' }],
  },
  {
    id: "dates",
    title: "Dates",
    columns: 2,
    fields: [
      { name: "dueDate", label: "Due date", kind: "date", hint: "The field due date: Pruvan shows this calendar day everywhere." },
      { name: "startDate", label: "Start date", kind: "datetime", hint: `The order does not open on Pruvan Mobile before then. ${dateTimeHint}` },
    ],
  },
  {
    id: "instructions",
    title: "Instructions",
    fields: [
      {
        name: "instructions",
        label: "Instructions for the field",
        kind: "html",
        wide: true,
        hint: "Shown on the phone as a web page. Light HTML works: headings, bold and italics, line breaks (<br>), lists and links.",
      },
    ],
  },
  {
    id: "client",
    title: "Client fields",
    description: "Yours to update at any time; Pruvan users cannot change them on your orders.",
    columns: 2,
    fields: [
      { name: "clientStatus", label: "Client status", kind: "text", hint: "Your own status for the order. The status mapping may turn it into a Pruvan status." },
      { name: "clientDueDate", label: "Client due date", kind: "datetime", hint: dateTimeHint },
      { name: "clientInstructions", label: "Client instructions", kind: "textarea", wide: true },
    ],
  },
  {
    id: "office",
    title: "Reference and description",
    description: "Only visible in Pruvan's Project Management tab.",
    columns: 2,
    fields: [
      { name: "reference", label: "Reference", kind: "text", wide: true },
      { name: "description", label: "Description", kind: "textarea", wide: true },
    ],
  },
  {
    id: "attributes",
    title: "Attributes 7-15",
    description: "Reference data that follows the order onto every photo, CSR and survey. (1-6 are Pruvan's copies of the address.)",
    optional: true,
    columns: 3,
    fields: attributes(7, 15),
  },
  {
    id: "gps",
    title: "GPS position",
    description: "Where the property is. Without it, Pruvan geo-locates the address.",
    optional: true,
    columns: 2,
    fields: [
      { name: "gpsLatitude", label: "Latitude", kind: "decimal", hint: "-90 to 90, e.g. 30.5088" },
      { name: "gpsLongitude", label: "Longitude", kind: "decimal", hint: "-180 to 180, e.g. -97.6785" },
    ],
  },
  {
    id: "options",
    title: "Mobile options",
    description: "Pruvan Mobile configuration options for this order.",
    optional: true,
    fields: [{ name: "options", label: "Options (JSON)", kind: "json", wide: true, hint: 'A JSON object, e.g. {"camera_orientation":"landscape"}.' }],
  },
  {
    id: "source",
    title: "Source work order",
    description: "The order as the source provider (the tier-one provider) knows it.",
    optional: true,
    columns: 3,
    fields: [
      { name: "source_wo_id", label: "Source work order id", kind: "text" },
      { name: "source_wo_number", label: "Source work order number", kind: "text" },
      { name: "source_wo_provider", label: "Source provider", kind: "text" },
    ],
  },
];

export const SERVICE_FIELDS: FieldDef[] = [
  { name: "serviceName", label: "Service name", kind: "text", required: true, hint: "The task's name in Pruvan; unique within the order." },
  { name: "survey", label: "Survey template", kind: "text", hint: 'A template id, a version, or "{master_username}::templateID".' },
  { name: "instructions", label: "Task instructions", kind: "html", wide: true, hint: "Shown on the phone as a web page (light HTML)." },
  { name: "options", label: "Task options (JSON)", kind: "json", wide: true, hint: 'A JSON object, e.g. {"camera_orientation":"portrait"}.' },
];
export const SERVICE_SOURCE_FIELDS: FieldDef[] = [
  { name: "source_service", label: "Source service", kind: "text" },
  { name: "source_service_id", label: "Source service id", kind: "text" },
];
export const SERVICE_ATTRIBUTES = attributes(1, 15);

const ALL = [...ORDER_GROUPS.flatMap((g) => g.fields), { name: "status", label: "Status" }, { name: "integrationId", label: "Integration" }];
const SERVICE_ALL = [...SERVICE_FIELDS, ...SERVICE_SOURCE_FIELDS, ...SERVICE_ATTRIBUTES, { name: "id", label: "Service" }];

/** The label of a field an error is keyed by ("city", "services.1.serviceName"). */
export function fieldLabel(key: string): string {
  const service = /^services\.(\d+)\.(.+)$/.exec(key);
  if (service) return `Service ${Number(service[1]) + 1}: ${SERVICE_ALL.find((f) => f.name === service[2])?.label ?? service[2]}`;
  if (key === "services") return "Services";
  return ALL.find((f) => f.name === key)?.label ?? key;
}

/** The id of the control for an error key, for "go to the field" links. */
export const fieldId = (key: string) => `f-${key.replace(/\./g, "-")}`;
