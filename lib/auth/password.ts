import bcrypt from "bcryptjs";
import { z } from "zod";

const COST = 11;

// bcrypt reads at most 72 bytes: anything past them would be silently ignored, so that a
// longer password and its first 72 bytes would both sign in. Refuse longer ones instead.
export const BCRYPT_MAX_BYTES = 72;
const fitsBcrypt = (plain: string) => Buffer.byteLength(plain, "utf8") <= BCRYPT_MAX_BYTES;

export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .refine(fitsBcrypt, `must be at most ${BCRYPT_MAX_BYTES} bytes (about ${BCRYPT_MAX_BYTES} letters, fewer with accents or symbols)`);

/** What a sign-in may send: never more than bcrypt reads (a longer one cannot be any account's). */
export const signInPasswordSchema = z.string().min(1).refine(fitsBcrypt);

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

// Compared against when the account does not exist, so an unknown email costs the same time.
const UNKNOWN_USER_HASH = bcrypt.hashSync("no such user: constant-time filler", COST);

/** bcrypt compare (constant time in the hash); with no hash it still does the work. */
export async function verifyPassword(plain: string, hash: string | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(plain, hash ?? UNKNOWN_USER_HASH);
  return ok && hash !== undefined;
}
