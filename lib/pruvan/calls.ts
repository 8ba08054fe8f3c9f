import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { insertPruvanCall } from "@/lib/db/sql/pruvan-calls";

// Every call Pruvan makes to us, so staff can see what Pruvan did and when. Never the
// key, token or password: only who (username), what, how it ended and how long it took.

export type CallOutcome = "ok" | "refused" | "invalid" | "error";

export type CallRecord = {
  endpoint: string;
  integrationId?: string | null;
  username?: unknown;
  outcome: CallOutcome;
  httpStatus: number;
  durationMs: number;
  itemCount?: number | null;
  message?: string | null;
};

export async function recordPruvanCall(call: CallRecord): Promise<void> {
  try {
    await insertPruvanCall(db(), {
      endpoint: call.endpoint.slice(0, 60),
      integrationId: call.integrationId ?? null,
      username: typeof call.username === "string" ? call.username.slice(0, 100) : null,
      outcome: call.outcome,
      httpStatus: call.httpStatus,
      durationMs: Math.round(call.durationMs),
      itemCount: call.itemCount ?? null,
      message: call.message?.slice(0, 500) ?? null,
    });
  } catch (err) {
    // The answer to Pruvan matters more than its log line.
    console.error(JSON.stringify({ pruvanCall: "not recorded", endpoint: call.endpoint, error: (err as Error).message.slice(0, 200) }));
  }
}

/** The latest calls Pruvan made as one integration, newest first (the integration page's log). */
export function listPruvanCalls(integrationId: string, take = 50) {
  return db().pruvanCall.findMany({
    where: { integrationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      endpoint: true,
      outcome: true,
      httpStatus: true,
      durationMs: true,
      itemCount: true,
      message: true,
      createdAt: true,
    },
  });
}
export type PruvanCallRow = Awaited<ReturnType<typeof listPruvanCalls>>[number];

/** Forgets calls older than CALL_LOG_DAYS: every request (refused ones too) writes a row. */
export async function pruneCallLog(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - config().callLogDays * 24 * 3600_000);
  return (await db().pruvanCall.deleteMany({ where: { createdAt: { lt: before } } })).count;
}
