import { openItemVideo } from "@/lib/work-items/queries";
import { fileResponse, jsonError, refuseAnonymous } from "@/lib/http/responses";

type Context = { params: Promise<{ itemId: string }> };

/** The video fetched from an item's videoUri, for the gallery's player (byte ranges, so it can seek). */
export async function GET(request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const video = await openItemVideo((await params).itemId, request.headers.get("range"));
  if (!video) return jsonError(404, "No stored video for this item.");
  return fileResponse(video);
}
