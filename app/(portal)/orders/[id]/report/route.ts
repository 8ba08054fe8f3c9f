import { z } from "zod";
import { currentUser } from "@/lib/auth/session";
import { propertyReport } from "@/lib/reports/property-report";
import { jsonError, streamResponse } from "@/lib/http/responses";

type Context = { params: Promise<{ id: string }> };

const querySchema = z.object({ photos: z.enum(["approved", "all"]).default("approved") });

// GET /orders/{id}/report[?photos=all] - the order's property report (PDF), streamed as it is drawn.
export async function GET(request: Request, { params }: Context) {
  const user = await currentUser();
  if (!user) return jsonError(401, "Sign in to download reports.");
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, 'photos must be "approved" (the default) or "all".');
  const report = await propertyReport((await params).id, { allPhotos: query.data.photos === "all", generatedBy: user.name ?? user.email });
  if (!report) return jsonError(404, "No such work order.");
  return streamResponse(report.stream, { contentType: "application/pdf", download: report.fileName, cache: "private, no-store" });
}
