import { randomInt, randomUUID } from "node:crypto";
import { sha1Hex } from "@/lib/integrations/api-keys";
import type { PruvanEndpoint } from "../api-wire";
import type { WireWorkOrder } from "../work-order-wire";

// How Pruvan calls an external system (pruvan-api-v2 "URL format", "Authentication"):
// POST {url}/{name}{ext}, multipart/form-data, the JSON in field `payload`, the file in
// field `file`; the password as sha1 hex in `password` and plaintext in `token`.

export type PruvanTarget = { url: string; ext: string; username: string; token: string };
export type Upload = { bytes: Buffer; fileName: string; contentType: string };
export type PruvanReply = { status: number; contentType: string; text: string; json: unknown; ms: number };

const TIMEOUT_MS = 60_000;

export function endpointUrl(target: PruvanTarget, endpoint: PruvanEndpoint): string {
  const ext = target.ext === "" || target.ext.startsWith(".") ? target.ext : `.${target.ext}`;
  return `${target.url.replace(/\/+$/, "")}/${endpoint}${ext}`;
}

/** The credentials exactly as Pruvan sends them; `only` drops one form to test the other. */
export function credentials(target: PruvanTarget, only?: "password"): Record<string, string> {
  const creds: Record<string, string> = { username: target.username, password: sha1Hex(target.token) };
  if (only !== "password") creds.token = target.token;
  return creds;
}

export async function callPruvan(target: PruvanTarget, endpoint: PruvanEndpoint, payload: object, file?: Upload): Promise<PruvanReply> {
  const form = new FormData();
  form.append("payload", JSON.stringify(payload));
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
  const started = performance.now();
  const res = await fetch(endpointUrl(target, endpoint), { method: "POST", body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get("content-type") ?? "",
    text,
    json: jsonOrUndefined(text),
    ms: Math.round(performance.now() - started),
  };
}

export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The uploadPictures metadata Pruvan sends, with the doc's field names and string values
 * (pruvan-api-v2 "Available uploadPictures Object Fields"); callers override what differs
 * per item (GPS, times, notes, who took it).
 */
export function itemMetadata(username: string, creds: Record<string, string>, key2: string, order: Partial<WireWorkOrder> | undefined) {
  const projectId = String(randomInt(1e8));
  return (fileType: string, fileExt: string, evidenceType: string) => {
    const now = new Date();
    return {
      ...creds,
      uuId: randomUUID(),
      parentUuid: projectId,
      key1: projectId,
      key2,
      key3: `task-${projectId}`,
      key4: order?.services?.[0]?.serviceName ?? "Task",
      fileType,
      fileExt,
      evidenceType,
      fileName: String(now.getTime()),
      attribute1: order?.address1 ?? "",
      attribute2: order?.address2 ?? "",
      attribute3: order?.city ?? "",
      attribute4: order?.state ?? "",
      attribute5: order?.zip ?? "",
      attribute6: order?.country ?? "",
      notes: null,
      authenticated: "1",
      csrCertifiedLocation: "1",
      csrCertifiedTime: "1",
      csrLocationSource: "mobile",
      csrPictureCount: "1",
      csrTimeStampSource: "mobile",
      locationDifference: "24",
      gpsAccuracy: "10.0",
      gpsLatitude: "30.50881246",
      gpsLongitude: "-97.67852886",
      gpsTimestamp: String(Math.floor(now.getTime() / 1000)),
      creationDate: now.toISOString().slice(0, 19).replace("T", " "),
      uploaderVersion: "mobile 3.12.4",
      workDay: now.toISOString().slice(0, 10),
      createdBy: username,
      createdBySubUser: "pruvan-check",
      batchId: `check-${projectId}`,
      videoUri: null,
      timestamp: Math.floor(now.getTime() / 1000),
    };
  };
}
