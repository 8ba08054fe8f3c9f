"use client";

import { LockedField, TextAreaField, TextField } from "@/components/ui/field";
import type { FieldDef } from "./field-defs";
import { InstructionsField } from "./instructions-field";

/** One field of the order form, as its kind needs; locked ones show their value and why. */
export function OrderField({
  def,
  id,
  name,
  value,
  error,
  locked,
  note,
  list,
}: {
  def: FieldDef;
  id: string;
  name: string;
  value: string;
  error?: string;
  /** Why it cannot change, when it cannot (true: the group says why). */
  locked?: string | true;
  /** Shown under the field (e.g. "Pruvan ignores this from this integration"). */
  note?: React.ReactNode;
  list?: string;
}) {
  const label = (
    <>
      {def.label}
      {def.required && !locked ? (
        <span className="text-red-700" aria-hidden="true">
          {" "}
          *
        </span>
      ) : null}
    </>
  );
  if (locked)
    return (
      <LockedField
        label={def.label}
        value={def.kind === "json" && value ? <code className="text-xs">{value}</code> : value}
        reason={locked === true ? undefined : locked}
      />
    );
  const common = { id, name, label, defaultValue: value, error, hint: def.hint, extra: note, required: def.required };
  switch (def.kind) {
    case "html":
      return <InstructionsField id={id} name={name} label={def.label} defaultValue={value} hint={def.hint} error={error} note={note} />;
    case "textarea":
      return <TextAreaField {...common} rows={3} />;
    case "json":
      return (
        <TextAreaField
          {...common}
          rows={3}
          spellCheck={false}
          className="block w-full rounded-md border-0 px-2.5 py-1.5 font-mono text-[0.8rem] text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 focus:ring-inset aria-[invalid=true]:ring-red-500"
        />
      );
    case "date":
      return <TextField {...common} type="date" />;
    case "datetime":
      // Seconds only when the stored time has some, so an untouched value saves unchanged.
      return <TextField {...common} type="datetime-local" step={value.length > 16 ? 1 : undefined} />;
    case "decimal":
      return <TextField {...common} inputMode="decimal" autoComplete="off" />;
    default:
      return <TextField {...common} list={list} autoComplete="off" />;
  }
}
