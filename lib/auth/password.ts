import bcrypt from "bcryptjs";
import { z } from "zod";

const COST = 11;

export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");

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
