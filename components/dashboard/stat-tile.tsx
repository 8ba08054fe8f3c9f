import Link from "next/link";

const tones = {
  calm: "bg-white ring-slate-200",
  warn: "bg-amber-50 ring-amber-300",
  alert: "bg-red-50 ring-red-300",
} as const;

/** One figure and the list behind it. Without an href (no access), the figure is shown plain. */
export function StatTile({
  label,
  value,
  href,
  hint,
  tone = "calm",
  testId,
}: {
  label: string;
  value: number;
  href?: string;
  hint?: React.ReactNode;
  tone?: keyof typeof tones;
  testId?: string;
}) {
  const figure = (
    <span className={`block text-2xl font-semibold tabular-nums ${href ? "text-brand-700" : "text-slate-900"}`}>
      {value.toLocaleString("en-US")}
    </span>
  );
  return (
    <div data-testid={testId} className={`rounded-lg p-4 shadow-sm ring-1 ${tones[tone]}`}>
      <p className="text-sm font-medium text-slate-700">{label}</p>
      {href ? (
        <Link href={href} className="mt-1 inline-block rounded hover:underline">
          {figure}
          <span className="sr-only"> {label.toLowerCase()}: open the list</span>
        </Link>
      ) : (
        <span className="mt-1 inline-block">{figure}</span>
      )}
      {hint ? <div className="mt-1 text-xs text-slate-600">{hint}</div> : null}
    </div>
  );
}

/** Values with their counts, each linking to its filtered list. */
export function CountList({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: { label: string; count: number; href: string }[];
  testId?: string;
}) {
  const id = `${testId ?? title.replace(/\W+/g, "-").toLowerCase()}-title`;
  return (
    <section aria-labelledby={id} data-testid={testId} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={id} className="mb-2 text-sm font-semibold text-slate-800">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No work orders.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {rows.map((r) => (
            <li key={r.label}>
              <Link href={r.href} className="flex items-center justify-between gap-3 rounded px-1 py-1.5 text-sm hover:bg-slate-50">
                <span className="min-w-0 truncate text-slate-800">{r.label}</span>
                <span className="font-semibold text-brand-700 tabular-nums">{r.count.toLocaleString("en-US")}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
