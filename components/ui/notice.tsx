const tones = {
  info: "bg-brand-50 text-brand-900 ring-brand-100",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
  error: "bg-red-50 text-red-900 ring-red-200",
} as const;

/** A boxed message; `role` only where it must be announced as it appears. */
export function Notice({
  tone = "info",
  title,
  role,
  children,
  className = "",
}: {
  tone?: keyof typeof tones;
  title?: React.ReactNode;
  role?: "alert" | "status";
  children?: React.ReactNode;
  className?: string;
}) {
  return (
    <div role={role} className={`rounded-md px-3 py-2 text-sm ring-1 ${tones[tone]} ${className}`}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : ""}>{children}</div> : null}
    </div>
  );
}

/** Things done but worth knowing (fields Pruvan will not receive, a task removed and re-added). */
export function Warnings({ warnings, title = "Please note" }: { warnings?: string[]; title?: string }) {
  if (!warnings?.length) return null;
  return (
    <Notice tone="warning" title={title} role="status">
      <ul className="list-disc space-y-1 pl-5">
        {warnings.map((w) => (
          <li key={w}>{w}</li>
        ))}
      </ul>
    </Notice>
  );
}
