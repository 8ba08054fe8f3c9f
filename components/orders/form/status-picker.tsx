"use client";

import { useState } from "react";
import { CheckboxField, controlClass } from "@/components/ui/field";
import type { PruvanStatus } from "@/lib/db";
import {
  allowedStatuses,
  checkOrderStatus,
  integrationTypeText,
  maySetStatus,
  PRUVAN_STATUSES,
  STATUS_RULES_TEXT,
  type IntegrationRules,
  type StatusAction,
} from "@/lib/pruvan/statuses";

/**
 * The Pruvan status: only what this integration may set on a create or an update
 * (remote-fields-and-statuses.txt, checked again by the domain), each with its rule. On an
 * update, "deleted" is offered with the explicit confirmation Pruvan's rule asks for.
 */
export function StatusPicker({
  id,
  action,
  rules,
  integrationName,
  defaultValue,
  current,
  error,
  confirmError,
}: {
  id: string;
  action: StatusAction;
  rules: IntegrationRules;
  integrationName: string;
  defaultValue: string;
  /** The order's status now (an update keeps offering it even when no longer allowed). */
  current?: PruvanStatus | null;
  error?: string;
  confirmError?: string;
}) {
  // Uncontrolled: React resets a form after its action, and a reset restores defaults
  // (a controlled select would show one value and post another). `value` follows it.
  const [value, setValue] = useState(defaultValue);
  const allowed = allowedStatuses(action, rules);
  const options = [...allowed];
  if (current && !options.includes(current) && current !== "deleted") options.unshift(current);
  // Where the mode may not set statuses, "deleted" cannot be sent this way: the Delete button explains what happens.
  const offerDelete = action === "update" && maySetStatus(rules);
  const rule = value ? (value === "deleted" ? STATUS_RULES_TEXT.deleted : STATUS_RULES_TEXT[value as PruvanStatus]) : null;
  const described = [`${id}-rule`, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Pruvan status
      </label>
      <select
        id={id}
        name="status"
        defaultValue={defaultValue}
        onChange={(e) => setValue(e.target.value)}
        className={controlClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      >
        <option value="">not set</option>
        {options.map((s) => (
          <option key={s} value={s}>
            {s}
            {s === current && !allowed.includes(s) ? " (current; no longer allowed)" : ""}
          </option>
        ))}
        {offerDelete ? <option value="deleted">deleted (removes the order from Pruvan)</option> : null}
      </select>
      <p id={`${id}-rule`} className="text-xs text-slate-600">
        {!maySetStatus(rules)
          ? `${integrationName} (${integrationTypeText(rules)}) cannot set the Pruvan status. Leave it not set and use the client status.`
          : rule
            ? `${value}: ${rule}`
            : `${integrationName} is ${integrationTypeText(rules)}. Pruvan users and its workflow set the status otherwise.`}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {value === "deleted" ? (
        <div className="rounded-md bg-red-50 p-2 ring-1 ring-red-200">
          <CheckboxField
            name="confirmDelete"
            id={`${id}-confirm`}
            label="Yes, set the Pruvan status to deleted: Pruvan removes the order (kept here for history)."
            hint="Pruvan advises against this from a remote system; use it with caution."
            error={confirmError}
          />
        </div>
      ) : null}
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer font-medium text-brand-700">Status rules for {integrationName}</summary>
        <ul className="mt-1 grid gap-0.5 sm:grid-cols-2">
          {PRUVAN_STATUSES.map((s) => {
            const ok = checkOrderStatus(s, action, rules, { confirmDelete: true }).ok;
            return (
              <li key={s}>
                <span className={ok ? "text-emerald-700" : "text-slate-400"} aria-hidden="true">
                  {ok ? "✓" : "✗"}
                </span>{" "}
                <span className="font-medium">{s}</span>
                <span className="sr-only">{ok ? " (allowed)" : " (not allowed)"}</span>: {STATUS_RULES_TEXT[s]}
              </li>
            );
          })}
        </ul>
      </details>
    </div>
  );
}
