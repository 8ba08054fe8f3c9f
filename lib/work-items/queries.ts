import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { requestedRange } from "@/lib/http/byte-range";
import { latestReviewSelect } from "@/lib/photo-review/view";
import { storage } from "@/lib/storage";
import { headerFileName, itemFileName, servedContentType } from "./file-names";
import { buildWorkResults } from "./results";

/** What the work-results views read of an item: everything but the raw payload. */
const resultItemSelect = {
  id: true, uuId: true, fileType: true, evidenceType: true, pictureId: true, parentUuid: true, key4: true,
  fileName: true, fileExt: true, notes: true, gpsAccuracy: true, gpsLatitude: true, gpsLongitude: true, gpsTimestamp: true,
  authenticated: true, csrCertifiedTime: true, csrCertifiedLocation: true, csrPictureCount: true, locationDifference: true,
  template: true, surveyId: true, survey: true, checkIn: true, videoUri: true, createdBy: true, createdBySubUser: true,
  creationDate: true, receivedAt: true, supersededAt: true, storagePath: true, fileSize: true, contentType: true,
  service: { select: { serviceName: true, position: true } },
  reviews: latestReviewSelect,
} satisfies Prisma.WorkItemSelect;

export type ResultItem = Prisma.WorkItemGetPayload<{ select: typeof resultItemSelect }>;
export type OrderPlace = { id: string; gpsLatitude: number | null; gpsLongitude: number | null };

/** An order's photos, surveys, check-ins, CSRs, videos and files, grouped for display. */
export async function getOrderWorkResults(order: OrderPlace, now = new Date()) {
  const items = await db().workItem.findMany({
    where: { workOrderId: order.id, match: "matched" },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    select: resultItemSelect,
  });
  return buildWorkResults(items, order, now);
}

export type WorkResults = Awaited<ReturnType<typeof getOrderWorkResults>>;

// Ids are our cuids; anything else cannot name an item.
const itemIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/**
 * The stored original of an item, opened for streaming (the part a Range header asks for,
 * if any); null if there is no such item or file.
 */
export async function openItemFile(itemId: string, rangeHeader: string | null = null) {
  if (!itemIdSchema.safeParse(itemId).success) return null;
  const item = await db().workItem.findUnique({
    where: { id: itemId },
    select: {
      uuId: true, evidenceType: true, fileName: true, fileExt: true, contentType: true, storagePath: true,
      workOrder: { select: { workOrderNumber: true } }, service: { select: { serviceName: true } },
    },
  });
  const stored = item?.storagePath ? await storage().stat(item.storagePath) : null;
  if (!item?.storagePath || !stored) return null;
  // "DEMO-1001_Lawn_before_1415913831993.jpg": who, what and which, readable in a downloads folder.
  const parts = [item.workOrder?.workOrderNumber, item.service?.serviceName, item.evidenceType, itemFileName(item)];
  const range = requestedRange(rangeHeader, stored.size);
  return {
    fileName: headerFileName(parts.filter(Boolean).join("_"), "download"),
    contentType: servedContentType(item.contentType),
    size: stored.size,
    range,
    body: range === "unsatisfiable" ? null : storage().read(item.storagePath, range ?? undefined),
  };
}
