import { thumbSizeSchema, thumbnailFor } from "@/lib/work-items/thumbnails";
import { jsonError, refuseAnonymous, streamResponse } from "@/lib/http/responses";

type Context = { params: Promise<{ itemId: string }> };

/** A work item's preview: ?size=small (400 px, default) or large (1600 px, the lightbox). */
export async function GET(request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const size = thumbSizeSchema.safeParse(new URL(request.url).searchParams.get("size") ?? undefined);
  if (!size.success) return jsonError(400, 'size must be "small" or "large".');
  const thumb = await thumbnailFor((await params).itemId, size.data);
  if (!thumb) return jsonError(404, "No such file.");
  return streamResponse(thumb.body, {
    contentType: thumb.contentType,
    // A thumbnail never changes for an item; a placeholder may become a real one later.
    cache: thumb.placeholder ? "private, max-age=300" : "private, max-age=86400, immutable",
    extra: { "x-thumbnail": thumb.placeholder ? "placeholder" : "image" },
  });
}
