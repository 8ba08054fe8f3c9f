import { Readable } from "node:stream";
import { currentUser } from "@/lib/auth/session";
import { attachmentHeader } from "./file-names";

// Answers of the staff file routes (originals, thumbnails, ZIPs). These are fetched by
// <img> tags and download links, so refusals are JSON with a status, not sign-in redirects.

export function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store" } });
}

/** 401 unless a staff member is signed in; null when they are. */
export async function refuseAnonymous(message = "Sign in to see work results."): Promise<Response | null> {
  return (await currentUser()) ? null : jsonError(401, message);
}

type StreamOptions = { contentType: string; download?: string; cache?: string; extra?: Record<string, string> };

/** A file streamed from storage as the response body (never buffered whole). */
export function streamResponse(body: Readable, { contentType, download, cache = "private, no-cache", extra = {} }: StreamOptions): Response {
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-content-type-options": "nosniff",
    "cache-control": cache,
    ...extra,
  };
  if (download) headers["content-disposition"] = attachmentHeader(download);
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { headers });
}
