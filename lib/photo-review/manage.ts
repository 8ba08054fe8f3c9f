import { randomUUID } from "node:crypto";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { serviceNameOf } from "@/lib/work-items/views";
import { latestReviewSelect, reviewView, type ReviewView } from "./view";
import type { ReviewRequest } from "./schemas";

export type ReviewOutcome = { changed: number; unchanged: number; reviews: Record<string, ReviewView> };

/**
 * Records a staff decision on photos of one order: the named ones, or every photo of one
 * service. Photos already in that state (same note) get no new row, so the history
 * holds only real changes. One batch id per call: the timeline shows it as one entry.
 */
export async function reviewPhotos(request: ReviewRequest, user: Pick<CurrentUser, "id" | "email">): Promise<ReviewOutcome> {
  const photos = await db().workItem.findMany({
    where: {
      workOrderId: request.orderId,
      match: "matched",
      fileType: "picture",
      ...(request.photoIds.length ? { id: { in: request.photoIds } } : {}),
    },
    select: { id: true, key4: true, service: { select: { serviceName: true } }, reviews: latestReviewSelect },
  });
  const chosen = request.service === undefined ? photos : photos.filter((p) => serviceNameOf(p) === request.service);
  if (request.photoIds.length && chosen.length !== new Set(request.photoIds).size) {
    throw new DomainError("Some of these photos are not photos of this order (a CSR, survey or check-in cannot be reviewed).");
  }
  if (chosen.length === 0) throw new DomainError("This order has no photos to review there.");

  const note = request.decision === "rejected" ? (request.note ?? null) : null;
  const changing = chosen.filter((p) => {
    const current = p.reviews[0];
    return !current || current.decision !== request.decision || (current.note ?? null) !== note;
  });
  const batchId = randomUUID();
  const createdAt = new Date();
  if (changing.length) {
    await db().photoReview.createMany({
      data: changing.map((p) => ({
        workItemId: p.id,
        decision: request.decision,
        note,
        batchId,
        actorUserId: user.id,
        actor: user.email,
        createdAt,
      })),
    });
  }
  const decided = reviewView({ decision: request.decision, note, actor: user.email, createdAt });
  const reviews = Object.fromEntries(chosen.map((p) => [p.id, changing.includes(p) ? decided : reviewView(p.reviews[0])]));
  return { changed: changing.length, unchanged: chosen.length - changing.length, reviews };
}
