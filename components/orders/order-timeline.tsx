import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/lib/format";
import type { TimelineEntry, TimelineTone } from "@/lib/orders/timeline";

const DOT: Record<TimelineTone, string> = {
  gray: "bg-slate-400",
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  blue: "bg-brand-600",
};
const KIND = { status: "Status", push: "Push", upload: "Upload", review: "Review" } as const;

/** Status changes, pushes (with Pruvan's answer), uploads and photo reviews, newest first. */
export function OrderTimeline({ entries, truncated }: { entries: TimelineEntry[]; truncated: boolean }) {
  if (entries.length === 0) return <EmptyState title="Nothing has happened to this order yet" />;
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <ol className="space-y-3">
        {entries.map((e) => (
          <li key={e.key} className="flex gap-3 text-sm">
            <span aria-hidden="true" className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${DOT[e.tone]}`} />
            <div className="min-w-0">
              <p>
                <span className="mr-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">{KIND[e.kind]}</span>
                <span className="font-medium text-slate-900">{e.title}</span>
              </p>
              {e.detail ? <p className="break-words text-slate-700">{e.detail}</p> : null}
              <p className="text-xs text-slate-500">
                <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
                {e.actor ? ` · ${e.actor}` : ""}
              </p>
            </div>
          </li>
        ))}
      </ol>
      {truncated ? <p className="mt-3 text-xs text-slate-500">Showing the latest {entries.length} events.</p> : null}
    </div>
  );
}
