/** A header cell: a plain label, or content with its own key (a sort link) and aria-sort. */
export type HeadCell = string | { key: string; content: React.ReactNode; sort?: "ascending" | "descending" | "none"; className?: string };

/** A plain data table: header labels, then rows rendered by the caller. */
export function Table({ head, children, caption }: { head: HeadCell[]; children: React.ReactNode; caption?: string }) {
  // relative: the scroll box also contains screen-reader-only (absolutely placed) text,
  // which would otherwise widen the page beyond the viewport.
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="bg-slate-50">
          <tr>
            {head.map((h) =>
              typeof h === "string" ? (
                <th key={h} scope="col" className={thClass}>
                  {h}
                </th>
              ) : (
                <th key={h.key} scope="col" aria-sort={h.sort} className={`${thClass} ${h.className ?? ""}`}>
                  {h.content}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

const thClass = "px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase";

/** A data cell; it does not wrap unless its className says how (e.g. "whitespace-normal"). */
export function Td({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  const wrap = /\bwhitespace-/.test(className) ? "" : "whitespace-nowrap";
  return <td className={`px-3 py-2 align-top text-slate-800 ${wrap} ${className}`}>{children}</td>;
}
