// Retries of calls to other systems (push keys, video links) wait longer each time.

export const MAX_RETRY_DELAY_MS = 4 * 3600_000;

/** Exponential backoff with jitter: attempt 1 waits baseMs (+ up to 25%), doubling, capped. */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.min(MAX_RETRY_DELAY_MS, Math.round(exponential * (1 + random() / 4)));
}
