import { openItemFile } from "@/lib/work-items/queries";
import { fileResponse, jsonError, refuseAnonymous } from "@/lib/work-items/responses";

type Context = { params: Promise<{ itemId: string }> };

/** The original file of a work item, as an attachment; a Range header gets that part (video players seek). */
export async function GET(request: Request, { params }: Context) {
  const refused = await refuseAnonymous();
  if (refused) return refused;
  const file = await openItemFile((await params).itemId, request.headers.get("range"));
  if (!file) return jsonError(404, "No such file.");
  return fileResponse(file);
}
