import { fileVersionSchema, openItemFile } from "@/lib/work-items/queries";
import { fileResponse, jsonError, refuseAnonymous } from "@/lib/http/responses";

type Context = { params: Promise<{ itemId: string }> };

/**
 * The original file of a work item (?version=N: of an earlier version of a re-published
 * one), as an attachment; a Range header gets that part (video players seek).
 */
export async function GET(request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const version = fileVersionSchema.parse(new URL(request.url).searchParams.get("version") ?? undefined);
  const file = await openItemFile((await params).itemId, request.headers.get("range"), version);
  if (!file) return jsonError(404, "No such file.");
  return fileResponse(file);
}
