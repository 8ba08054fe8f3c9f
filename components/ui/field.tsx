import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

export const controlClass =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500 read-only:bg-slate-50 read-only:text-slate-600 disabled:bg-slate-50 disabled:text-slate-500";

/** `id` defaults to the name; give one when the same name appears twice on a page. */
type FieldProps = {
  label: React.ReactNode;
  name: string;
  id?: string;
  error?: string[] | string;
  hint?: React.ReactNode;
  extra?: React.ReactNode;
  /** e.g. "md:sr-only" where a table-like header names the column. */
  labelClassName?: string;
};

function FieldFrame({
  label,
  id,
  error,
  hint,
  extra,
  labelClassName = "",
  children,
}: Omit<FieldProps, "name"> & { id: string; children: React.ReactNode }) {
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className={`block text-sm font-medium text-slate-700 ${labelClassName}`}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={`${id}-error`} className="text-xs text-red-700" role="alert">
          {message}
        </p>
      ) : null}
      {extra}
    </div>
  );
}

/** aria-describedby for a control: its error and its hint, when there are. */
function describedBy(id: string, error: FieldProps["error"], hint: FieldProps["hint"], own?: string) {
  return (
    [error && (Array.isArray(error) ? error.length > 0 : true) ? `${id}-error` : null, hint ? `${id}-hint` : null, own]
      .filter(Boolean)
      .join(" ") || undefined
  );
}

/** A field's props split into its frame's (label, hint, error) and its control's. */
function split<P extends FieldProps & { "aria-describedby"?: string; className?: string }>({
  label,
  name,
  id = name,
  error,
  hint,
  extra,
  labelClassName,
  ...rest
}: P) {
  return {
    frame: { label, id, error, hint, extra, labelClassName },
    control: {
      id,
      name,
      className: controlClass,
      "aria-invalid": error ? true : undefined,
      ...rest,
      "aria-describedby": describedBy(id, error, hint, rest["aria-describedby"]),
    },
  };
}

export function TextField(props: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { frame, control } = split(props);
  return (
    <FieldFrame {...frame}>
      <input {...control} />
    </FieldFrame>
  );
}

export function TextAreaField(props: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { frame, control } = split(props);
  return (
    <FieldFrame {...frame}>
      <textarea rows={3} {...control} />
    </FieldFrame>
  );
}

export function SelectField({ children, ...props }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const { frame, control } = split(props);
  return (
    <FieldFrame {...frame}>
      <select {...control}>{children}</select>
    </FieldFrame>
  );
}

/** A checkbox with its label beside it; the hint and error below. */
export function CheckboxField({
  label,
  name,
  id = name,
  error,
  hint,
  ...props
}: Omit<FieldProps, "labelClassName" | "extra"> & InputHTMLAttributes<HTMLInputElement>) {
  const message = Array.isArray(error) ? error[0] : error;
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2">
        <input
          id={id}
          name={name}
          type="checkbox"
          className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300 accent-brand-600"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, hint)}
          {...props}
        />
        <label htmlFor={id} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="pl-6 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {message ? (
        <p id={`${id}-error`} className="pl-6 text-xs text-red-700" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A value shown where a field would be, when it cannot be changed (with why, unless said once for a group). */
export function LockedField({ label, value, reason }: { label: React.ReactNode; value: React.ReactNode; reason?: string }) {
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium text-slate-700">
        {label}
        <span className="ml-1.5 rounded bg-slate-100 px-1 py-0.5 text-[0.7rem] font-medium text-slate-600 ring-1 ring-slate-200">
          locked
        </span>
      </p>
      <p className="min-h-8 rounded-md bg-slate-50 px-2.5 py-1.5 text-sm break-words whitespace-pre-wrap text-slate-700 ring-1 ring-slate-200 ring-inset">
        {value === "" || value === null || value === undefined ? <span className="text-slate-400">empty</span> : value}
      </p>
      {reason ? <p className="text-xs text-slate-500">{reason}</p> : null}
    </div>
  );
}
