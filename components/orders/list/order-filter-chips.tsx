import Link from "next/link";
import type { FilterChip } from "@/lib/orders/list-filters";

/** The active filters, each removable on its own; "Clear all" removes every one. */
export function OrderFilterChips({ chips, clearHref }: { chips: FilterChip[]; clearHref: string }) {
  if (chips.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Active filters" role="group">
      {chips.map((chip) => (
        <Link
          key={chip.key}
          href={chip.removeHref}
          className="inline-flex items-center gap-1.5 rounded-full bg-brand-50 py-1 pr-2 pl-3 text-sm text-brand-900 ring-1 ring-brand-100 hover:bg-brand-100"
        >
          <span>{chip.label}</span>
          <span aria-hidden="true" className="text-base leading-none text-brand-700">
            ×
          </span>
          <span className="sr-only">(remove this filter)</span>
        </Link>
      ))}
      <Link href={clearHref} className="px-1 text-sm text-brand-700 underline">
        Clear all
      </Link>
    </div>
  );
}
