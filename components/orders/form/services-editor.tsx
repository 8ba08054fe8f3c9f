"use client";

import { useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { FormValues } from "@/lib/orders/order-form";
import {
  OTHER_TASK_FIELDS,
  SERVICE_ATTRIBUTES,
  SERVICE_NAME_FIELD,
  SERVICE_SOURCE_FIELDS,
  SURVEY_FIELD,
  fieldId,
  type FieldDef,
} from "./field-defs";
import { OrderField } from "./order-field";

type Row = { key: string; values: FormValues };
type Errors = Record<string, string[] | undefined>;

let rowCounter = 0;
const newKey = () => `svc-${++rowCounter}`;

const LOCKED_SERVICE = "Pruvan does not change these on an existing task. To change one, remove the service and add it under a new name.";
const SURVEY_NOTE =
  "Changing the survey removes the task in Pruvan and adds it back (two pushes): work on it not yet uploaded from the phone may be lost.";

/**
 * The order's services (Pruvan tasks) as a list of sub-forms: add, remove and reorder, by
 * mouse or keyboard. Fields are numbered by position ("services.0.serviceName"), so the
 * whole set is posted in the order shown: Pruvan replaces the services with that set.
 * An existing service keeps its id; its name and create-only fields are locked.
 */
export function ServicesEditor({ initial, errors, listError }: { initial: FormValues[]; errors: Errors; listError?: string }) {
  const [rows, setRows] = useState<Row[]>(() => (initial.length ? initial : [{}]).map((values) => ({ key: newKey(), values })));
  const [announcement, setAnnouncement] = useState("");
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [rows]);

  const nameOf = (row: Row, i: number) => row.values.serviceName?.trim() || `Service ${i + 1}`;
  const add = () => {
    const key = newKey();
    setRows((r) => [...r, { key, values: {} }]);
    focusNext.current = fieldId(`services.${rows.length}.serviceName`);
    setAnnouncement(`Service ${rows.length + 1} added.`);
  };
  const remove = (i: number) => {
    const row = rows[i]!;
    const next = rows.filter((_, j) => j !== i);
    setRows(next);
    focusNext.current = next.length === 0 ? "add-service" : `${next[Math.max(0, i - 1)]!.key}-heading`;
    setAnnouncement(`${nameOf(row, i)} removed. ${next.length} ${next.length === 1 ? "service" : "services"} left.`);
  };
  const move = (i: number, by: -1 | 1) => {
    const to = i + by;
    if (to < 0 || to >= rows.length) return;
    const next = [...rows];
    [next[i], next[to]] = [next[to]!, next[i]!];
    setRows(next);
    // The button moved with its row; if it is now disabled (top or bottom), its twin takes focus.
    const control = by === -1 ? (to === 0 ? "down" : "up") : to === rows.length - 1 ? "up" : "down";
    focusNext.current = `${rows[i]!.key}-${control}`;
    setAnnouncement(`${nameOf(rows[i]!, i)} moved to position ${to + 1} of ${rows.length}.`);
  };
  const rename = (key: string, serviceName: string) =>
    setRows((r) => r.map((row) => (row.key === key ? { ...row, values: { ...row.values, serviceName } } : row)));

  return (
    <div className="space-y-3">
      {listError ? (
        <p id={fieldId("services")} tabIndex={-1} className="text-sm text-red-700" role="alert">
          {listError}
        </p>
      ) : null}
      <ol className="space-y-3">
        {rows.map((row, i) => (
          <ServiceRow
            key={row.key}
            row={row}
            index={i}
            count={rows.length}
            label={nameOf(row, i)}
            errors={errors}
            onMove={(by) => move(i, by)}
            onRemove={() => remove(i)}
            onRename={(name) => rename(row.key, name)}
          />
        ))}
      </ol>
      <button id="add-service" type="button" onClick={add} className={buttonClass("secondary")}>
        + Add a service
      </button>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function ServiceRow({
  row,
  index,
  count,
  label,
  errors,
  onMove,
  onRemove,
  onRename,
}: {
  row: Row;
  index: number;
  count: number;
  label: string;
  errors: Errors;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  onRename: (name: string) => void;
}) {
  const existing = !!row.values.id;
  const at = (field: string) => `services.${index}.${field}`;
  const error = (field: string) => errors[at(field)]?.[0];
  const field = (def: FieldDef, locked?: string | true, note?: React.ReactNode) => (
    <div key={def.name} className={def.wide ? "sm:col-span-2" : ""}>
      <OrderField
        def={def}
        id={fieldId(at(def.name))}
        name={at(def.name)}
        value={row.values[def.name] ?? ""}
        error={error(def.name)}
        locked={locked}
        note={note}
      />
    </div>
  );
  const more = [...SERVICE_SOURCE_FIELDS, ...SERVICE_ATTRIBUTES];
  const moreOpen = more.some((d) => row.values[d.name] || error(d.name));
  const headingId = `${row.key}-heading`;
  return (
    <li className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200" data-testid="service-row">
      <div role="group" aria-labelledby={headingId} className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id={headingId} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none">
            <span className="text-slate-500">{index + 1}.</span> {label}
            {existing ? (
              <span className="ml-2 text-xs font-normal text-slate-500">existing task</span>
            ) : (
              <span className="ml-2 text-xs font-normal text-emerald-700">new</span>
            )}
          </h3>
          <div className="flex gap-1">
            <button
              id={`${row.key}-up`}
              type="button"
              onClick={() => onMove(-1)}
              disabled={index === 0}
              className={buttonClass("ghost", "px-2")}
              aria-label={`Move ${label} up`}
            >
              ↑ <span className="hidden sm:inline">Up</span>
            </button>
            <button
              id={`${row.key}-down`}
              type="button"
              onClick={() => onMove(1)}
              disabled={index === count - 1}
              className={buttonClass("ghost", "px-2")}
              aria-label={`Move ${label} down`}
            >
              ↓ <span className="hidden sm:inline">Down</span>
            </button>
            <button type="button" onClick={onRemove} className={buttonClass("danger", "px-2")} aria-label={`Remove ${label}`}>
              Remove
            </button>
          </div>
        </div>
        {existing ? (
          <>
            <input type="hidden" name={at("id")} value={row.values.id} />
            <input type="hidden" name={at("serviceName")} value={row.values.serviceName ?? ""} />
          </>
        ) : null}
        {error("id") ? (
          <p className="text-xs text-red-700" role="alert">
            {error("id")}
          </p>
        ) : null}
        <div className="grid gap-3 sm:grid-cols-2">
          {existing ? (
            field(SERVICE_NAME_FIELD, "Pruvan knows the task by its name. To rename it, remove the service and add a new one.")
          ) : (
            <div>
              <OrderFieldWithRename
                def={SERVICE_NAME_FIELD}
                id={fieldId(at("serviceName"))}
                name={at("serviceName")}
                value={row.values.serviceName ?? ""}
                error={error("serviceName")}
                onRename={onRename}
              />
            </div>
          )}
          {field(SURVEY_FIELD, undefined, existing ? <p className="text-xs text-amber-800">{SURVEY_NOTE}</p> : null)}
          {OTHER_TASK_FIELDS.map((def) => field(def))}
        </div>
        <details open={moreOpen} className="rounded-md bg-white p-2 ring-1 ring-slate-200">
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Source and attributes 1-15</summary>
          {existing ? <p className="mt-2 text-xs text-slate-600">{LOCKED_SERVICE}</p> : null}
          <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">{more.map((def) => field(def, existing ? true : undefined))}</div>
        </details>
      </div>
    </li>
  );
}

/** The new service's name: it also titles the row while it is typed. */
function OrderFieldWithRename(props: {
  def: FieldDef;
  id: string;
  name: string;
  value: string;
  error?: string;
  onRename: (name: string) => void;
}) {
  const { onRename, ...rest } = props;
  return (
    <div onInput={(e) => e.target instanceof HTMLInputElement && onRename(e.target.value)}>
      <OrderField {...rest} />
    </div>
  );
}
