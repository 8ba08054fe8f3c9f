import { db } from "@/lib/db";

export const dynamic = "force-dynamic";

// GET /api/health - liveness and database reachability, for start scripts and monitors
export async function GET() {
  try {
    await db().user.count();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: "database unavailable" }, { status: 503 });
  }
}
