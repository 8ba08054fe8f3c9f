import { pruneAttempts } from "@/lib/auth/throttle";
import { config } from "@/lib/config";
import { pruneCallLog } from "@/lib/pruvan/calls";

// Tables every stranger can add rows to, kept small: the call log (CALL_LOG_DAYS) and the
// throttle counters whose window is over (unknown emails each leave one). At start, then
// every PRUNE_INTERVAL_MS. Deleting what is old is the same work on any instance, so several
// instances may all run it.
export function startPruning(): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const calls = await pruneCallLog();
      const counters = await pruneAttempts();
      if (calls + counters > 0) console.log(JSON.stringify({ pruned: { calls, counters } }));
    } catch (err) {
      console.error(JSON.stringify({ prune: "failed", error: (err as Error).message.slice(0, 300) }));
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), config().pruneIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
