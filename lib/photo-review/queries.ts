import { db } from "@/lib/db";

// The review history an order's timeline shows.

/** An order's review decisions, newest first, with the photo each was about (for the timeline). */
export function orderReviewHistory(orderId: string, take: number) {
  return db().photoReview.findMany({
    where: { workItem: { workOrderId: orderId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      decision: true,
      note: true,
      batchId: true,
      actor: true,
      createdAt: true,
      workItem: { select: { evidenceType: true, key4: true, service: { select: { serviceName: true } } } },
    },
  });
}

export type ReviewHistoryRow = Awaited<ReturnType<typeof orderReviewHistory>>[number];
