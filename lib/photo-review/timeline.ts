import type { TimelineEntry } from "@/lib/orders/timeline";
import { serviceNameOf } from "@/lib/work-items/views";
import type { ReviewHistoryRow } from "./queries";

// The order timeline's review entries: who reviewed what. A reviewer pressing A, A, R
// through the viewer makes one entry per sitting (same person, no pause over
// SITTING_GAP_MS), not one per photo; "Approve all" on a service is one entry too.

const SITTING_GAP_MS = 15 * 60_000;
const VERBS = { approved: "approved", rejected: "rejected", cleared: "cleared" } as const;

/** Rows newest first, as orderReviewHistory reads them. */
export function reviewEntries(rows: readonly ReviewHistoryRow[]): TimelineEntry[] {
  const sittings: ReviewHistoryRow[][] = [];
  for (const row of rows) {
    const current = sittings.at(-1);
    const last = current?.at(-1);
    if (current && last && last.actor === row.actor && last.createdAt.getTime() - row.createdAt.getTime() <= SITTING_GAP_MS)
      current.push(row);
    else sittings.push([row]);
  }
  return sittings.map((rows) => {
    const counts = (["approved", "rejected", "cleared"] as const)
      .map((d) => [d, rows.filter((r) => r.decision === d).length] as const)
      .filter(([, n]) => n > 0)
      .map(([d, n]) => `${n} ${VERBS[d]}`);
    const services = [...new Set(rows.map((r) => serviceNameOf(r.workItem)))].join(", ");
    const notes = [...new Set(rows.filter((r) => r.note).map((r) => `"${r.note}"`))];
    return {
      key: `review-${rows[0]!.batchId}-${rows[0]!.createdAt.getTime()}`,
      at: rows[0]!.createdAt,
      kind: "review" as const,
      title: `Reviewed ${rows.length} photo${rows.length === 1 ? "" : "s"}: ${counts.join(", ")}`,
      detail: [services, notes.length ? `Rejected because ${notes.join("; ")}` : null].filter(Boolean).join(" · "),
      actor: rows[0]!.actor,
      tone: rows.some((r) => r.decision === "rejected") ? ("red" as const) : ("green" as const),
    };
  });
}
