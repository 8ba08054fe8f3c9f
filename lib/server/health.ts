import { db } from "@/lib/db";
import { storage } from "@/lib/storage";

// What GET /api/health reports, for start scripts, monitors and load balancers: whether this
// instance reaches its database and its file storage (a folder or a bucket). A draining
// instance is answered in front of this by lib/server/drain.ts.

export type Health = { ok: boolean; database: "ok" | "unreachable"; storage: "ok" | "unreachable"; draining: false };

const PROBE_TIMEOUT_MS = 5_000;

async function reachable(probe: () => Promise<unknown>): Promise<"ok" | "unreachable"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), PROBE_TIMEOUT_MS)));
  try {
    await Promise.race([probe(), timeout]);
    return "ok";
  } catch {
    return "unreachable";
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(): Promise<Health> {
  const [database, files] = await Promise.all([reachable(() => db().$queryRaw`SELECT 1`), reachable(() => storage().probe())]);
  return { ok: database === "ok" && files === "ok", database, storage: files, draining: false };
}
