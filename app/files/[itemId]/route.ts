import { openItemFile } from "@/lib/work-items/queries";
import { jsonError, refuseAnonymous, streamResponse } from "@/lib/work-items/responses";

type Context = { params: Promise<{ itemId: string }> };

/** The original file of a work item, as an attachment. */
export async function GET(_request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const file = await openItemFile((await params).itemId);
  if (!file) return jsonError(404, "No such file.");
  return streamResponse(file.body, { contentType: file.contentType, download: file.fileName });
}
