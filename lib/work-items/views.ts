import { formatDateTime } from "@/lib/format";
import { reviewView } from "@/lib/photo-review/view";
import { describeDistance, distanceFromAddress } from "./distance";
import { NO_EVIDENCE_TYPE, evidenceLabel } from "./evidence";
import type { OrderPlace, ResultItem } from "./queries";

// One work item as the pages show it: plain, serializable values (they cross into the
// client gallery), already formatted on the server so server and browser agree.

/** pruvan-api-v2: a picture's flags are "1" / "0"; certified location is "not certified if null". */
export type Flag = "yes" | "no" | "unknown";

const flag = (v: number | null, nullMeans: Flag = "unknown"): Flag => (v === null ? nullMeans : v >= 1 ? "yes" : "no");

/** Pruvan: "The link will expire 24hrs after it was sent." */
const VIDEO_LINK_LIFETIME_MS = 24 * 3600_000;

const fileUrls = (id: string) => ({
  download: `/files/${id}`,
  thumb: `/files/${id}/thumb`,
  large: `/files/${id}/thumb?size=large`,
});

export function serviceNameOf(item: { service: { serviceName: string } | null; key4: string | null }): string {
  return item.service?.serviceName ?? item.key4 ?? "No service";
}

function common(item: ResultItem, order: OrderPlace) {
  const gps =
    item.gpsLatitude !== null && item.gpsLongitude !== null
      ? { lat: item.gpsLatitude, lon: item.gpsLongitude, accuracyM: item.gpsAccuracy }
      : null;
  const distance = distanceFromAddress({ locationDifference: item.locationDifference, lat: item.gpsLatitude, lon: item.gpsLongitude }, { lat: order.gpsLatitude, lon: order.gpsLongitude });
  return {
    id: item.id,
    uuId: item.uuId,
    serviceName: serviceNameOf(item),
    takenBy: item.createdBySubUser,
    account: item.createdBy,
    takenAt: item.creationDate, // as the device sent it, no zone
    receivedAt: formatDateTime(item.receivedAt),
    gps,
    gpsTime: item.gpsTimestamp ? formatDateTime(item.gpsTimestamp) : null,
    distance: describeDistance(distance),
    notes: item.notes,
    fileSize: item.fileSize,
    urls: { ...fileUrls(item.id), download: item.storagePath ? `/files/${item.id}` : null },
  };
}

export function photoView(item: ResultItem, order: OrderPlace, questions: ReadonlyMap<string, string>, now: Date) {
  const evidenceType = item.evidenceType?.trim() || NO_EVIDENCE_TYPE;
  const expiresAt = new Date(item.receivedAt.getTime() + VIDEO_LINK_LIFETIME_MS);
  const isCsr = item.fileType === "csr";
  return {
    ...common(item, order),
    kind: isCsr ? ("csr" as const) : ("picture" as const),
    pictureId: item.pictureId,
    evidenceType,
    evidenceLabel: isCsr ? "CSR" : evidenceLabel(evidenceType, questions),
    alt: "", // set once the photo's place in its group is known
    certifiedTime: isCsr ? null : flag(item.csrCertifiedTime),
    certifiedLocation: isCsr ? null : flag(item.csrCertifiedLocation, "no"),
    authenticated: isCsr ? null : flag(item.authenticated),
    /** Staff review (lib/photo-review); a CSR is a record, not a photo to review. */
    review: isCsr ? null : reviewView(item.reviews[0]),
    // A CSR's fields are counts over the photos it certifies.
    csr: isCsr
      ? { pictures: item.csrPictureCount, authenticated: item.authenticated, certifiedTime: item.csrCertifiedTime, certifiedLocation: item.csrCertifiedLocation }
      : null,
    video: item.videoUri
      ? { uri: httpUrl(item.videoUri), expiresAt: formatDateTime(expiresAt), expired: now.getTime() >= expiresAt.getTime() }
      : null,
  };
}

export type PhotoView = ReturnType<typeof photoView>;

/** Only an http(s) link is ever rendered as one: videoUri is text from outside. */
function httpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

export function checkInView(item: ResultItem, order: OrderPlace) {
  return { ...common(item, order), fields: checkInFields(item.checkIn) };
}

export type CheckInView = ReturnType<typeof checkInView>;

/** The check-in JSON as label/value rows; nested values stay JSON. */
function checkInFields(stored: unknown): { key: string; value: string }[] {
  const data = typeof stored === "string" ? parseJson(stored) : stored;
  if (data === null || data === undefined) return [];
  if (typeof data !== "object" || Array.isArray(data)) return [{ key: "value", value: JSON.stringify(data) }];
  return Object.entries(data).map(([key, value]) => ({
    key,
    value: value === null ? "-" : typeof value === "object" ? JSON.stringify(value) : String(value),
  }));
}

export function fileView(item: ResultItem, order: OrderPlace) {
  return { ...common(item, order), fileName: item.fileName ?? item.uuId, fileExt: item.fileExt, template: item.template };
}

export type FileView = ReturnType<typeof fileView>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
