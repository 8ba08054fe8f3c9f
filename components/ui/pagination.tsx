import Link from "next/link";
import type { PagePosition } from "@/lib/paging";

/**
 * First / previous / next / last links with the position in words. Links, not buttons:
 * each page has its own URL, so back, reload and sharing keep the place.
 */
export function Pagination({ of, noun, href }: { of: PagePosition; noun: string; href: (page: number) => string }) {
  const { page, pageCount, total, size } = of;
  const first = total === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  const to = (target: number, label: string, text: string, enabled: boolean) =>
    enabled ? (
      <Link href={href(target)} aria-label={label} className={linkClass}>
        {text}
      </Link>
    ) : (
      <span aria-hidden="true" className={`${linkClass} text-slate-300 ring-slate-200`}>
        {text}
      </span>
    );
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p aria-live="polite">
        {total === 0
          ? `No ${noun}`
          : `${first.toLocaleString("en-US")}–${last.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} ${noun}`}
        {pageCount > 1 ? ` · page ${page.toLocaleString("en-US")} of ${pageCount.toLocaleString("en-US")}` : ""}
      </p>
      {pageCount > 1 ? (
        <div className="flex gap-1">
          {to(1, "First page", "«", page > 1)}
          {to(page - 1, "Previous page", "‹ Previous", page > 1)}
          {to(page + 1, "Next page", "Next ›", page < pageCount)}
          {to(pageCount, "Last page", "»", page < pageCount)}
        </div>
      ) : null}
    </nav>
  );
}

const linkClass = "rounded-md bg-white px-2.5 py-1 font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50";
