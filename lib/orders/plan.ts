import type { IntegrationMode, PruvanStatus, Service, WorkOrder } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { checkOrderStatus } from "@/lib/pruvan/statuses";
import { ORDER_FIELDS, SERVICE_FIELDS as SERVICE_ROWS } from "@/lib/pruvan/work-order-fields";
import { serializeWorkOrder, type OrderForWire } from "@/lib/pruvan/work-order-wire";
import { holdsNothing } from "@/lib/pruvan/received";
import {
  CREATE_ONLY_ORDER_FIELDS,
  CREATE_ONLY_SERVICE_FIELDS,
  ORDER_COLUMN,
  SERVICE_COLUMN,
  UPDATABLE_ORDER_FIELDS,
  UPDATABLE_SERVICE_FIELDS,
  type ServiceInput,
  type WorkOrderCreate,
  type WorkOrderUpdate,
} from "./schemas";

// Deciding what an order change is, before anything is written: the doc's update rules,
// the status rules of the integration, and which pushes it needs. Reads nothing itself;
// the caller loads the order and the integration and applies the plan (manage.ts).

export type OrderIntegration = {
  id: string;
  username: string;
  mode: IntegrationMode;
  autoAdmin: boolean;
  /** Whether we can push (Pruvan handed us its push key). */
  pushKeyUrl: string | null;
};
export type CurrentOrder = WorkOrder & { services: Service[]; pruvanReceived: { record: string } | null };
export type StatusMap = ReadonlyMap<string, PruvanStatus | null>;

type Columns = Record<string, unknown>;
export type ServiceChanges = {
  create: Columns[];
  update: { id: string; data: Columns }[];
  remove: string[];
};

export type OrderPlan = {
  action: "created" | "updated" | "deleted" | "unchanged";
  workOrderNumber: string;
  integration: OrderIntegration;
  current: CurrentOrder | null;
  /** Columns to write (all of them for a create, the changed ones for an update). */
  columns: Columns;
  services: ServiceChanges | null;
  /** One push job per step, in order; `omitServices` leaves services out of that push. */
  pushSteps: { omitServices?: string[] }[];
  warnings: string[];
};

type ServiceField = (typeof UPDATABLE_SERVICE_FIELDS)[number] | (typeof CREATE_ONLY_SERVICE_FIELDS)[number] | "survey";
const PLANNED_SERVICE_FIELDS: readonly ServiceField[] = ["survey", ...UPDATABLE_SERVICE_FIELDS, ...CREATE_ONLY_SERVICE_FIELDS];

export function planCreate(order: WorkOrderCreate, integration: OrderIntegration, mapping: StatusMap): OrderPlan {
  refuseOnStatusRule(checkOrderStatus(order.status, "create", integration));
  const columns = orderColumns(order);
  const services = order.services.map((s, position) => ({ ...serviceColumns(s), position }));
  const projected = projectOrder(null, columns, services);
  return {
    action: "created",
    workOrderNumber: order.workOrderNumber,
    integration,
    current: null,
    columns,
    services: { create: services, update: [], remove: [] },
    pushSteps: [{}],
    warnings: notSentWarnings(projected, Object.keys(order), integration, mapping, true),
  };
}

export function planUpdate(
  current: CurrentOrder,
  change: WorkOrderUpdate,
  integration: OrderIntegration,
  mapping: StatusMap,
  opts: { confirmDelete?: boolean } = {},
): OrderPlan {
  if (current.deletedAt) throw new DomainError(`Order ${current.workOrderNumber} was deleted; it cannot be changed.`);
  const errors: Record<string, string[]> = {};
  if (change.workOrderNumber !== undefined && change.workOrderNumber !== current.workOrderNumber) {
    errors.workOrderNumber = [`cannot change: it is how Pruvan knows the order ("${current.workOrderNumber}")`];
  }
  for (const field of CREATE_ONLY_ORDER_FIELDS) {
    const column = columnOf(field);
    if (change[field] !== undefined && !same(change[field], current[column as keyof WorkOrder])) {
      errors[field] = [
        `cannot change once the order exists (Pruvan does not update it); it is ${show(current[column as keyof WorkOrder])}`,
      ];
    }
  }
  if (change.status !== undefined && change.status !== current.status && change.status === "deleted") {
    refuseOnStatusRule(checkOrderStatus("deleted", "update", integration, opts));
    return planDelete(current, integration, mapping);
  }
  if (change.status !== undefined && change.status !== current.status) {
    const verdict = checkOrderStatus(change.status, "update", integration);
    if (!verdict.ok) errors.status = [verdict.reason];
  }
  // Two pushes change a survey template (below); without a push key only an order Pruvan has never received can.
  const unknownToPruvan = holdsNothing(current.pruvanReceived?.record);
  const surveyCanChange = !!integration.pushKeyUrl || unknownToPruvan;
  const services = change.services ? planServices(current.services, change.services, errors, surveyCanChange) : null;
  if (Object.keys(errors).length > 0) throw fieldError(errors);

  const columns: Columns = {};
  for (const field of UPDATABLE_ORDER_FIELDS) {
    if (change[field] !== undefined && !same(change[field], current[columnOf(field) as keyof WorkOrder]))
      columns[columnOf(field)] = change[field];
  }
  const serviceChanges = services?.changes;
  const servicesChanged =
    !!serviceChanges && serviceChanges.create.length + serviceChanges.update.length + serviceChanges.remove.length > 0;
  if (Object.keys(columns).length === 0 && !servicesChanged) {
    return {
      action: "unchanged",
      workOrderNumber: current.workOrderNumber,
      integration,
      current,
      columns,
      services: null,
      pushSteps: [],
      warnings: [],
    };
  }
  const projected = projectOrder(
    current,
    columns,
    serviceChanges ? applyServiceChanges(current.services, serviceChanges) : current.services,
  );
  const omit = services?.surveyChanged ?? [];
  return {
    action: "updated",
    workOrderNumber: current.workOrderNumber,
    integration,
    current,
    columns,
    services: servicesChanged ? serviceChanges! : null,
    // Pruvan keeps a task's survey template while its name stays: remove it, then add it back.
    pushSteps: omit.length > 0 ? [{ omitServices: omit }, {}] : [{}],
    warnings: [
      ...notSentWarnings(projected, Object.keys(columns), integration, mapping, unknownToPruvan),
      ...omit.map(
        (name) =>
          `The survey of "${name}" changed: Pruvan only takes a new template on a new task, so the task is removed and added back (two pushes). Work on it not yet uploaded from Pruvan may be lost.`,
      ),
    ],
  };
}

/** Delete = the order is marked deleted (kept for history); Pruvan gets status "deleted". */
export function planDelete(current: CurrentOrder, integration: OrderIntegration, mapping: StatusMap): OrderPlan {
  if (current.deletedAt) throw new DomainError(`Order ${current.workOrderNumber} is already deleted.`);
  const columns: Columns = { status: "deleted", deletedAt: new Date() };
  const projected = projectOrder(current, columns, current.services);
  const sent = serializeWorkOrder(projected, { ...integration, mapping });
  return {
    action: "deleted",
    workOrderNumber: current.workOrderNumber,
    integration,
    current,
    columns,
    services: null,
    pushSteps: [{}],
    warnings: sent
      ? []
      : [
          `Pruvan keeps order ${current.workOrderNumber}: an ${describeRules(integration)} integration cannot set the "deleted" status. An admin can force one push.`,
        ],
  };
}

// --- Services ----------------------------------------------------------------------------

/**
 * Pruvan: services in an update are the whole new set (missing ones are deleted) and no
 * service field is updatable, except instructions and options per the field table. A
 * service is matched by its id (forms) or its name (files); a changed survey is done as
 * remove + re-add; other create-only fields cannot change.
 */
function planServices(current: Service[], incoming: ServiceInput[], errors: Record<string, string[]>, surveyCanChange: boolean) {
  const byId = new Map(current.map((s) => [s.id, s]));
  const byName = new Map(current.map((s) => [s.serviceName.toLowerCase(), s]));
  const changes: ServiceChanges = { create: [], update: [], remove: [] };
  const kept = new Set<string>();
  const surveyChanged: string[] = [];
  incoming.forEach((input, position) => {
    const at = `services.${position}`;
    const existing = input.id ? byId.get(input.id) : byName.get(input.serviceName.toLowerCase());
    if (input.id && !existing) return void (errors[`${at}.id`] = ["is not a service of this order"]);
    if (!existing) return void changes.create.push({ ...serviceColumns(input), position });
    kept.add(existing.id);
    if (existing.serviceName !== input.serviceName) {
      errors[`${at}.serviceName`] = [
        `a service's name cannot change ("${existing.serviceName}"): Pruvan knows the task by it. Remove the service and add a new one.`,
      ];
      return;
    }
    const data: Columns = existing.position === position ? {} : { position };
    for (const field of PLANNED_SERVICE_FIELDS) {
      const column = serviceColumnOf(field);
      if (input[field] === undefined || same(input[field], existing[column as keyof Service])) continue;
      if ((CREATE_ONLY_SERVICE_FIELDS as readonly string[]).includes(field)) {
        errors[`${at}.${field}`] = [
          `cannot change on an existing service (Pruvan does not update it); it is ${show(existing[column as keyof Service])}. Remove the service and add it under a new name.`,
        ];
        continue;
      }
      if (field === "survey" && !surveyCanChange) {
        errors[`${at}.survey`] = [SURVEY_NEEDS_PUSH_KEY];
        continue;
      }
      if (field === "survey") surveyChanged.push(existing.serviceName);
      data[column] = input[field];
    }
    if (Object.keys(data).length > 0) changes.update.push({ id: existing.id, data });
  });
  changes.remove = current.filter((s) => !kept.has(s.id)).map((s) => s.id);
  return { changes, surveyChanged };
}

/**
 * pruvan-api-v2 "Available workOrder service Object Fields": "If the serviceName is the same as
 * the existing one then the template ID will not update. You must either make 2 calls ... or
 * change the serviceName". A pull is one call per import, and sending the task without it
 * would delete it in Pruvan until the next import: without a push key the change would be
 * silently lost, so it is refused with the ways that work.
 */
const SURVEY_NEEDS_PUSH_KEY =
  "cannot change on a task Pruvan already has: Pruvan keeps a task's survey template while its name stays, and changing it takes two calls (without the task, then with it) that only a push key allows; this integration has none (Pruvan sends it with Validate). Add the service under a new name with the new template instead, or remove it, let Pruvan import, then add it back.";

function applyServiceChanges(current: Service[], changes: ServiceChanges): Service[] {
  const updates = new Map(changes.update.map((u) => [u.id, u.data]));
  const kept = current.filter((s) => !changes.remove.includes(s.id)).map((s) => ({ ...s, ...updates.get(s.id) }) as Service);
  return [...kept, ...changes.create.map((c) => ({ ...emptyService(), ...c }) as Service)];
}

// --- Columns and comparisons ----------------------------------------------------------------

const columnOf = (field: string) => ORDER_COLUMN[field as keyof typeof ORDER_COLUMN] ?? field;
const serviceColumnOf = (field: string) => SERVICE_COLUMN[field as keyof typeof SERVICE_COLUMN] ?? field;

/** An order input in database column names (services and the number are handled apart). */
function orderColumns(order: WorkOrderCreate): Columns {
  const columns: Columns = {};
  for (const [field, value] of Object.entries(order)) {
    if (field !== "services" && value !== undefined) columns[columnOf(field)] = value;
  }
  return columns;
}

function serviceColumns(service: ServiceInput): Columns {
  const columns: Columns = {};
  for (const [field, value] of Object.entries(service)) {
    if (field !== "id" && value !== undefined) columns[serviceColumnOf(field)] = value;
  }
  return columns;
}

/** Equal as stored: dates by instant, JSON by content, empty as null. */
function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined || value === null || value === "") return "null";
  if (value instanceof Date) return `date:${value.getTime()}`;
  if (typeof value === "object") return JSON.stringify(sortKeys(value));
  return JSON.stringify(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "empty";
  if (value instanceof Date) return value.toISOString();
  return typeof value === "object" ? JSON.stringify(value) : JSON.stringify(String(value));
}

function refuseOnStatusRule(verdict: ReturnType<typeof checkOrderStatus>) {
  if (!verdict.ok) throw fieldError({ status: [verdict.reason] });
}

function fieldError(errors: Record<string, string[]>): DomainError {
  const message = Object.entries(errors)
    .map(([field, rules]) => `${field}: ${rules.join("; ")}`)
    .join("\n");
  return new DomainError(message, errors);
}

// --- What Pruvan will not receive ------------------------------------------------------------

const describeRules = (i: OrderIntegration) => (i.mode === "internal" ? "internal" : `external (auto_admin ${i.autoAdmin ? "on" : "off"})`);

/**
 * Fields the user set that the serializer leaves out for this integration (External
 * without auto_admin: assignedTo, dueDate, instructions, description, reference...).
 * Asked of the serializer itself, so the rule lives in one place.
 */
function notSentWarnings(
  projected: OrderForWire,
  changed: string[] /* wire names */,
  integration: OrderIntegration,
  mapping: StatusMap,
  create: boolean,
): string[] {
  const wire = serializeWorkOrder(projected, { ...integration, mapping, create }) ?? {};
  const missing = changed
    .filter((field) => field !== "services" && field !== "status" && field !== "workOrderNumber")
    .filter((field) => !(field in wire) && !same((projected as Record<string, unknown>)[columnOf(field)], null));
  if (missing.length === 0) return [];
  return [
    `Saved, but not sent to Pruvan: ${missing.join(", ")}. An ${describeRules(integration)} integration leaves ${missing.length === 1 ? "it" : "them"} to the Pruvan user; an admin can force one push.`,
  ];
}

/** The order as it will be after the plan, in the serializer's shape. */
function projectOrder(current: CurrentOrder | null, columns: Columns, services: Columns[] | Service[]): OrderForWire {
  const base = current ?? emptyOrder();
  return {
    ...base,
    ...columns,
    services: services.map((s) => ({ ...emptyService(), ...s }) as Service),
  } as OrderForWire;
}

function emptyOrder(): WorkOrder {
  const order: Record<string, unknown> = { deletedAt: null };
  for (const row of ORDER_FIELDS) if (row.wire !== "workOrderNumber") order[row.column] = null;
  return order as unknown as WorkOrder;
}

function emptyService(): Service {
  const service: Record<string, unknown> = { id: "", workOrderId: "", position: 0, serviceName: "", pruvanTaskId: null };
  for (const row of SERVICE_ROWS) if (row.wire !== "serviceName") service[row.column] = null;
  return service as unknown as Service;
}
