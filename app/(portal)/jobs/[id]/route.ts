import { loadJobView } from "@/lib/jobs/queue";
import { jsonError, refuseAnonymous } from "@/lib/http/responses";

// GET /jobs/{id} - a background job's progress and result (an import, a bulk change), as
// the page that started it polls it.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const refused = await refuseAnonymous("Sign in to follow a job.");
  if (refused) return refused;
  const job = await loadJobView((await params).id);
  if (!job) return jsonError(404, "No such job.");
  return Response.json(job, { headers: { "cache-control": "no-store" } });
}
