// Placeholders shaped like what loads, so nothing jumps when the data arrives.

export function SkeletonBlock({ className = "" }: { className?: string }) {
  return <div className={`rounded bg-slate-200 ${className}`} />;
}

/** The page header: a title line, a description line and room for the actions. */
export function SkeletonHeader({ actions = 0 }: { actions?: number }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div className="space-y-2 py-0.5">
        <SkeletonBlock className="h-6 w-40" />
        <SkeletonBlock className="h-4 w-64" />
      </div>
      <div className="flex flex-wrap gap-2">
        {Array.from({ length: actions }, (_, i) => (
          <SkeletonBlock key={i} className="h-8 w-28 rounded-md" />
        ))}
      </div>
    </div>
  );
}

/** A table frame with a header row and `rows` body rows of the given height class. */
export function SkeletonTable({ columns, rows = 10, rowClass = "h-11" }: { columns: number; rows?: number; rowClass?: string }) {
  return (
    <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex h-8 items-center gap-4 bg-slate-50 px-3">
        {Array.from({ length: columns }, (_, i) => (
          <SkeletonBlock key={i} className="h-3 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className={`flex items-center gap-4 border-t border-slate-100 px-3 ${rowClass}`}>
          {Array.from({ length: columns }, (_, i) => (
            <SkeletonBlock key={i} className="h-3.5 flex-1" />
          ))}
        </div>
      ))}
    </div>
  );
}

/** Wraps a skeleton: announced as busy, and pulsing. */
export function SkeletonPage({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}
