import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";

// Attempt counters shared by every instance (they live in the database). An attempt is
// CLAIMED in one atomic statement before the password or key is checked: the statement
// counts it and, when it is one too many, blocks the key in the same write, so a hundred
// parallel guesses get at most `free + 1` checks between them instead of a hundred.
//
// A rule allows `free` attempts per window; the next one is still checked but blocks the
// key for baseBlockMs, doubling with each block in the window up to maxBlockMs.

export type ThrottleRule = { free: number; windowMs: number; baseBlockMs: number; maxBlockMs: number };

/** The longest window of any rule: a row older than that and not blocked counts for nothing. */
export const LONGEST_WINDOW_MS = 60 * 60_000;

const T = Prisma.raw(`"SignInThrottle"`);

/** A parameter typed BIGINT: PostgreSQL reads an untyped one in a CASE of parameters only as text. */
const bigintSql = (n: bigint) => Prisma.sql`CAST(${n} AS BIGINT)`;

/** blockedUntil for a row that has been blocked `blocks` times in its window (SQL, both databases). */
function blockEndSql(rule: ThrottleRule, now: bigint): Prisma.Sql {
  const steps: Prisma.Sql[] = [];
  for (let n = 0, ms = rule.baseBlockMs; ms < rule.maxBlockMs && n < 30; n++, ms *= 2)
    steps.push(Prisma.sql`WHEN ${n} THEN ${bigintSql(now + BigInt(ms))}`);
  const last = bigintSql(now + BigInt(rule.maxBlockMs));
  return steps.length ? Prisma.sql`CASE ${T}."blocks" ${Prisma.join(steps, " ")} ELSE ${last} END` : last;
}

/**
 * Claims one attempt under `key`: true when it may go on to the check, false when the key
 * is blocked (nothing is counted then). One INSERT ... ON CONFLICT DO UPDATE: atomic on
 * SQLite and PostgreSQL alike, whichever instance runs it.
 */
export async function claimAttempt(key: string, rule: ThrottleRule, now = Date.now()): Promise<boolean> {
  const at = BigInt(now);
  const cut = at - BigInt(rule.windowMs);
  const expired = Prisma.sql`${T}."windowStartMs" <= ${cut}`;
  const over = Prisma.sql`${T}."attempts" + 1 > ${rule.free}`;
  const rows = await db().$queryRaw<Array<{ attempts: unknown }>>`
    INSERT INTO ${T} ("key", "attempts", "windowStartMs", "blockedUntilMs", "blocks") VALUES (${key}, 1, ${at}, 0, 0)
    ON CONFLICT ("key") DO UPDATE SET
      "attempts" = CASE WHEN ${expired} THEN 1 WHEN ${over} THEN ${rule.free} ELSE ${T}."attempts" + 1 END,
      "blockedUntilMs" = CASE WHEN ${expired} THEN 0 WHEN ${over} THEN ${blockEndSql(rule, at)} ELSE ${T}."blockedUntilMs" END,
      "blocks" = CASE WHEN ${expired} THEN 0 WHEN ${over} THEN ${T}."blocks" + 1 ELSE ${T}."blocks" END,
      "windowStartMs" = CASE WHEN ${expired} THEN ${at} ELSE ${T}."windowStartMs" END
    WHERE ${T}."blockedUntilMs" <= ${at}
    RETURNING "attempts"`;
  return rows.length === 1;
}

/** Gives back an attempt that turned out well (a right password), so only failures add up. */
export async function refundAttempt(key: string): Promise<void> {
  await db().$executeRaw`UPDATE ${T} SET "attempts" = "attempts" - 1 WHERE "key" = ${key} AND "attempts" > 0`;
}

/** Forgets a key altogether (a right password clears its own address-and-account counter). */
export async function clearAttempts(key: string): Promise<void> {
  await db().$executeRaw`DELETE FROM ${T} WHERE "key" = ${key}`;
}

/** Milliseconds until the last of these keys is no longer blocked (0: none is). */
export async function blockedForMs(keys: string[], now = Date.now()): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db().$queryRaw<Array<{ until: unknown }>>`
    SELECT MAX("blockedUntilMs") AS "until" FROM ${T} WHERE "key" IN (${Prisma.join(keys)})`;
  return Math.max(0, Number(rows[0]?.until ?? 0) - now);
}

/**
 * Deletes rows that count for nothing any more: their window is over and no block is on.
 * Guesses at unknown emails each leave a row; this is what keeps them from piling up.
 */
export async function pruneAttempts(now = Date.now()): Promise<number> {
  const at = BigInt(now);
  return db().$executeRaw`DELETE FROM ${T} WHERE "windowStartMs" <= ${at - BigInt(LONGEST_WINDOW_MS)} AND "blockedUntilMs" <= ${at}`;
}
