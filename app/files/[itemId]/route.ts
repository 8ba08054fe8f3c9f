import { fileVersionSchema, openItemFile } from "@/lib/work-items/queries";
import { jsonError, refuseAnonymous, streamResponse } from "@/lib/work-items/responses";

type Context = { params: Promise<{ itemId: string }> };

/** The original file of a work item (?version=N: of an earlier version of it), as an attachment. */
export async function GET(request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const version = fileVersionSchema.parse(new URL(request.url).searchParams.get("version") ?? undefined);
  const file = await openItemFile((await params).itemId, version);
  if (!file) return jsonError(404, "No such file.");
  return streamResponse(file.body, { contentType: file.contentType, download: file.fileName });
}
