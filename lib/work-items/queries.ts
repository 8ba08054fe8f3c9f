import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { requestedRange } from "@/lib/http/byte-range";
import { latestReviewSelect } from "@/lib/photo-review/view";
import { storage } from "@/lib/storage";
import { headerFileName } from "@/lib/http/download-names";
import { itemFileName, servedContentType } from "./file-names";
import { buildWorkResults } from "./results";

/** What the work-results views read of an item: everything but the raw payload. */
const resultItemSelect = {
  id: true,
  uuId: true,
  fileType: true,
  evidenceType: true,
  pictureId: true,
  parentUuid: true,
  key4: true,
  fileName: true,
  fileExt: true,
  notes: true,
  gpsAccuracy: true,
  gpsLatitude: true,
  gpsLongitude: true,
  gpsTimestamp: true,
  authenticated: true,
  csrCertifiedTime: true,
  csrCertifiedLocation: true,
  csrPictureCount: true,
  locationDifference: true,
  template: true,
  surveyId: true,
  survey: true,
  checkIn: true,
  videoUri: true,
  createdBy: true,
  createdBySubUser: true,
  creationDate: true,
  receivedAt: true,
  supersededAt: true,
  storagePath: true,
  fileSize: true,
  contentType: true,
  version: true,
  service: { select: { serviceName: true, position: true } },
  reviews: latestReviewSelect,
  versions: {
    orderBy: { version: "desc" },
    select: { version: true, receivedAt: true, replacedAt: true, storagePath: true, fileSize: true, changes: true },
  },
  videoFetch: {
    select: {
      state: true,
      attempts: true,
      nextAttemptAt: true,
      leaseUntil: true,
      lastError: true,
      linkSentAt: true,
      storagePath: true,
      fileSize: true,
      contentType: true,
      fetchedAt: true,
    },
  },
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
 * An item's stored video (fetched from its videoUri), opened for streaming: whole, or the
 * part a Range header asks for (the gallery's player seeks); null when there is no such
 * item or no stored video.
 */
export async function openItemVideo(itemId: string, rangeHeader: string | null) {
  if (!itemIdSchema.safeParse(itemId).success) return null;
  const video = await db().videoFetch.findUnique({ where: { workItemId: itemId }, select: { storagePath: true, contentType: true } });
  const stored = video?.storagePath ? await storage().stat(video.storagePath) : null;
  if (!video?.storagePath || !stored) return null;
  const range = requestedRange(rangeHeader, stored.size);
  return {
    fileName: null, // played in the page, not downloaded
    contentType: servedContentType(video.contentType),
    size: stored.size,
    range,
    body: range === "unsatisfiable" ? null : storage().read(video.storagePath, range ?? undefined),
  };
}

/** ?version=N of a file URL: an earlier version of a re-published item (absent: the current one). */
export const fileVersionSchema = z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined);

/**
 * The stored original of an item, or of one of its earlier versions, opened for streaming
 * (the part a Range header asks for, if any); null if there is no such item, version or file.
 */
export async function openItemFile(itemId: string, rangeHeader: string | null = null, version?: number) {
  if (!itemIdSchema.safeParse(itemId).success) return null;
  const item = await db().workItem.findUnique({
    where: { id: itemId },
    select: {
      uuId: true,
      evidenceType: true,
      fileName: true,
      contentType: true,
      storagePath: true,
      version: true,
      workOrder: { select: { workOrderNumber: true } },
      service: { select: { serviceName: true } },
      versions: { where: { version: version ?? -1 }, select: { storagePath: true, contentType: true } },
    },
  });
  const earlier = version !== undefined && version !== item?.version ? item?.versions[0] : undefined;
  if (version !== undefined && version !== item?.version && !earlier) return null;
  const file = earlier ?? item;
  const stored = file?.storagePath ? await storage().stat(file.storagePath) : null;
  if (!item || !file?.storagePath || !stored) return null;
  // "DEMO-1001_Lawn_before_1415913831993.jpg": who, what and which, readable in a downloads folder.
  const parts = [
    item.workOrder?.workOrderNumber,
    item.service?.serviceName,
    item.evidenceType,
    earlier ? `version-${version}` : null,
    itemFileName({ ...item, contentType: file.contentType }),
  ];
  const range = requestedRange(rangeHeader, stored.size);
  return {
    fileName: headerFileName(parts.filter(Boolean).join("_"), "download"),
    contentType: servedContentType(file.contentType),
    size: stored.size,
    range,
    body: range === "unsatisfiable" ? null : storage().read(file.storagePath, range ?? undefined),
  };
}
