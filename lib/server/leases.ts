import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "@/lib/db";

// Background work that must run on one instance at a time when several portal instances
// share a database (the storage sweep: two sweeps of one bucket would race each other's
// listings). A lease is a row in the database, so it works the same on SQLite (one process
// anyway) and PostgreSQL: taken with one conditional write, renewed while the work runs,
// and free once `until` has passed, so a killed holder blocks nobody for long.

/** This process, as a lease holder: readable in the table, unique per start. */
export const LEASE_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === "P2002";

/** Takes the lease until now + ms when it is free or ours already; false when another holds it. */
export async function acquireLease(name: string, ms: number, holder = LEASE_HOLDER): Promise<boolean> {
  const now = new Date();
  const until = new Date(now.getTime() + ms);
  const { count } = await db().lease.updateMany({
    where: { name, OR: [{ until: { lt: now } }, { holder }] },
    data: { holder, until },
  });
  if (count === 1) return true;
  try {
    await db().lease.create({ data: { name, holder, until } });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false; // the row exists and another holds it
    throw err;
  }
}

/** Moves our lease's end (sooner, to let others run, or later, to keep it); false when it is not ours. */
export async function extendLease(name: string, until: Date, holder = LEASE_HOLDER): Promise<boolean> {
  const { count } = await db().lease.updateMany({ where: { name, holder }, data: { until } });
  return count === 1;
}

/** Frees every lease this process holds (shutdown): another instance takes over at once. */
export async function releaseLeases(holder = LEASE_HOLDER): Promise<number> {
  const { count } = await db().lease.updateMany({ where: { holder }, data: { until: new Date(0) } });
  return count;
}

/**
 * Runs `work` only when this process gets the lease `name` (a holder has its own lease
 * again, so one process keeps from running a task twice itself), renewing it every third of `ms`
 * while the work runs and freeing it after. Returns whether it ran: false while another
 * instance runs it (or, for at most `ms`, after its holder died mid-work).
 */
export async function runExclusive(name: string, ms: number, work: () => Promise<void>, holder = LEASE_HOLDER): Promise<boolean> {
  if (!(await acquireLease(name, ms, holder))) return false;
  const renew = setInterval(
    () => {
      extendLease(name, new Date(Date.now() + ms), holder).catch(() => undefined); // a lost renewal only lets another start sooner
    },
    Math.max(100, Math.floor(ms / 3)),
  );
  renew.unref();
  try {
    await work();
  } finally {
    clearInterval(renew);
    await extendLease(name, new Date(0), holder);
  }
  return true;
}
