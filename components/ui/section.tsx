/** A titled page section that in-page links can jump to (#id). */
export function Section({
  id,
  title,
  count,
  actions,
  children,
}: {
  id: string;
  title: string;
  count?: number;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
          {title}
          {count !== undefined ? <span className="ml-2 text-sm font-normal text-slate-500">({count})</span> : null}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
