// The workOrder and service fields as Pruvan's docs describe them, written down here for the
// model of a Pruvan account, on purpose apart from lib/ (the model follows the docs, not our
// code): pruvan-api-v2 "Available workOrder Object Fields" (Required / Updateable) and
// remote-fields-and-statuses "User Fields owned by Remote System's integrated orders" and
// "User Fields shared".

/**
 * How an update from the integration treats a field:
 * - "no": not updatable (Updateable N): ignored once the project exists;
 * - "owned": updatable, and account users cannot edit it (client due date, status, instructions);
 * - "yes": updatable by any integration (Updateable Y);
 * - "mode": Updateable Y*: "Internal integrations can directly update, external integrations
 *   can indirectly update" (through auto_admin; pruvan-api-v2 "Managing Pruvan Status").
 */
export type Updatable = "no" | "owned" | "yes" | "mode";
export type Kind = "text" | "status" | "dueDate" | "date" | "number" | "object";

export type OrderField = {
  updatable: Updatable;
  /** remote-fields "User Fields shared": account users may edit it; a remote value overwrites theirs only under internal mode or Auto-Admin. */
  shared: boolean;
  kind: Kind;
  /** Required on create (pruvan-api-v2: a valid address; remote-fields "Minimum fields required for CREATE"). */
  required?: boolean;
  /** Only an internal integration (or a forced update) sets it: "External Integrations do not set assignedTo field". */
  internalOnly?: boolean;
};

const text = (updatable: Updatable, shared = false, extra: Partial<OrderField> = {}): OrderField => ({
  updatable,
  shared,
  kind: "text",
  ...extra,
});

export const ORDER_FIELDS = {
  workOrderInfo: text("yes", true),
  address1: text("no", false, { required: true }),
  address2: text("no"),
  city: text("no", false, { required: true }),
  state: text("no", false, { required: true }),
  zip: text("no", false, { required: true }),
  country: text("no"),
  assignedTo: text("mode", true, { internalOnly: true }),
  status: { updatable: "mode", shared: true, kind: "status" },
  dueDate: { updatable: "mode", shared: true, kind: "dueDate" },
  instructions: text("mode", true),
  clientStatus: text("owned"),
  clientDueDate: { updatable: "owned", shared: false, kind: "date" },
  clientInstructions: text("owned"),
  // "cannot be updated by the integrations"; shared ("can be set on remote order creation").
  description: text("no", true),
  reference: text("mode", true),
  attribute7: text("no"),
  attribute8: text("no"),
  attribute9: text("no"),
  attribute10: text("no"),
  attribute11: text("no"),
  attribute12: text("no"),
  attribute13: text("no"),
  attribute14: text("no"),
  attribute15: text("no"),
  gpsLatitude: { updatable: "no", shared: false, kind: "number" },
  gpsLongitude: { updatable: "no", shared: false, kind: "number" },
  // "Project Options" is a shared field; the API says options are not updatable.
  options: { updatable: "no", shared: true, kind: "object" },
  // Updatable and not in the shared list: the account's users do not edit it.
  startDate: { updatable: "yes", shared: false, kind: "date" },
  source_wo_id: text("no"),
  source_wo_number: text("no"),
  source_wo_provider: text("no"),
} as const satisfies Record<string, OrderField>;

export type OrderFieldName = keyof typeof ORDER_FIELDS;
export const ORDER_FIELD_NAMES = Object.keys(ORDER_FIELDS) as OrderFieldName[];

/**
 * Service (task) fields. "Once a service is created it cannot be updated", "No fields on a
 * service are updatable", yet the service table marks instructions and options "Update Y"
 * and remote-fields lists a task's Name, Instructions and Options as shared fields. The
 * model takes the most specific text: a kept task's instructions and options follow the
 * shared-field rule; its survey never changes ("If the serviceName is the same as the
 * existing one then the template ID will not update"); everything else is fixed.
 */
export const SERVICE_UPDATABLE = new Set(["instructions", "options"]);
export const SERVICE_FIELD_NAMES = [
  "serviceName",
  "survey",
  "instructions",
  "options",
  "source_service",
  "source_service_id",
  ...Array.from({ length: 15 }, (_, i) => `attribute${i + 1}`),
] as const;

/** pruvan-api-v2 "Pruvan Status Values". */
export const PRUVAN_STATUSES = [
  "unassigned",
  "assigned",
  "accepted",
  "rejected",
  "rush",
  "rework",
  "canceled",
  "complete",
  "invoiced",
  "submitted",
  "closed",
  "deleted",
] as const;
export type Status = (typeof PRUVAN_STATUSES)[number];

/**
 * remote-fields-and-statuses "Valid Status and Client Status combinations": what a remote
 * system is advised not to send. Pruvan takes these anyway (nothing says it refuses them);
 * the model takes them and records the advice broken, so tests can say the portal never does.
 */
export function statusAdvice(status: Status, action: "create" | "update", mode: "internal" | "external"): string | null {
  const notAdvised: Record<"create" | "update", Status[]> = {
    create: ["accepted", "rejected", "canceled", "complete", "invoiced", "submitted", "closed", "deleted"],
    update: ["accepted", "rejected", "complete", "invoiced", "submitted"],
  };
  if (notAdvised[action].includes(status)) return `status "${status}" is NOT ADVISED on remote ${action}`;
  if ((status === "unassigned" || status === "assigned") && mode === "external")
    return `status "${status}" on ${action} is not advised for External Integrations`;
  return null;
}
