import { readDueDate, readPruvanDate } from "./dates";
import {
  ORDER_FIELDS,
  ORDER_FIELD_NAMES,
  PRUVAN_STATUSES,
  SERVICE_UPDATABLE,
  statusAdvice,
  type OrderField,
  type OrderFieldName,
  type Status,
} from "./fields";

// A model of one Pruvan account's integration, kept in memory: its projects the way
// Pruvan's docs describe them (pruvan-api-v2.txt, remote-fields-and-statuses.txt,
// managing-integrations.txt), what it does with each work order our portal sends (by
// getWorkOrders, full or incremental, or by push), and what its users do. It knows nothing
// of HTTP: ./driver.ts connects it to a running portal. Where the docs are silent the
// choice is the one the real system most plausibly makes, and says so.
//
// Besides the projects it keeps what a test asserts on:
// - `received`: per project and field, the last value the integration sent that the
//   account took and answered for (an acknowledged push, a pull it read);
// - `arrived`: the same for any call the account carried out, acknowledged or not;
// - `overwrites`: shared values an account user set that an update replaced with a value
//   of the integration's that had not changed since the account last received it (what
//   remote-fields asks remote systems never to do);
// - `advice`: remote-fields' "NOT ADVISED" statuses, non-ASCII text, answers over the limit;
// - `refusals`: work orders the account could not take, with its reason.

/** The end of a refusal of an update of a project the account does not have. */
export const UPDATE_OF_MISSING_PROJECT = "(an update of a project the account does not have)";

export type Mode = "internal" | "external";
export type Value = string | number | null;
export type Via = "full" | "incremental" | "push";

export type AccountSettings = {
  /** The integration code: Pruvan shows and sends our orders as "{code}::{workOrderNumber}". */
  clientCode: string;
  mode: Mode;
  /** remote-fields "Auto-Admin": ON by default. */
  autoAdmin?: boolean;
  /** pruvan-api-v2 "Limits": at most 5000 work orders per getWorkOrders answer. */
  perCallLimit?: number;
  /** pruvan-api-v2 "General": 5000 inserts/updates per hour (the model counts pushes only). */
  hourlyLimit?: number;
};

export type Task = {
  key3: string;
  serviceName: string;
  survey: Value;
  instructions: Value;
  options: Value;
  /** Task fields an account user set (shared: Instructions, Options). */
  userSet: Set<string>;
  /** Instructions and options as the integration last sent them (acknowledged). */
  received: Map<string, Value>;
  /** As Project.arrived, for the task's instructions and options. */
  arrived: Map<string, Value>;
  /** As Project.unconfirmed, for the task's instructions and options. */
  unconfirmed: Map<string, Known>;
};

export type Project = {
  key1: string;
  workOrderNumber: string;
  values: Partial<Record<OrderFieldName, Value>>;
  status: Status;
  fieldStatus: string;
  tasks: Task[];
  /** Shared fields an account user set since the integration last overwrote them. */
  userSet: Map<OrderFieldName, Value>;
  received: Map<OrderFieldName, Value>;
  /**
   * The last value any call the account carried out set, acknowledged or not (a push whose
   * answer was lost reached the account all the same): what "every change here reaches the
   * account" is checked against, while `received` is what the portal can know it has.
   */
  arrived: Map<OrderFieldName, Value>;
  receivedTasks: string[] | null;
  /**
   * Fields the imports since the last incremental one asked took (full or incremental), with
   * the value received before them, until the portal can know their answers were read
   * (Pruvan's next incremental timestamp). A full import in between may carry them again
   * (lib/orders/pull-window unreadBeforeFullRefresh): that is not an overwrite of a value the
   * portal knew Pruvan had. An acknowledged push of such a field is known: it replaces the value.
   */
  unconfirmed: Map<OrderFieldName, Known>;
  /** Re-created by queued data published after it was deleted (remote-fields, last note). */
  recreated: boolean;
};

export type StatusReport = { workOrderNumber: string; clientStatus: Value; status: Status; fieldStatus: string; dueDate: number | null };
export type ApplyResult = { workOrderNumber: string; outcome: "created" | "updated" | "deleted" | "ignored"; error?: string };

let ids = 1000;
const nextId = () => String(++ids);

export class PruvanAccount {
  readonly settings: Required<AccountSettings>;
  readonly projects = new Map<string, Project>();
  /** "Orders deleted are visible in Deleted View in Portal." */
  readonly deletedView = new Map<string, Project>();
  readonly overwrites: string[] = [];
  readonly advice: string[] = [];
  readonly refusals: string[] = [];
  readonly log: string[] = [];
  /** Status changes waiting for the relay to our status endpoint. */
  readonly statusOutbox: StatusReport[] = [];
  private pushed: number[] = []; // times of pushed inserts/updates, for the hourly limit

  constructor(settings: AccountSettings) {
    this.settings = { autoAdmin: true, perCallLimit: 5000, hourlyLimit: 5000, ...settings };
  }

  get autoAdmin() {
    return this.settings.mode === "internal" || this.settings.autoAdmin;
  }

  // --- What the integration sends --------------------------------------------------------

  /**
   * A Full Import: "import all of your available projects from the other system and delete
   * any projects in Pruvan, with that integration code, that are not part of the import"
   * (managing-integrations "Importing Projects"). An answer over the limit is not imported.
   */
  fullImport(entries: unknown[]): ApplyResult[] {
    if (!this.withinCallLimit(entries, "full")) return [];
    const results = this.applyAll(entries, "full", true);
    const listed = new Set(entries.map(numberOf));
    for (const number of [...this.projects.keys()]) {
      if (!listed.has(number)) this.remove(number, "not part of the full import");
    }
    return results;
  }

  /** Pruvan asked for an incremental import: its timestamp shows the portal that the last one was read. */
  incrementalAsked(): void {
    for (const project of this.projects.values()) {
      project.unconfirmed.clear();
      for (const task of project.tasks) task.unconfirmed.clear();
    }
  }

  /** An incremental import ("Import Orders"): new and changed orders are upserted. */
  incrementalImport(entries: unknown[]): ApplyResult[] {
    if (!this.withinCallLimit(entries, "incremental")) return [];
    return this.applyAll(entries, "incremental", true);
  }

  /**
   * A push (pruvan-api-v2 "Pruvan Push API"): upserts like an import. `acknowledged` false
   * models a call the account carried out whose answer never reached the sender.
   */
  push(entries: unknown[], acknowledged = true): { results: ApplyResult[]; overHourlyLimit: boolean } {
    const now = Date.now();
    this.pushed = this.pushed.filter((t) => t > now - 3600_000);
    if (this.pushed.length + entries.length > this.settings.hourlyLimit) {
      this.log.push(`push of ${entries.length} refused: over ${this.settings.hourlyLimit} inserts/updates per hour`);
      return { results: [], overHourlyLimit: true };
    }
    const results = this.applyAll(entries, "push", acknowledged);
    for (const r of results) if (r.outcome === "created" || r.outcome === "updated") this.pushed.push(now);
    return { results, overHourlyLimit: false };
  }

  private withinCallLimit(entries: unknown[], via: Via): boolean {
    if (entries.length <= this.settings.perCallLimit) return true;
    this.advice.push(`${via} import answered ${entries.length} work orders; the limit is ${this.settings.perCallLimit} per call`);
    this.log.push(`${via} import refused: ${entries.length} orders over the limit`);
    return false;
  }

  private applyAll(entries: unknown[], via: Via, acknowledged: boolean): ApplyResult[] {
    const seen = new Set<string>();
    return entries.map((entry) => {
      const number = numberOf(entry);
      // "The workOrderNumber must be unique. Duplicate workOrderNumbers will be rejected."
      if (seen.has(number)) return this.refuse(number, `duplicate workOrderNumber in one ${via} call`);
      seen.add(number);
      return this.apply(entry, via, acknowledged);
    });
  }

  private refuse(workOrderNumber: string, error: string): ApplyResult {
    this.refusals.push(`${workOrderNumber}: ${error}`);
    this.log.push(`refused ${workOrderNumber}: ${error}`);
    return { workOrderNumber, outcome: "ignored", error };
  }

  /** One workOrder object: create, update or (status "deleted") delete. */
  apply(raw: unknown, via: Via, acknowledged: boolean): ApplyResult {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return this.refuse(String(raw), "a work order must be a JSON object");
    const entry = raw as Record<string, unknown>;
    const number = numberOf(entry);
    if (!number) return this.refuse("(none)", "workOrderNumber is required");
    const nonAscii = findNonAscii(entry);
    // "All strings sent should only contain ASCII characters. UNICODE strings and/or characters are not accepted."
    if (nonAscii) {
      this.advice.push(`${number}: non-ASCII text in ${nonAscii}`);
      return this.refuse(number, `non-ASCII text in ${nonAscii}`);
    }
    // "force" is a Push API feature; an import ignores it.
    const force = via === "push" && entry.force === true;
    const mayStatus = this.autoAdmin || force;
    const status = entry.status === undefined || entry.status === null || entry.status === "" ? undefined : entry.status;
    if (status !== undefined && !(PRUVAN_STATUSES as readonly unknown[]).includes(status))
      return this.refuse(number, `unknown status ${JSON.stringify(status)}`);
    const project = this.projects.get(number);
    if (status === "deleted") {
      // "A special status that integrations can use to delete the work order": a status, so
      // only where the integration may set one. Deleting what is not there changes nothing.
      if (!mayStatus) return this.update(project, number, omit(entry, "status"), via, acknowledged, force);
      if (!project) {
        this.log.push(`${via} deletes ${number}, which the account does not have`);
        return { workOrderNumber: number, outcome: "ignored" };
      }
      this.remove(number, `status "deleted" by ${via}`);
      return { workOrderNumber: number, outcome: "deleted" };
    }
    return project ? this.update(project, number, entry, via, acknowledged, force) : this.create(number, entry, via, acknowledged, force);
  }

  private create(number: string, entry: Record<string, unknown>, via: Via, acknowledged: boolean, force: boolean): ApplyResult {
    // remote-fields: "Minimum fields required for CREATE, valid address and 1 service/task."
    const missing = ORDER_FIELD_NAMES.filter((f) => (ORDER_FIELDS[f] as OrderField).required && !nonEmptyText(entry[f]));
    const services = Array.isArray(entry.services) ? entry.services : [];
    if (services.length === 0) missing.push("services" as OrderFieldName);
    if (missing.length > 0)
      return this.refuse(number, `cannot create the project: ${missing.join(", ")} required ${UPDATE_OF_MISSING_PROJECT}`);
    const values: Project["values"] = {};
    const received = new Map<OrderFieldName, Value>();
    let status: Status = "unassigned";
    for (const field of ORDER_FIELD_NAMES) {
      if (!(field in entry)) continue;
      const read = readValue(ORDER_FIELDS[field], entry[field]);
      if (!read.ok) return this.refuse(number, `${field} ${read.error}`);
      received.set(field, read.value);
      if (!this.maySetOnCreate(field, force)) continue;
      if (field === "status") {
        if (read.value === null) continue;
        status = read.value as Status;
        this.checkAdvice(number, status, "create");
      } else values[field] = read.value;
    }
    const tasks = this.newTasks(services, acknowledged, via);
    if (typeof tasks === "string") return this.refuse(number, tasks);
    const gone = this.deletedView.get(number);
    const project: Project = {
      key1: nextId(),
      workOrderNumber: number,
      values,
      status,
      fieldStatus: "new",
      tasks,
      userSet: new Map(),
      received: acknowledged ? received : new Map(),
      arrived: new Map(received),
      receivedTasks: acknowledged ? tasks.map((t) => t.serviceName) : null,
      recreated: false,
      unconfirmed: new Map<OrderFieldName, Known>(acknowledged && via !== "push" ? [...received.keys()].map((f) => [f, undefined]) : []),
    };
    this.projects.set(number, project);
    this.log.push(`created ${number} (key1 ${project.key1}${gone ? `; was ${gone.key1} before it was deleted` : ""}) by ${via}`);
    if (status !== "unassigned") this.reportStatus(project);
    return { workOrderNumber: number, outcome: "created" };
  }

  /**
   * pruvan-api-v2: "Internal integrations can directly set assignedTo, status, dueDate,
   * instructions and description"; external ones cannot, except status, dueDate and
   * instructions with auto_admin. remote-fields: shared fields "can be set on remote order
   * creation", which issue 11 reads as description and reference for external integrations too.
   */
  private maySetOnCreate(field: OrderFieldName, force: boolean): boolean {
    if (this.settings.mode === "internal" || force) return true;
    if (field === "assignedTo") return false;
    if (field === "status" || field === "dueDate" || field === "instructions") return this.settings.autoAdmin;
    return true;
  }

  private update(
    project: Project | undefined,
    number: string,
    entry: Record<string, unknown>,
    via: Via,
    acknowledged: boolean,
    force: boolean,
  ): ApplyResult {
    if (!project) return this.create(number, entry, via, acknowledged, force);
    const changes: string[] = [];
    const statusBefore = project.status;
    for (const field of ORDER_FIELD_NAMES) {
      if (!(field in entry)) continue;
      const def: OrderField = ORDER_FIELDS[field];
      const read = readValue(def, entry[field]);
      if (!read.ok) return this.refuse(number, `${field} ${read.error}`);
      if (field === "status" && read.value === null) continue; // "Not Set": no change
      const before = project.received.has(field) ? project.received.get(field)! : undefined;
      if (acknowledged) project.received.set(field, read.value);
      project.arrived.set(field, read.value);
      if (acknowledged) noteUnconfirmed(project.unconfirmed, field, before, read.value, via);
      // What the portal knows the account received (see Project.unconfirmed).
      const known = via === "full" && project.unconfirmed.has(field) ? project.unconfirmed.get(field) : before;
      if (!this.mayUpdate(def, force)) continue;
      const current = field === "status" ? project.status : (project.values[field] ?? null);
      if (read.value === current) continue;
      if (project.userSet.has(field)) {
        // remote-fields "Auto-Admin": only then may the remote system "update and overwrite
        // Pruvan fields if these fields are changed by account users".
        if (!this.autoAdmin && !force) continue;
        if (unchangedSinceReceived(read.value, known)) {
          this.overwrites.push(
            `${number}.${field}: the account user's ${JSON.stringify(current)} overwritten by ${via} with ${JSON.stringify(read.value)}, unchanged since the account last received it`,
          );
        }
        project.userSet.delete(field);
      }
      if (field === "status") {
        project.status = read.value as Status;
        this.checkAdvice(number, project.status, "update");
      } else project.values[field] = read.value;
      changes.push(field);
    }
    if (Array.isArray(entry.services)) {
      const result = this.replaceTasks(project, entry.services, force, acknowledged, via);
      if (typeof result === "string") return this.refuse(number, result);
      if (result) changes.push("services");
      if (acknowledged) project.receivedTasks = project.tasks.map((t) => t.serviceName);
    }
    if (project.status !== statusBefore) this.reportStatus(project);
    this.log.push(`updated ${number} by ${via}: ${changes.join(", ") || "no change"}`);
    return { workOrderNumber: number, outcome: "updated" };
  }

  private mayUpdate(def: OrderField, force: boolean): boolean {
    switch (def.updatable) {
      case "no":
        return false;
      case "owned":
        return true;
      case "yes":
        return true;
      case "mode":
        if (def.internalOnly) return this.settings.mode === "internal" || force;
        return this.autoAdmin || force;
    }
  }

  private checkAdvice(number: string, status: Status, action: "create" | "update") {
    const broken = statusAdvice(status, action, this.settings.mode);
    if (broken) this.advice.push(`${number}: ${broken}`);
  }

  private newTasks(services: unknown[], acknowledged: boolean, via: Via): Task[] | string {
    const tasks: Task[] = [];
    for (const s of services) {
      const service = (s ?? {}) as Record<string, unknown>;
      if (!nonEmptyText(service.serviceName)) return "every service needs a serviceName";
      if (tasks.some((t) => t.serviceName === service.serviceName)) return `service "${String(service.serviceName)}" appears twice`;
      const read = (name: string) => readValue({ kind: name === "options" ? "object" : "text" }, service[name]);
      const [survey, instructions, options] = ["survey", "instructions", "options"].map(read);
      if (!survey!.ok || !instructions!.ok || !options!.ok)
        return `service "${String(service.serviceName)}" has a field Pruvan cannot read`;
      const sent = new Map<string, Value>([
        ["instructions", instructions!.value],
        ["options", options!.value],
      ]);
      const received = acknowledged ? new Map(sent) : new Map<string, Value>();
      tasks.push({
        key3: nextId(),
        serviceName: String(service.serviceName),
        survey: survey!.value,
        instructions: instructions!.value,
        options: options!.value,
        userSet: new Set(),
        received,
        arrived: sent,
        unconfirmed: new Map<string, Known>(acknowledged && via !== "push" ? [...received.keys()].map((f) => [f, undefined]) : []),
      });
    }
    return tasks;
  }

  /**
   * "If the services element is included in an update it is considered a full replacement":
   * a task named in it stays (same key3; its survey template never changes; its instructions
   * and options change when given, under the shared-field rule), the others are deleted, new
   * names become new tasks. Returns whether anything changed, or a refusal.
   */
  private replaceTasks(project: Project, services: unknown[], force: boolean, acknowledged: boolean, via: Via): boolean | string {
    const wanted = this.newTasks(services, acknowledged, via);
    if (typeof wanted === "string") return wanted;
    const before = project.tasks.map((t) => `${t.key3}:${t.serviceName}:${t.instructions}:${t.options}`).join("|");
    project.tasks = wanted.map((next, i) => {
      const kept = project.tasks.find((t) => t.serviceName === next.serviceName);
      if (!kept) return next;
      const element = services[i] as Record<string, unknown>;
      for (const field of SERVICE_UPDATABLE) {
        const key = field as "instructions" | "options";
        // As for a work order: a field left out is not changed; an empty one is cleared.
        if (!(key in element)) continue;
        const sentBefore = kept.received.has(field) ? kept.received.get(field)! : undefined;
        if (acknowledged) kept.received.set(field, next[key]);
        kept.arrived.set(field, next[key]);
        if (acknowledged) noteUnconfirmed(kept.unconfirmed, field, sentBefore, next[key], via);
        const known = via === "full" && kept.unconfirmed.has(field) ? kept.unconfirmed.get(field) : sentBefore;
        if (next[key] === kept[key]) continue;
        if (kept.userSet.has(field)) {
          if (!this.autoAdmin && !force) continue;
          if (unchangedSinceReceived(next[key], known)) {
            this.overwrites.push(
              `${project.workOrderNumber} task ${kept.serviceName}.${field}: the account user's ${JSON.stringify(kept[key])} overwritten by ${via} with ${JSON.stringify(next[key])}, unchanged since the account last received it`,
            );
          }
          kept.userSet.delete(field);
        }
        kept[key] = next[key];
      }
      return kept;
    });
    return before !== project.tasks.map((t) => `${t.key3}:${t.serviceName}:${t.instructions}:${t.options}`).join("|");
  }

  private remove(number: string, why: string) {
    const project = this.projects.get(number);
    if (!project) return;
    this.projects.delete(number);
    this.deletedView.set(number, project);
    this.log.push(`deleted ${number} (key1 ${project.key1}): ${why}`);
  }

  /**
   * pruvan-api-v2 "The status Web Service": sent "anytime the status of your work order in
   * Pruvan changes", but never when it becomes unassigned.
   */
  private reportStatus(project: Project) {
    if (project.status === "unassigned") return;
    const due = project.values.dueDate;
    this.statusOutbox.push({
      workOrderNumber: `${this.settings.clientCode}::${project.workOrderNumber}`,
      clientStatus: project.values.clientStatus ?? null,
      status: project.status,
      fieldStatus: project.fieldStatus,
      dueDate: typeof due === "string" ? Date.parse(`${due}T12:00:00Z`) / 1000 : null,
    });
  }

  // --- What the account's users do -------------------------------------------------------

  /** A crew marks the order complete on Pruvan Mobile (field status) and the office status follows. */
  crewCompletes(number: string) {
    const project = this.mustHave(number);
    project.fieldStatus = "complete";
    this.userSets(project, "status", "complete");
  }

  /** An account user sets a shared field in Pruvan's web UI (instructions, due date, status...). */
  userEdits(number: string, field: OrderFieldName, value: Value) {
    const def: OrderField = ORDER_FIELDS[field];
    // "If created remotely, they can not be edited by the User Interface."
    if (!def.shared) throw new Error(`an account user cannot edit ${field} of an integrated order`);
    this.userSets(this.mustHave(number), field, value);
  }

  /** An account user edits a task's instructions or options (shared: a task's Instructions and Options); options as JSON text. */
  userEditsTask(number: string, serviceName: string, value: string, field: "instructions" | "options" = "instructions") {
    const task = this.mustHave(number).tasks.find((t) => t.serviceName === serviceName);
    if (!task) throw new Error(`${number} has no task ${serviceName}`);
    const read = readValue({ kind: field === "options" ? "object" : "text" }, value);
    if (!read.ok) throw new Error(`${field} ${read.error}`);
    task[field] = read.value;
    task.userSet.add(field);
    this.log.push(`account user set ${number} task ${serviceName}.${field} = ${JSON.stringify(read.value)}`);
  }

  /** An account user deletes the project in Pruvan (it goes to the Deleted View). */
  userDeletes(number: string) {
    this.mustHave(number);
    this.remove(number, "an account user deleted it");
  }

  private userSets(project: Project, field: OrderFieldName, value: Value) {
    if (field === "status") {
      const before = project.status;
      project.status = value as Status;
      if (before !== project.status) this.reportStatus(project);
    } else project.values[field] = value;
    project.userSet.set(field, value);
    this.log.push(`account user set ${project.workOrderNumber}.${field} = ${JSON.stringify(value)}`);
  }

  private mustHave(number: string): Project {
    const project = this.projects.get(number);
    if (!project) throw new Error(`the account has no project ${number}`);
    return project;
  }

  /**
   * The project a publish of queued data goes to: the live one, or, for a deleted project,
   * the same project re-created "with a different Key1 field" (remote-fields, last note).
   */
  projectForPublish(number: string): Project {
    const live = this.projects.get(number);
    if (live) return live;
    const gone = this.deletedView.get(number);
    if (!gone) throw new Error(`the account never had a project ${number}`);
    const recreated: Project = {
      ...gone,
      key1: nextId(),
      recreated: true,
      userSet: new Map(),
      received: new Map(gone.received),
      arrived: new Map(gone.arrived),
      unconfirmed: new Map(gone.unconfirmed),
      tasks: gone.tasks.map((t) => ({
        ...t,
        userSet: new Set(),
        received: new Map(t.received),
        arrived: new Map(t.arrived),
        unconfirmed: new Map(t.unconfirmed),
      })),
    };
    this.deletedView.delete(number);
    this.projects.set(number, recreated);
    this.log.push(`re-created ${number} with key1 ${recreated.key1} (was ${gone.key1}): queued data was published`);
    return recreated;
  }

  /** What the account shows for a field of a project: the office value, or the status. */
  valueOf(number: string, field: OrderFieldName): Value | undefined {
    const project = this.projects.get(number);
    if (!project) return undefined;
    return field === "status" ? project.status : (project.values[field] ?? null);
  }
}

/**
 * What the portal can know the account last received of a field: undefined when nothing (no
 * acknowledged call carried it, or only imports not yet known read did: Project.unconfirmed).
 */
type Known = Value | undefined;

/**
 * A value sent over an account user's is an overwrite when it is what the portal knows the
 * account last received (unchanged since). Not so when the portal knows of nothing: it sends
 * an order in full with its empty fields as "" when it cannot know what Pruvan holds (a push
 * carried out whose answer was lost, an import answer not known read: docs/sync.md, "A
 * cleared field"), and cannot know either that an account user filled one in meanwhile.
 */
const unchangedSinceReceived = (sent: Value, known: Known) => known !== undefined && sent === known;

/**
 * Keeps `unconfirmed` (Project.unconfirmed) up to date for a field an acknowledged call took:
 * an import's answer is unconfirmed until the next incremental asks, from the value before
 * the first such answer; a push is acknowledged, so the portal knows its value.
 */
function noteUnconfirmed<K>(unconfirmed: Map<K, Known>, field: K, before: Known, sent: Value, via: Via) {
  if (via === "push") {
    if (unconfirmed.has(field)) unconfirmed.set(field, sent);
  } else if (!unconfirmed.has(field)) unconfirmed.set(field, before);
}

// --- Reading values as Pruvan does ------------------------------------------------------------

type Read = { ok: true; value: Value } | { ok: false; error: string };

/** A field's value as the account keeps it; empty text and null clear the field. */
export function readValue(def: Pick<OrderField, "kind">, raw: unknown): Read {
  if (raw === null || raw === undefined || raw === "") return { ok: true, value: null };
  switch (def.kind) {
    case "text":
      return typeof raw === "string" ? { ok: true, value: raw } : { ok: false, error: "must be text" };
    case "status":
      return (PRUVAN_STATUSES as readonly unknown[]).includes(raw)
        ? { ok: true, value: raw as string }
        : { ok: false, error: `is not a Pruvan status: ${JSON.stringify(raw)}` };
    case "dueDate": {
      const day = readDueDate(raw);
      return day ? { ok: true, value: day } : { ok: false, error: `is not a date Pruvan reads: ${JSON.stringify(raw)}` };
    }
    case "date": {
      const at = readPruvanDate(raw);
      return at === null
        ? { ok: false, error: `is not a date Pruvan reads: ${JSON.stringify(raw)}` }
        : { ok: true, value: new Date(at).toISOString() };
    }
    case "number": {
      const n = typeof raw === "number" ? raw : typeof raw === "string" ? Number(raw) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: "must be a number" };
    }
    case "object": {
      // "A JSON string for Mobile Configuration Options": an object, or text holding one.
      let value = raw;
      if (typeof raw === "string") {
        try {
          value = JSON.parse(raw);
        } catch {
          return { ok: false, error: "must be JSON" };
        }
      }
      return value && typeof value === "object" && !Array.isArray(value)
        ? { ok: true, value: stableJson(value) }
        : { ok: false, error: "must be a JSON object" };
    }
  }
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

const numberOf = (entry: unknown): string => {
  const n = entry && typeof entry === "object" ? (entry as Record<string, unknown>).workOrderNumber : undefined;
  return typeof n === "string" ? n : typeof n === "number" ? String(n) : "";
};
const nonEmptyText = (v: unknown) => typeof v === "string" && v.trim() !== "";
const omit = (entry: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(entry).filter(([k]) => k !== key));

/** The path of the first string with a non-ASCII character, if any. */
function findNonAscii(value: unknown, path = ""): string | null {
  if (typeof value === "string") return /[^\x00-\x7f]/.test(value) ? path || "(value)" : null;
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const found = findNonAscii(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return null;
}
