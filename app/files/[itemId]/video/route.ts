import { Readable } from "node:stream";
import { openItemVideo } from "@/lib/work-items/queries";
import { jsonError, refuseAnonymous } from "@/lib/work-items/responses";

type Context = { params: Promise<{ itemId: string }> };

/** The video fetched from an item's videoUri, for the gallery's player (byte ranges, so it can seek). */
export async function GET(request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const video = await openItemVideo((await params).itemId, request.headers.get("range"));
  if (!video) return jsonError(404, "No stored video for this item.");
  const headers: Record<string, string> = {
    "content-type": video.contentType,
    "x-content-type-options": "nosniff",
    "cache-control": "private, no-cache",
    "accept-ranges": video.ranges ? "bytes" : "none",
  };
  if (video.range === "unsatisfiable") return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${video.size}` } });
  const body = Readable.toWeb(video.body) as ReadableStream<Uint8Array>;
  if (!video.range) return new Response(body, { headers: { ...headers, "content-length": String(video.size) } });
  const { start, end } = video.range;
  return new Response(body, {
    status: 206,
    headers: { ...headers, "content-range": `bytes ${start}-${end}/${video.size}`, "content-length": String(end - start + 1) },
  });
}
