"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/auth/action";
import { reviewPhotos, type ReviewOutcome } from "@/lib/photo-review/manage";
import { reviewRequestSchema } from "@/lib/photo-review/schemas";

// Photo review from the order page: the viewer's a / r keys (one photo) and a service's
// "Approve all" / "Reject all" (every photo of it). Any staff member may review.

const PAST = { approved: "Approved", rejected: "Rejected", cleared: "Cleared the review of" } as const;

export const reviewPhotosAction = formAction<typeof reviewRequestSchema, ReviewOutcome>(
  { role: "staff", schema: reviewRequestSchema },
  async (request, user) => {
    const outcome = await reviewPhotos(request, user);
    revalidatePath(`/orders/${request.orderId}`); // the timeline shows who reviewed what
    const photos = (n: number) => `${n} photo${n === 1 ? "" : "s"}`;
    const already = outcome.unchanged ? ` (${photos(outcome.unchanged)} already were)` : "";
    return { ok: true, message: `${PAST[request.decision]} ${photos(outcome.changed)}${already}.`, result: outcome };
  },
);
