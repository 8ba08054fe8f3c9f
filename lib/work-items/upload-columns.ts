import { CREDENTIAL_FIELDS, PAYLOAD_MAX_DEPTH, type UploadMetadata } from "@/lib/pruvan/api-wire";
import { parsePruvanDate } from "@/lib/pruvan/dates";
import { nestsDeeperThan, wellFormed } from "@/lib/json";

// uploadPictures metadata -> WorkItem columns (pruvan-api-v2 "Available uploadPictures
// Object Fields"). Pruvan sends numbers as strings and sometimes sends "" or null; a value
// that does not read as its type is stored as null here and stays, as sent, in `payload`.

const float = (v: string | null | undefined) => {
  if (v == null || v.trim() === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};
const int = (v: string | null | undefined) => (v != null && /^\s*-?\d{1,9}\s*$/.test(v) ? Number(v) : null);
const date = (v: string | null | undefined) => (v == null || v.trim() === "" ? null : parsePruvanDate(v));
const text = (v: string | null | undefined) => (v == null || v === "" ? null : v);

/** "checkin", "Check-In" -> "check-in": the file types the work-results views know. */
export function normalizeFileType(fileType: string): string {
  const t = fileType.trim().toLowerCase();
  return t === "checkin" || t === "check_in" ? "check-in" : t;
}

export function workItemColumns(m: UploadMetadata) {
  const attributes: Record<string, string> = {};
  for (let i = 1; i <= 30; i++) {
    const value = m[`attribute${i}` as keyof UploadMetadata];
    if (typeof value === "string" && value !== "") attributes[`attribute${i}`] = value;
  }
  return {
    fileType: normalizeFileType(m.fileType),
    evidenceType: text(m.evidenceType),
    pictureId: text(m.pictureId),
    parentUuid: text(m.parentUuid),
    key1: text(m.key1),
    key2: text(m.key2),
    key3: text(m.key3),
    key4: text(m.key4),
    fileName: text(m.fileName),
    fileExt: text(m.fileExt),
    notes: text(m.notes),
    gpsAccuracy: float(m.gpsAccuracy),
    gpsLatitude: float(m.gpsLatitude),
    gpsLongitude: float(m.gpsLongitude),
    gpsTimestamp: date(m.gpsTimestamp),
    authenticated: int(m.authenticated),
    csrCertifiedTime: int(m.csrCertifiedTime),
    csrCertifiedLocation: int(m.csrCertifiedLocation),
    csrPictureCount: int(m.csrPictureCount),
    csrLocationSource: text(m.csrLocationSource),
    csrTimeStampSource: text(m.csrTimeStampSource),
    locationDifference: float(m.locationDifference),
    template: text(m.template),
    videoUri: text(m.videoUri),
    deviceId: text(m.deviceId),
    phoneNumber: text(m.phoneNumber),
    itemStatus: text(m.status),
    uploaderVersion: text(m.uploaderVersion),
    batchId: text(m.batchId),
    workDay: text(m.workDay),
    sentAt: date(m.timestamp),
    clientCode: text(m.clientCode),
    createdBy: text(m.createdBy),
    createdBySubUser: text(m.createdBySubUser),
    lastUpdatedBy: text(m.lastUpdatedBy),
    creationDate: text(m.creationDate),
    attributes: Object.keys(attributes).length ? attributes : undefined,
  };
}

/** The whole metadata as sent, minus the credentials (never stored). */
export function storedPayload(payload: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...payload };
  for (const field of CREDENTIAL_FIELDS) delete copy[field];
  return copy;
}

/** The survey answers (a JSON string or object) as an object; null when unreadable. */
export function jsonObjectOf(value: unknown): Record<string, unknown> | null {
  let parsed = value;
  if (typeof value === "string") {
    if (nestsDeeperThan(value, PAYLOAD_MAX_DEPTH)) return null;
    try {
      parsed = wellFormed(JSON.parse(value));
    } catch {
      return null;
    }
  }
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}

/** survey.meta.surveyId: a republished survey keeps it, so it links the submissions. */
export function surveyIdOf(survey: Record<string, unknown> | null): string | null {
  const meta = survey?.meta;
  const id = meta && typeof meta === "object" ? (meta as Record<string, unknown>).surveyId : undefined;
  return typeof id === "string" || typeof id === "number" ? String(id).slice(0, 200) : null;
}
