import { Readable } from "node:stream";
import { currentUser } from "@/lib/auth/session";
import type { ByteRange } from "@/lib/storage";
import { attachmentHeader } from "./download-names";

// Answers of the staff download routes (originals, thumbnails, ZIPs, reports, exports). They are fetched by
// <img> tags and download links, so refusals are JSON with a status, not sign-in redirects.

export function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

/** 401 unless a staff member is signed in; null when they are. */
export async function refuseAnonymous(message = "Sign in to see work results."): Promise<Response | null> {
  return (await currentUser()) ? null : jsonError(401, message);
}

type StreamOptions = { contentType: string; download?: string; cache?: string; extra?: Record<string, string>; status?: number };

/** A file streamed from storage as the response body (never buffered whole). */
export function streamResponse(
  body: Readable,
  { contentType, download, cache = "private, no-cache", extra = {}, status = 200 }: StreamOptions,
): Response {
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-content-type-options": "nosniff",
    "cache-control": cache,
    ...extra,
  };
  if (download) headers["content-disposition"] = attachmentHeader(download);
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status, headers });
}

/** fileName: sent as an attachment under that name; null: shown in the page (a video the gallery plays). */
type OpenedFile = {
  body: Readable | null;
  size: number;
  range: ByteRange | "unsatisfiable" | null;
  contentType: string;
  fileName: string | null;
};

/** A stored original: whole (200), the range asked for (206), or 416 for a range past its end. */
export function fileResponse(file: OpenedFile): Response {
  const { body, size, range } = file;
  if (range === "unsatisfiable" || !body) {
    return new Response(null, { status: 416, headers: { "content-range": `bytes */${size}`, "cache-control": "no-store" } });
  }
  const length = range ? range.end - range.start + 1 : size;
  const extra: Record<string, string> = { "accept-ranges": "bytes", "content-length": String(length) };
  if (range) extra["content-range"] = `bytes ${range.start}-${range.end}/${size}`;
  return streamResponse(body, { contentType: file.contentType, download: file.fileName ?? undefined, extra, status: range ? 206 : 200 });
}
