import type { Service, WorkOrder } from "@/lib/db";

// The one field table: every workOrder and service field of pruvan-api-v2 ("Available
// workOrder Object Fields", "Available workOrder service Object Fields"), declared once,
// with what remote-fields-and-statuses says of it. The wire schema and serializer
// (./work-order-wire), the bulk selects and the pull SQL, the order input schemas and
// field rules (lib/orders/schemas), the order form, the detail view, the CSV export and the
// samples all derive from these rows. Adding a field: schema, migration, one row here
// (tests/pruvan/field-table.test.ts fails while a column has no row).

/** What a value is, on the wire and here. */
export type FieldKind = "text" | "status" | "dueDate" | "dateTime" | "coordinate" | "json";

/**
 * How Pruvan treats the field once the order exists:
 * - "create-only": Updateable N; set on create, ignored on update;
 * - "updatable": Updateable Y, and account users do not edit it (startDate);
 * - "shared": remote-fields "User Fields shared": account users may edit it in Pruvan, and
 *   an update overwrites their value only under internal mode or Auto-Admin;
 * - "owned": remote-fields "User Fields owned by Remote System": always ours to update.
 */
export type FieldRule = "create-only" | "updatable" | "shared" | "owned";

/**
 * Which integrations send the field (pruvan-api-v2 "Managing Pruvan Status" and the Y*
 * notes): every one, internal ones only, or internal ones and external ones with auto_admin.
 */
export type Senders = "all" | "internal" | "auto-admin";

/** How the order form shows a field. */
export type FormControl = "text" | "textarea" | "html" | "date" | "datetime" | "decimal" | "json";

export type OrderGroupId =
  "identity" | "address" | "assignment" | "dates" | "instructions" | "client" | "office" | "attributes" | "gps" | "options" | "source";

type FieldRow<Column extends string> = {
  /** The doc's name (pruvan-api-v2), also the name in forms, import files and the CSV header. */
  wire: string;
  /** The Prisma field. */
  column: Column;
  kind: FieldKind;
  rule: FieldRule;
  /** Who sends it on create (default `send`) and on update. */
  send: Senders;
  sendOnCreate?: Senders;
  label: string;
  control: FormControl;
  hint?: string;
  /** Longest text we accept. */
  max?: number;
  /** |value| at most (coordinates). */
  limit?: number;
  /** Required to create an order (pruvan-api-v2 Required Y). */
  required?: boolean;
  wide?: boolean;
};

export type OrderFieldRow = FieldRow<keyof WorkOrder & string> & { group: OrderGroupId; csv?: boolean };
export type ServiceFieldRow = FieldRow<keyof Service & string> & { group: "task" | "source" | "attributes" };

const dateTimeHint = "UTC. The date and time are both sent to Pruvan.";

type AttributeNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15;
/** attributeN of an order (7-15) or a service (1-15): the same row in both tables. */
const attributeRow = <N extends AttributeNumber>(n: N) =>
  ({
    wire: `attribute${n}` as `attribute${N}`,
    column: `attribute${n}` as `attribute${N}`,
    kind: "text",
    rule: "create-only",
    send: "all",
    label: `Attribute ${n}`,
    control: "text",
    max: 1000,
    group: "attributes",
  }) as const;

/** The workOrder object, in the doc's order. */
export const ORDER_FIELD_TABLE = [
  {
    wire: "workOrderNumber",
    column: "workOrderNumber",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Work order number",
    control: "text",
    required: true,
    group: "identity",
    csv: true,
    hint: 'Unique. Pruvan shows it as "{client code}::number".',
  },
  {
    wire: "workOrderInfo",
    column: "workOrderInfo",
    kind: "text",
    rule: "shared",
    send: "all",
    label: "Work order info",
    control: "textarea",
    max: 5000,
    wide: true,
    group: "identity",
    hint: "Shown on the work order screen of Pruvan Mobile: lock box codes and the like.",
  },
  {
    wire: "address1",
    column: "address1",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Address 1",
    control: "text",
    max: 200,
    required: true,
    wide: true,
    group: "address",
    csv: true,
  },
  {
    wire: "address2",
    column: "address2",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Address 2",
    control: "text",
    max: 200,
    wide: true,
    group: "address",
    csv: true,
  },
  {
    wire: "city",
    column: "city",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "City",
    control: "text",
    max: 100,
    required: true,
    group: "address",
    csv: true,
  },
  {
    wire: "state",
    column: "state",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "State",
    control: "text",
    max: 50,
    required: true,
    group: "address",
    csv: true,
  },
  {
    wire: "zip",
    column: "zip",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Zip",
    control: "text",
    max: 20,
    required: true,
    group: "address",
    csv: true,
  },
  {
    wire: "country",
    column: "country",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Country",
    control: "text",
    max: 100,
    group: "address",
    csv: true,
  },
  // "External Integrations do not set assignedTo field" (remote-fields, Note).
  {
    wire: "assignedTo",
    column: "assignedTo",
    kind: "text",
    rule: "shared",
    send: "internal",
    label: "Assigned to",
    control: "text",
    max: 100,
    group: "assignment",
    csv: true,
    hint: 'A Pruvan sub-user; "~all~" assigns every sub-user of the account.',
  },
  {
    wire: "status",
    column: "status",
    kind: "status",
    rule: "shared",
    send: "auto-admin",
    label: "Status",
    control: "text",
    group: "assignment",
    csv: true,
  },
  {
    wire: "dueDate",
    column: "dueDate",
    kind: "dueDate",
    rule: "shared",
    send: "auto-admin",
    label: "Due date",
    control: "date",
    group: "dates",
    csv: true,
    hint: "The field due date: Pruvan shows this calendar day everywhere.",
  },
  {
    wire: "instructions",
    column: "instructions",
    kind: "text",
    rule: "shared",
    send: "auto-admin",
    label: "Instructions for the field",
    control: "html",
    max: 20_000,
    wide: true,
    group: "instructions",
    hint: "Shown on the phone as a web page. Light HTML works: headings, bold and italics, line breaks (<br>), lists and links.",
  },
  {
    wire: "clientStatus",
    column: "clientStatus",
    kind: "text",
    rule: "owned",
    send: "all",
    label: "Client status",
    control: "text",
    max: 100,
    group: "client",
    csv: true,
    hint: "Your own status for the order. The status mapping may turn it into a Pruvan status.",
  },
  {
    wire: "clientDueDate",
    column: "clientDueDate",
    kind: "dateTime",
    rule: "owned",
    send: "all",
    label: "Client due date",
    control: "datetime",
    group: "client",
    csv: true,
    hint: dateTimeHint,
  },
  {
    wire: "clientInstructions",
    column: "clientInstructions",
    kind: "text",
    rule: "owned",
    send: "all",
    label: "Client instructions",
    control: "textarea",
    max: 20_000,
    wide: true,
    group: "client",
  },
  // Shared fields "can be set on remote order creation" (remote-fields "User Fields shared"), by external integrations too.
  {
    wire: "description",
    column: "description",
    kind: "text",
    rule: "create-only",
    send: "internal",
    sendOnCreate: "all",
    label: "Description",
    control: "textarea",
    max: 20_000,
    wide: true,
    group: "office",
  },
  {
    wire: "reference",
    column: "reference",
    kind: "text",
    rule: "shared",
    send: "internal",
    sendOnCreate: "all",
    label: "Reference",
    control: "text",
    max: 500,
    wide: true,
    group: "office",
    csv: true,
  },
  ...([7, 8, 9, 10, 11, 12, 13, 14, 15] as const).map(attributeRow),
  {
    wire: "gpsLatitude",
    column: "gpsLatitude",
    kind: "coordinate",
    rule: "create-only",
    send: "all",
    label: "Latitude",
    control: "decimal",
    limit: 90,
    group: "gps",
    csv: true,
    hint: "-90 to 90, e.g. 30.5088",
  },
  {
    wire: "gpsLongitude",
    column: "gpsLongitude",
    kind: "coordinate",
    rule: "create-only",
    send: "all",
    label: "Longitude",
    control: "decimal",
    limit: 180,
    group: "gps",
    csv: true,
    hint: "-180 to 180, e.g. -97.6785",
  },
  {
    wire: "options",
    column: "options",
    kind: "json",
    rule: "create-only",
    send: "all",
    label: "Options (JSON)",
    control: "json",
    wide: true,
    group: "options",
    hint: 'A JSON object, e.g. {"camera_orientation":"landscape"}.',
  },
  {
    wire: "startDate",
    column: "startDate",
    kind: "dateTime",
    rule: "updatable",
    send: "all",
    label: "Start date",
    control: "datetime",
    group: "dates",
    hint: `The order does not open on Pruvan Mobile before then. ${dateTimeHint}`,
  },
  {
    wire: "source_wo_id",
    column: "sourceWoId",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Source work order id",
    control: "text",
    max: 200,
    group: "source",
  },
  {
    wire: "source_wo_number",
    column: "sourceWoNumber",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Source work order number",
    control: "text",
    max: 200,
    group: "source",
  },
  {
    wire: "source_wo_provider",
    column: "sourceWoProvider",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Source provider",
    control: "text",
    max: 200,
    group: "source",
  },
] as const satisfies readonly OrderFieldRow[];

/**
 * The service object. "Once a service is created it cannot be updated", yet the table marks
 * instructions and options "Update Y" and remote-fields lists a task's Instructions and
 * Options as shared; a changed survey is a removed and re-added task (lib/orders/plan).
 */
export const SERVICE_FIELD_TABLE = [
  {
    wire: "serviceName",
    column: "serviceName",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Service name",
    control: "text",
    max: 200,
    required: true,
    group: "task",
    hint: "The task's name in Pruvan; unique within the order.",
  },
  {
    wire: "survey",
    column: "survey",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Survey template",
    control: "text",
    max: 200,
    group: "task",
    hint: 'A template id, a version, or "{master_username}::templateID".',
  },
  {
    wire: "instructions",
    column: "instructions",
    kind: "text",
    rule: "shared",
    send: "all",
    label: "Task instructions",
    control: "html",
    max: 20_000,
    wide: true,
    group: "task",
    hint: "Shown on the phone as a web page (light HTML).",
  },
  {
    wire: "options",
    column: "options",
    kind: "json",
    rule: "shared",
    send: "all",
    label: "Task options (JSON)",
    control: "json",
    wide: true,
    group: "task",
    hint: 'A JSON object, e.g. {"camera_orientation":"portrait"}.',
  },
  {
    wire: "source_service",
    column: "sourceService",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Source service",
    control: "text",
    max: 200,
    group: "source",
  },
  {
    wire: "source_service_id",
    column: "sourceServiceId",
    kind: "text",
    rule: "create-only",
    send: "all",
    label: "Source service id",
    control: "text",
    max: 200,
    group: "source",
  },
  ...([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const).map(attributeRow),
] as const satisfies readonly ServiceFieldRow[];

/**
 * Columns that are not Pruvan fields: keys, what Pruvan reports back, sync bookkeeping.
 * Every other column of WorkOrder and Service must have a row above.
 */
export const ORDER_COLUMNS_NOT_FIELDS = [
  "id",
  "integrationId",
  "pruvanStatus",
  "fieldStatus",
  "pruvanDueDate",
  "pruvanStatusAt",
  "lastSentAt",
  "pruvanReceivedOf",
  "pruvanAnsweredAt",
  "pushError",
  "pushErrorAt",
  "createdById",
  "createdAt",
  "updatedAt",
  "deletedAt",
] as const satisfies readonly (keyof WorkOrder)[];
export const SERVICE_COLUMNS_NOT_FIELDS = [
  "id",
  "workOrderId",
  "position",
  "pruvanTaskId",
  "createdAt",
] as const satisfies readonly (keyof Service)[];

export type OrderWireName = (typeof ORDER_FIELD_TABLE)[number]["wire"];
export type ServiceWireName = (typeof SERVICE_FIELD_TABLE)[number]["wire"];
/** The rows as plain rows (the const tables keep literal types for the derived schemas). */
export const ORDER_FIELDS: readonly OrderFieldRow[] = ORDER_FIELD_TABLE;
export const SERVICE_FIELDS: readonly ServiceFieldRow[] = SERVICE_FIELD_TABLE;
export const orderFieldByWire: ReadonlyMap<string, OrderFieldRow> = new Map(ORDER_FIELDS.map((f) => [f.wire, f]));
export const serviceFieldByWire: ReadonlyMap<string, ServiceFieldRow> = new Map(SERVICE_FIELDS.map((f) => [f.wire, f]));

/** The SQL column name: the schema @maps the snake_case wire names to themselves. */
export const sqlColumnOf = (row: { wire: string; column: string }) => (row.wire.includes("_") ? row.wire : row.column);
