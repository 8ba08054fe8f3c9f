import { z } from "zod";
import { sends, type WireContext, type WireService, type WireWorkOrder } from "./work-order-wire";
import { ORDER_FIELDS, SERVICE_FIELDS, type OrderFieldRow } from "./work-order-fields";

// What Pruvan last received of an order, and what the next call sends of it (issue 11,
// "Delta updates"). remote-fields-and-statuses recommends "Not Set (leave Status field out
// of order update)", shows an update that carries only workOrderNumber and clientStatus,
// and asks remote systems not to "set shared fields in a manner that confuses or arrests
// the account user": an update that re-sent the whole order would, with Auto-Admin, set a
// crew's "complete" back to our "rush" and overwrite what an account user edited in Pruvan.
//
// So each order keeps the wire values as Pruvan received them (an acknowledged push, a
// getWorkOrders answer), and:
// - an update (push, incremental pull) carries workOrderNumber, clientStatus and only the
//   fields Pruvan updates (pruvan-api-v2 "Updateable") whose value changed since; a cleared
//   field goes as "" (Pruvan clears it); services only when they changed, then all of them
//   ("If services are included on an update ALL the services must be included");
// - a full refresh carries every current order in full, except shared fields (remote-fields
//   "User Fields shared") whose value Pruvan already received: status first;
// - an order Pruvan never received (or lost) goes in full.

export type ReceivedBy = "push" | "full-refresh" | "incremental-pull";
export type WireValues = Record<string, unknown>;

/** One copy of what Pruvan holds: when, by which call, the order's fields and its services. */
export type Received = { at: string; by: ReceivedBy; order: WireValues; services: WireValues[] | null };

/**
 * `pending` is a getWorkOrders answer not yet known to be read (lib/orders/pull-window
 * learns that from Pruvan's next timestamp); it counts as received unless found lost,
 * then `confirmed` is what Pruvan holds.
 */
export type ReceivedRecord = { confirmed: Received | null; pending: Received | null };

const receivedSchema = z.object({
  at: z.string(),
  by: z.enum(["push", "full-refresh", "incremental-pull"]),
  order: z.record(z.string(), z.unknown()),
  services: z.array(z.record(z.string(), z.unknown())).nullable(),
});
const recordSchema = z.object({ confirmed: receivedSchema.nullable(), pending: receivedSchema.nullable() });

/** The stored record (WorkOrder.pruvanReceived); unreadable text counts as never received (the order goes in full). */
export function readReceived(text: unknown): ReceivedRecord | null {
  if (typeof text !== "string" || text === "") return null;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The record as stored (WorkOrder.pruvanReceived): `confirmed` first, so that NOTHING_CONFIRMED finds it in SQL. */
export const storedRecord = (record: ReceivedRecord | null): string | null =>
  record && JSON.stringify({ confirmed: record.confirmed, pending: record.pending });

/** How a stored record with nothing confirmed begins (lib/db/sql/pruvan-pull reads no copy of those it would send in full). */
export const NOTHING_CONFIRMED = '{"confirmed":null,';

/** The record as it was before its pending answer, that answer being lost: Pruvan holds the confirmed copy. */
export const withoutPending = (record: ReceivedRecord | null): ReceivedRecord => ({ confirmed: record?.confirmed ?? null, pending: null });

/** Whether two records hold the same copies (their times aside). */
export const sameRecord = (a: ReceivedRecord | null, b: ReceivedRecord | null): boolean =>
  sameHeld(a?.confirmed ?? null, b?.confirmed ?? null) && sameHeld(a?.pending ?? null, b?.pending ?? null);

/** What Pruvan is taken to hold now: the pending answer, else the confirmed copy. */
export const heldNow = (record: ReceivedRecord | null): Received | null => record?.pending ?? record?.confirmed ?? null;

/**
 * The context to serialize an order in for a send to Pruvan holding `held`: holding nothing
 * (never received, or lost), the send is the order's create (WireContext.create), whatever
 * the call; push, getWorkOrders, the Sync panel and the order forms ask this one rule.
 */
export function sendContext<C extends WireContext>(ctx: C, held: Received | null): C {
  return held === null ? { ...ctx, create: true } : ctx;
}

/** Whether Pruvan holds nothing of an order, from its stored record (WorkOrder.pruvanReceived). */
export const holdsNothing = (stored: unknown): boolean => heldNow(readReceived(stored)) === null;

/** An order Pruvan holds exactly as `wire` (its version is the one received). */
export const heldAsSent = (wire: WireWorkOrder): Received => ({ at: "", by: "push", order: wire, services: wire.services ?? null });

export type SendKind = "update" | "full-refresh";

/**
 * What to send of an order, `wire` being the order in full (serializeWorkOrder) and `held`
 * what Pruvan holds (null: never received or lost). A deleted order and a forced push go as
 * they are.
 */
export function toSend(
  wire: WireWorkOrder,
  held: Received | null,
  kind: SendKind,
  ctx: WireContext,
  opts: { againAsSent?: boolean } = {},
): WireWorkOrder {
  if (wire.status === "deleted") return wire;
  // `againAsSent`: this very version went in full in an answer not known read (the pull's
  // resendInFull). Its empty fields went as "" then; if Pruvan read it, "" again would only
  // clear what an account user entered since, and if not, "" on a create is no value.
  if (opts.againAsSent && !wire.force) return wire;
  if (!held || wire.force) return withClearedFields(wire, ctx);
  const source = wire as Record<string, unknown>;
  const left: string[] = []; // full refresh: the shared fields whose value Pruvan has
  const changes: Array<[string, unknown]> = [];
  for (const row of rowsCompared(ctx)) {
    const now = source[row.wire];
    if (same(now, held.order[row.wire])) {
      if (kind === "full-refresh" && row.rule === "shared") left.push(row.wire);
      else if (row.wire === "clientStatus" && now !== undefined) changes.push([row.wire, now]); // always (remote-fields)
      continue;
    }
    if (now !== undefined) changes.push([row.wire, now]);
    else if (clearable(row)) changes.push([row.wire, ""]);
  }
  // Built anew, not copied and deleted from: deleting keys turns an object into a slow
  // dictionary (for JSON.stringify too), and a full refresh makes 5000 of these.
  const out: Record<string, unknown> = kind === "full-refresh" ? without(source, left) : { workOrderNumber: wire.workOrderNumber };
  for (const [field, value] of changes) out[field] = value;
  // A full refresh carries the services (a project Pruvan lost is created again); an update only when they changed.
  if (kind === "full-refresh" || !sameServices(wire.services, held.services))
    out.services = servicesToSend(wire.services ?? [], held.services ?? []);
  return out as WireWorkOrder;
}

/**
 * An order in full, its empty fields sent as "" (status excepted: left out is "Not Set"):
 * Pruvan may hold more of it than we know, from a push it carried out whose answer never
 * came back, and a field cleared here since must be cleared there too. On a create, ""
 * is the same as no value.
 */
function withClearedFields(wire: WireWorkOrder, ctx: WireContext): WireWorkOrder {
  const out: Record<string, unknown> = { ...wire };
  for (const row of rowsCompared(ctx)) if (out[row.wire] === undefined && clearable(row)) out[row.wire] = "";
  if (wire.services) out.services = wire.services.map(withClearedTaskFields);
  return out as WireWorkOrder;
}

/** A task in full, its empty shared fields (instructions, options) as "", for the same reason. */
function withClearedTaskFields(service: WireService): WireService {
  const out: Record<string, unknown> = { ...service };
  for (const field of SHARED_TASK_FIELDS) if (out[field] === undefined) out[field] = "";
  return out as WireService;
}

/** Cleared here, a field goes as "", which clears it in Pruvan; a status left out is "Not Set" (no change). */
const clearable = (row: OrderFieldRow) => row.kind !== "status";

/** A copy of `source` without the keys in `left`, in the source's key order. */
function without(source: Record<string, unknown>, left: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in source) if (!left.includes(key)) out[key] = source[key];
  return out;
}

const compared = new Map<string, readonly OrderFieldRow[]>();
/** The fields Pruvan updates ("Updateable" Y) that the integration sends, in the doc's order. */
function rowsCompared(ctx: WireContext): readonly OrderFieldRow[] {
  const key = `${ctx.mode}/${ctx.autoAdmin}`;
  let rows = compared.get(key);
  if (!rows)
    compared.set(key, (rows = ORDER_FIELDS.filter((r) => r.wire !== "workOrderNumber" && r.rule !== "create-only" && sends(r.send, ctx))));
  return rows;
}

const SHARED_TASK_FIELDS = SERVICE_FIELDS.filter((r) => r.rule === "shared").map((r) => r.wire);

/**
 * The services sent, all of them ("If services are included on an update ALL the services
 * must be included"): a task Pruvan has keeps the instructions and options an account user
 * may have edited there (remote-fields: a task's Instructions and Options are shared) unless
 * they changed here; cleared here, they go as "".
 */
function servicesToSend(services: WireService[], held: WireValues[]): WireService[] {
  return services.map((s) => {
    const before = held.find((h) => h.serviceName === s.serviceName);
    if (!before) return withClearedTaskFields(s);
    const source = s as Record<string, unknown>;
    const left = SHARED_TASK_FIELDS.filter((field) => same(source[field], before[field]));
    const out = without(source, left);
    for (const field of SHARED_TASK_FIELDS) if (!left.includes(field) && source[field] === undefined) out[field] = "";
    return out as WireService;
  });
}

/**
 * What Pruvan holds once it took `sent` on top of `held`: "" clears, an absent field is
 * unchanged, services given replace them all; a sent status "deleted" removes the order (null).
 */
export function afterSend(held: Received | null, sent: WireWorkOrder, by: ReceivedBy, at: Date): Received | null {
  if (sent.status === "deleted") return null;
  const order: WireValues = { ...held?.order };
  for (const [key, value] of Object.entries(sent)) {
    if (key === "services" || key === "force") continue;
    if (value === "" || value === undefined || value === null) delete order[key];
    else order[key] = value;
  }
  // Services sent replace them all; a task's field left out is unchanged, "" clears it.
  const services = sent.services
    ? sent.services.map((s) => withoutEmpty({ ...held?.services?.find((h) => h.serviceName === s.serviceName), ...s }))
    : (held?.services ?? null);
  return { at: at.toISOString(), by, order, services };
}

const withoutEmpty = (s: WireValues): WireValues =>
  Object.fromEntries(Object.entries(s).filter(([, v]) => v !== "" && v !== undefined && v !== null));

/** Whether two copies hold the same values (to skip writing one that did not change). */
export function sameHeld(a: Received | null, b: Received | null): boolean {
  if (!a || !b) return a === b;
  return canonical(a.order) === canonical(b.order) && canonical(a.services) === canonical(b.services);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonical(a) === canonical(b);
}

function sameServices(a: readonly unknown[] | undefined, b: readonly unknown[] | null): boolean {
  return canonical(a ?? []) === canonical(b ?? []);
}

/** JSON with object keys sorted (options objects may come back in another key order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as WireValues)[k]]),
        )
      : v,
  );
}

/** The record after a call Pruvan acknowledged (a push): both copies take what it carried. */
export function recordAcknowledged(record: ReceivedRecord | null, sent: WireWorkOrder, at: Date): ReceivedRecord | null {
  if (sent.status === "deleted") return null;
  // A pending answer stays pending (it may yet turn out lost), with this push on top of it.
  const pending = record?.pending ? afterSend(record.pending, sent, "push", at) : null;
  return { confirmed: afterSend(record?.confirmed ?? null, sent, "push", at), pending };
}

/** The record after a getWorkOrders answer carried `sent`: pending until Pruvan's next timestamp shows it was read. */
export function recordAnswered(record: ReceivedRecord | null, sent: WireWorkOrder, by: ReceivedBy, at: Date): ReceivedRecord | null {
  // Deleted here for good (a deleted order is never changed again): nothing left to compare.
  if (sent.status === "deleted") return null;
  const held = heldNow(record);
  // The earlier pending answer's fate is known by now (lost ones were rolled back): it is what Pruvan holds.
  return { confirmed: held, pending: afterSend(held, sent, by, at) };
}
