import type { Prisma } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import type { ReviewState } from "./schemas";

// A photo's review state is its latest decision (the history stays for the timeline).
// No database access here: the views and the client gallery import it.

/** The latest decision of each item, as Prisma nests it in an item query (`reviews`). */
export const latestReviewSelect = {
  orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  take: 1,
  select: { decision: true, note: true, actor: true, createdAt: true },
} satisfies Prisma.WorkItem$reviewsArgs;

type LatestReview = { decision: "approved" | "rejected" | "cleared"; note: string | null; actor: string; createdAt: Date };

/** What the gallery, the viewer and the report show of a photo's review. Plain values: it crosses into the client. */
export type ReviewView = { state: ReviewState; note: string | null; by: string | null; at: string | null };

export const UNREVIEWED: ReviewView = { state: "unreviewed", note: null, by: null, at: null };

export function reviewView(latest: LatestReview | undefined): ReviewView {
  if (!latest || latest.decision === "cleared") return UNREVIEWED;
  return { state: latest.decision, note: latest.note, by: latest.actor, at: formatDateTime(latest.createdAt) };
}
