import { startStorageSweep } from "@/lib/work-items/file-sweep";

/**
 * Work that runs beside the web server in the same process. Each part registers here
 * and returns a stop function (the push worker joins when it exists).
 */
export function startBackgroundWork(): () => void {
  const stops: Array<() => void> = [];
  stops.push(startStorageSweep());
  return () => stops.forEach((stop) => stop());
}
