import { config } from "@/lib/config";
import { blockedForMs, claimAttempt, clearAttempts, refundAttempt, type ThrottleRule } from "./throttle";

// Who may have their password checked, and how often (issue 12). Three counters, claimed in
// this order before the compare (lib/auth/throttle.ts):
// - one address on one account: 5 tries, then blocks doubling from 30 s. A stranger who
//   fails on someone's account blocks only their own address: the owner signs in from theirs;
// - one address on any account: one address cannot try a password on every account;
// - the whole portal: a ceiling on checks per window, however many addresses guess.
// Unknown emails are counted exactly like real ones, so the answers tell nothing.

const MINUTE = 60_000;
const PAIR: ThrottleRule = { free: 5, windowMs: 15 * MINUTE, baseBlockMs: 30_000, maxBlockMs: 15 * MINUTE };
const addressRule = (): ThrottleRule => ({
  free: config().signIn.addressLimit,
  windowMs: 15 * MINUTE,
  baseBlockMs: 15 * MINUTE,
  maxBlockMs: 15 * MINUTE,
});
const portalRule = (): ThrottleRule => ({
  free: config().signIn.portalLimit,
  windowMs: 15 * MINUTE,
  baseBlockMs: 5 * MINUTE,
  maxBlockMs: 5 * MINUTE,
});

const normalized = (email: string) => email.trim().toLowerCase().slice(0, 320);
const keysOf = (address: string, email: string) => ({
  pair: `signin:pair:${address}|${normalized(email)}`,
  address: `signin:address:${address}`,
  portal: "signin:portal",
});

export type SignInClaim = { ok: true } | { ok: false; retryAfterMs: number };

/** Counts a sign-in attempt before its password is checked; refused while any counter is blocked. */
export async function claimSignIn(address: string, email: string): Promise<SignInClaim> {
  const keys = keysOf(address, email);
  const claimed =
    (await claimAttempt(keys.pair, PAIR)) &&
    (await claimAttempt(keys.address, addressRule())) &&
    (await claimAttempt(keys.portal, portalRule()));
  if (claimed) return { ok: true };
  // At least a second: a block that ends as we read it still answers "try again in 1 second".
  return { ok: false, retryAfterMs: Math.max(1000, await blockedForMs(Object.values(keys))) };
}

/** A right password: its own counter starts over, and it does not count against the address or the portal. */
export async function settleSignIn(address: string, email: string): Promise<void> {
  const keys = keysOf(address, email);
  await clearAttempts(keys.pair);
  await refundAttempt(keys.address);
  await refundAttempt(keys.portal);
}
