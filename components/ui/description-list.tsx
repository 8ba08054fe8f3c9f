/** Label / value rows. An empty value shows a muted dash so every field is visibly there. */
export function DescriptionList({
  items,
  columns = 1,
}: {
  items: { label: string; value: React.ReactNode; wide?: boolean }[];
  columns?: 1 | 2;
}) {
  return (
    <dl className={`grid gap-x-4 gap-y-2 text-sm ${columns === 2 ? "sm:grid-cols-2" : ""}`}>
      {items.map((item) => (
        <div key={item.label} className={`min-w-0 ${item.wide ? "sm:col-span-2" : ""}`}>
          <dt className="text-xs font-medium text-slate-500">{item.label}</dt>
          <dd className="break-words text-slate-900">
            {item.value === null || item.value === undefined || item.value === "" ? <span className="text-slate-400">-</span> : item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
