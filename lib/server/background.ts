import { config } from "@/lib/config";
import { startJobWorker } from "@/lib/jobs/worker";
import { startPushWorker } from "@/lib/push/worker";
import { startStorageSweep } from "@/lib/work-items/file-sweep";
import { startVideoFetcher } from "@/lib/work-items/video-fetch";
import { startPruning } from "./prune";

/**
 * Work that runs beside the web server in the same process. Each part registers here
 * and returns a stop function; stopping all settles once the work in progress has ended
 * (the push call in flight answered), for a graceful shutdown (lib/server/main.ts).
 */
export function startBackgroundWork(): () => Promise<void> {
  const stops: Array<() => void | Promise<void>> = [];
  stops.push(startStorageSweep());
  stops.push(startPruning());
  // Imports and bulk changes: every instance runs them (a lane runs one job at a time across instances).
  stops.push(startJobWorker());
  // PUSH_WORKER=off: another process (e.g. cron running `push:run`) delivers instead.
  if (config().push.worker) stops.push(startPushWorker());
  // VIDEO_FETCHER=off: another process fetches videos (the claims keep several from fetching one twice).
  if (config().video.worker) stops.push(startVideoFetcher());
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
