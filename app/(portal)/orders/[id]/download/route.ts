import { orderArchive } from "@/lib/work-items/zip";
import { jsonError, refuseAnonymous, streamResponse } from "@/lib/http/responses";

type Context = { params: Promise<{ id: string }> };

/** "Download all": the order's work results as one ZIP, streamed. */
export async function GET(_request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const zip = await orderArchive((await params).id);
  if (!zip) return jsonError(404, "No such work order.");
  return streamResponse(zip.stream, { contentType: "application/zip", download: zip.fileName, cache: "private, no-store" });
}
