import { blockedForMs, claimAttempt, type ThrottleRule } from "@/lib/auth/throttle";
import { config } from "@/lib/config";

// Failed Pruvan logins per address (issue 12): an address whose calls keep failing to
// authenticate is answered 429 before a byte of its body is read, for a while. Keys are
// long random values, so this does not guard them; it stops a stranger from making us
// read, stage and log request after request. Only failures count: Pruvan's own servers,
// calling with the right key, are never held up by their successes.

const failures = (): ThrottleRule => ({
  free: config().pruvanLoginFailures,
  windowMs: 15 * 60_000,
  baseBlockMs: 15 * 60_000,
  maxBlockMs: 15 * 60_000,
});
const keyOf = (address: string) => `pruvan:address:${address}`;

/** Milliseconds this address must still wait, or 0. */
export function pruvanLoginBlockedForMs(address: string): Promise<number> {
  return blockedForMs([keyOf(address)]);
}

/** Counts a refused login (wrong key, unknown or disabled integration). */
export async function recordPruvanLoginFailure(address: string): Promise<void> {
  await claimAttempt(keyOf(address), failures());
}
