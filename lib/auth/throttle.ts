import { db } from "@/lib/db";

// Sign-in throttling per normalized email, whether or not the account exists, so that
// an unknown user and a wrong password look the same from outside.
const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const BASE_BLOCK_MS = 30_000;
const MAX_BLOCK_MS = 15 * 60_000;

export const throttleKey = (email: string) => `signin:${email.trim().toLowerCase()}`;

/** Milliseconds the caller must still wait, or 0. */
export async function signInRetryAfterMs(email: string, now = new Date()): Promise<number> {
  const row = await db().signInThrottle.findUnique({ where: { key: throttleKey(email) } });
  if (!row?.blockedUntil) return 0;
  return Math.max(0, row.blockedUntil.getTime() - now.getTime());
}

/** Counts a failure; from the sixth in a window on, blocks for a doubling time. */
export async function recordSignInFailure(email: string, now = new Date()): Promise<void> {
  const key = throttleKey(email);
  const row = await db().signInThrottle.findUnique({ where: { key } });
  const fresh = !row || now.getTime() - row.firstFailureAt.getTime() > WINDOW_MS;
  const failures = fresh ? 1 : row.failures + 1;
  const over = failures - FREE_FAILURES;
  const blockedUntil =
    over > 0 ? new Date(now.getTime() + Math.min(MAX_BLOCK_MS, BASE_BLOCK_MS * 2 ** (over - 1))) : null;
  await db().signInThrottle.upsert({
    where: { key },
    create: { key, failures, firstFailureAt: now, blockedUntil },
    update: { failures, blockedUntil, ...(fresh ? { firstFailureAt: now } : {}) },
  });
}

export async function clearSignInFailures(email: string): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key: throttleKey(email) } });
}
