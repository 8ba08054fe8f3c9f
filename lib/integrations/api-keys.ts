import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// API keys we issue for Pruvan's integration setup. Pruvan sends the key back on every
// call twice: plaintext in `token` and as sha1 hex in `password` (pruvan-api-v2
// "Authentication"). We keep only verifiers of both forms.
//
// Fast hashes (SHA-256) are right here, not bcrypt/scrypt: a key is 32 random bytes, so
// there is nothing to brute-force that a slow hash would protect, and uploads arrive in
// bursts of hundreds of calls where a slow hash per call would be the bottleneck.

const KEY_BYTES = 32;
export const KEY_PREFIX_LENGTH = 8; // "pk_" + 5 characters, shown to staff to tell keys apart

export type IssuedKey = { key: string; prefix: string; tokenHash: string; passwordVerifier: string };

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
export const sha1Hex = (text: string) => createHash("sha1").update(text, "utf8").digest("hex");

/** A new key and its stored verifiers; the key itself is shown once and never stored. */
export function issueKey(): IssuedKey {
  const key = `pk_${randomBytes(KEY_BYTES).toString("base64url")}`;
  return { key, prefix: key.slice(0, KEY_PREFIX_LENGTH), tokenHash: tokenVerifier(key), passwordVerifier: passwordVerifier(sha1Hex(key)) };
}

/** What we store for the plaintext key (Pruvan's `token`). */
export function tokenVerifier(token: string): string {
  return sha256Hex(token);
}

/** What we store for sha1(key) (Pruvan's `password`); hex case does not matter. */
export function passwordVerifier(sha1: string): string {
  return sha256Hex(sha1.trim().toLowerCase());
}

/** Constant-time comparison of two hex digests of the same length. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
