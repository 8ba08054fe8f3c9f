import { checkHealth } from "@/lib/server/health";

export const dynamic = "force-dynamic";

// GET /api/health - database and storage reachability, for start scripts, monitors and load
// balancers: 200 when both answer, 503 otherwise (and while the instance drains: lib/server/drain).
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
