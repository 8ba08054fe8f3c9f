import { formatDateTime } from "@/lib/format";
import { reviewView } from "@/lib/photo-review/view";
import { describeDistance, distanceFromAddress } from "./distance";
import { NO_EVIDENCE_TYPE, evidenceLabel } from "./evidence";
import type { OrderPlace, ResultItem } from "./queries";
import { thumbUrl } from "./urls";
import { VIDEO_LINK_LIFETIME_MS } from "./video-fetch";

// One work item as the pages show it: plain, serializable values (they cross into the
// client gallery), already formatted on the server so server and browser agree.

/** pruvan-api-v2: a picture's flags are "1" / "0"; certified location is "not certified if null". */
export type Flag = "yes" | "no" | "unknown";

const flag = (v: number | null, nullMeans: Flag = "unknown"): Flag => (v === null ? nullMeans : v >= 1 ? "yes" : "no");

const fileUrls = (id: string, version: number) => ({
  download: `/files/${id}`,
  thumb: thumbUrl(id, version),
  large: thumbUrl(id, version, "large"),
});

export function serviceNameOf(item: { service: { serviceName: string } | null; key4: string | null }): string {
  return item.service?.serviceName ?? item.key4 ?? "No service";
}

function common(item: ResultItem, order: OrderPlace) {
  const gps =
    item.gpsLatitude !== null && item.gpsLongitude !== null
      ? { lat: item.gpsLatitude, lon: item.gpsLongitude, accuracyM: item.gpsAccuracy }
      : null;
  const distance = distanceFromAddress(
    { locationDifference: item.locationDifference, lat: item.gpsLatitude, lon: item.gpsLongitude },
    { lat: order.gpsLatitude, lon: order.gpsLongitude },
  );
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
    urls: { ...fileUrls(item.id, item.version), download: item.storagePath ? `/files/${item.id}` : null },
    history: historyOf(item),
  };
}

/**
 * A re-published item's earlier versions, newest first, each with what the next publish
 * changed ("new file", then the metadata fields by their Pruvan names).
 */
export function historyOf(item: Pick<ResultItem, "id" | "version" | "versions">) {
  return {
    version: item.version,
    earlier: item.versions.map((v) => ({
      version: v.version,
      receivedAt: formatDateTime(v.receivedAt),
      replacedAt: formatDateTime(v.replacedAt),
      changed: (Array.isArray(v.changes) ? v.changes.map(String) : []).map((c) => (c === "file" ? "new file" : c)).join(", "),
      download: v.storagePath ? `/files/${item.id}?version=${v.version}` : null,
      fileSize: v.fileSize,
    })),
  };
}

export type ItemHistory = ReturnType<typeof historyOf>;

export function photoView(item: ResultItem, order: OrderPlace, questions: ReadonlyMap<string, string>, now: Date) {
  const evidenceType = item.evidenceType?.trim() || NO_EVIDENCE_TYPE;
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
      ? {
          pictures: item.csrPictureCount,
          authenticated: item.authenticated,
          certifiedTime: item.csrCertifiedTime,
          certifiedLocation: item.csrCertifiedLocation,
        }
      : null,
    video: item.videoUri ? videoView(item, item.videoUri, now) : null,
  };
}

/**
 * A video: its link and when it dies (24 h after it was sent), the copy fetched into
 * storage to play, and how the fetch goes: waiting, running, stored, or failed and why.
 */
function videoView(item: ResultItem, videoUri: string, now: Date) {
  const fetch = item.videoFetch;
  const expiresAt = new Date((fetch?.linkSentAt ?? item.receivedAt).getTime() + VIDEO_LINK_LIFETIME_MS);
  const running = fetch?.state === "pending" && fetch.leaseUntil !== null && fetch.leaseUntil > now;
  return {
    uri: httpUrl(videoUri),
    expiresAt: formatDateTime(expiresAt),
    expired: now.getTime() >= expiresAt.getTime(),
    stored: fetch?.storagePath ? { url: `/files/${item.id}/video`, contentType: fetch.contentType, size: fetch.fileSize } : null,
    fetch: fetch
      ? {
          state: running ? ("fetching" as const) : fetch.state,
          attempts: fetch.attempts,
          nextAttemptAt: formatDateTime(fetch.nextAttemptAt),
          fetchedAt: fetch.fetchedAt ? formatDateTime(fetch.fetchedAt) : null,
          error: fetch.lastError,
        }
      : null,
  };
}

export type VideoView = ReturnType<typeof videoView>;

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
