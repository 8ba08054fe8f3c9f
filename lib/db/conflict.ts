// Transactions that PostgreSQL aborts to break a deadlock (40P01) or a serialization
// conflict (40001) did nothing: running them again is the documented remedy ("applications
// using this level must be prepared to retry transactions due to serialization failures",
// PostgreSQL manual 13.2; a deadlock's victim likewise). Found by the property test on
// PostgreSQL: a getWorkOrders answer's bookkeeping and a push answer's, writing the copies of
// one order in opposite order, each held a row the other needed. SQLite has one writer and
// never reports these.

/** PostgreSQL's codes: deadlock, serialization failure. */
const DATABASE_CODES = ["40P01", "40001"];
/** With Prisma's own for the same (P2034, "write conflict or a deadlock"). */
const CONFLICT_CODES = new Set([...DATABASE_CODES, "P2034"]);
const CODE_IN_MESSAGE = new RegExp(`Code: \`(${DATABASE_CODES.join("|")})\``);

/** Whether `err` is a conflict the database resolved by aborting our transaction. */
function isTransactionConflict(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const { code, meta, cause, message } = err as {
    code?: unknown;
    meta?: { code?: unknown };
    cause?: { code?: unknown };
    message?: unknown;
  };
  // A model method's failure inside an interactive transaction is the driver adapter's error,
  // with the database's code in its cause (found by tests/db/conflict.test.ts).
  if ([code, meta?.code, cause?.code].some((c) => CONFLICT_CODES.has(String(c)))) return true;
  // A raw statement's failure (P2010) names the database's code only in its message.
  return typeof message === "string" && CODE_IN_MESSAGE.test(message);
}

/** Runs `transaction` again (up to `attempts` times in all) when the database aborted it for a conflict. */
export async function retryOnConflict<T>(transaction: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (err) {
      if (attempt >= attempts || !isTransactionConflict(err)) throw err;
      // A little jitter, so that the two do not meet again at once.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
