import type { IntegrationMode, PruvanStatus } from "@/lib/db";

// The one place where remote-fields-and-statuses.txt's rules live: which Pruvan statuses a
// remote system (us) may set, on create and on update, per integration mode.

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
] as const satisfies readonly PruvanStatus[];

export const FIELD_STATUSES = ["new", "updated", "viewed", "in-process", "field-accepted", "field-rejected", "complete"] as const;

export type IntegrationRules = { mode: IntegrationMode; autoAdmin: boolean };

/** An integration's type in the one wording of every page, with Pruvan's setup names: "internal", "external, auto_admin on". */
export function integrationTypeText({ mode, autoAdmin }: IntegrationRules): string {
  return mode === "internal" ? "internal" : `external, auto_admin ${autoAdmin ? "on" : "off"}`;
}
export type StatusAction = "create" | "update";
export type RuleVerdict = { ok: true; note?: string } | { ok: false; reason: string };

/** Set by Pruvan users or Pruvan's own workflow only. */
const NEVER_REMOTE = new Set<PruvanStatus>(["accepted", "rejected", "complete", "invoiced", "submitted"]);
/** The field work force are the host's users only in internal integrations. */
const INTERNAL_ONLY = new Set<PruvanStatus>(["unassigned", "assigned"]);
/** Fine on update, not advised on create. */
const UPDATE_ONLY = new Set<PruvanStatus>(["canceled", "closed"]);

/** canceled and closed: "Not advised on remote Create" (remote-fields), fine on update. */
export const isUpdateOnlyStatus = (status: PruvanStatus) => UPDATE_ONLY.has(status);

/** May this integration send a Pruvan status at all? (pruvan-api-v2 "Managing Pruvan Status") */
export function maySetStatus(rules: IntegrationRules): boolean {
  return rules.mode === "internal" || rules.autoAdmin;
}

/** The rule for setting `status` on an order of an integration, for a create or an update. */
export function checkOrderStatus(
  status: PruvanStatus | null | undefined,
  action: StatusAction,
  rules: IntegrationRules,
  opts: { confirmDelete?: boolean } = {},
): RuleVerdict {
  if (!status) return { ok: true };
  const general = checkRemoteStatus(status, action, opts);
  if (!general.ok) return general;
  if (!maySetStatus(rules)) {
    return {
      ok: false,
      reason: "External integrations cannot set the Pruvan status unless auto_admin is on. Leave status not set and use the client status.",
    };
  }
  if (INTERNAL_ONLY.has(status) && rules.mode !== "internal") {
    return { ok: false, reason: `Only internal integrations may set "${status}": an external vendor assigns its own crews.` };
  }
  return general;
}

/** Rules that hold for every integration. */
function checkRemoteStatus(status: PruvanStatus, action: StatusAction, opts: { confirmDelete?: boolean }): RuleVerdict {
  if (NEVER_REMOTE.has(status)) {
    return { ok: false, reason: `"${status}" is set by Pruvan users or Pruvan's workflow only, never by a remote system.` };
  }
  if (status === "deleted") {
    if (action === "create") return { ok: false, reason: 'An order cannot be created as "deleted".' };
    if (!opts.confirmDelete) {
      return { ok: false, reason: 'Setting "deleted" removes the order from Pruvan. Confirm it explicitly to proceed.' };
    }
    return { ok: true, note: "Not advised by Pruvan: use with caution." };
  }
  if (UPDATE_ONLY.has(status) && action === "create") {
    return { ok: false, reason: `"${status}" is not advised on create: create the order first, then update it.` };
  }
  return { ok: true };
}

/** Statuses a status picker offers for this integration and action. */
export function allowedStatuses(action: StatusAction, rules: IntegrationRules): PruvanStatus[] {
  return PRUVAN_STATUSES.filter((s) => s !== "deleted" && checkOrderStatus(s, action, rules).ok);
}

/**
 * A client status -> Pruvan status mapping applies to every integration, on create and
 * update. Statuses no remote system may set are refused; deleted needs confirmation.
 */
export function checkMappingStatus(status: PruvanStatus | null, opts: { confirmDelete?: boolean } = {}): RuleVerdict {
  if (!status) return { ok: true };
  const verdict = checkRemoteStatus(status, "update", opts);
  if (!verdict.ok) return verdict;
  if (INTERNAL_ONLY.has(status)) return { ok: true, note: "Applied for internal integrations only." };
  if (UPDATE_ONLY.has(status))
    return { ok: true, note: "Not advised when an order is first created: left out of its create, sent with its updates." };
  return verdict;
}

/** One line per status explaining the rule, for the mapping page and the order form. */
export const STATUS_RULES_TEXT: Record<PruvanStatus, string> = {
  unassigned: "Internal integrations only.",
  assigned: "Internal integrations only.",
  accepted: "Never remotely: set by Pruvan users.",
  rejected: "Never remotely: set by Pruvan users.",
  rush: "Create or update; internal, or external with auto_admin.",
  rework: "Create or update; internal, or external with auto_admin.",
  canceled: "Update only; internal, or external with auto_admin.",
  complete: "Never remotely: set by Pruvan's workflow.",
  invoiced: "Never remotely: set by Pruvan's workflow.",
  submitted: "Never remotely: set by Pruvan's workflow.",
  closed: "Update only; internal, or external with auto_admin.",
  deleted: "Update only, with explicit confirmation. Not advised.",
};
