import type { AppConfig } from "@/lib/config";
import { db } from "@/lib/db";

type PushSettings = AppConfig["push"];

/** Long enough for a call that times out, twice, plus the writes around it. */
const leaseMs = (push: PushSettings) => 2 * push.timeoutMs + 5_000;
const expiry = (push: PushSettings) => new Date(Date.now() + leaseMs(push) + Math.floor(Math.random() * 1000));

/**
 * An instance's hold on one integration's deliveries (Integration.pushLeaseUntil), so that one
 * call at a time goes out per integration across instances (docs/several-machines.md). It is
 * renewed in the background while held: a batch slowed by a loaded machine (queries, a call
 * near its timeout) keeps its lease as long as its process lives, and another instance takes
 * over only from one that stopped or stalled. Renewals and `fenced` steps run one at a time.
 */
export class PushLease {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;

  private constructor(
    private readonly integrationId: string,
    private until: Date,
    private readonly push: PushSettings,
  ) {
    this.heartbeat = setInterval(() => void this.renew(), Math.max(1_000, leaseMs(push) / 4));
    this.heartbeat.unref();
  }

  /** The lease when no live instance holds it (free, or run out), else null. */
  static async acquire(integrationId: string, push: PushSettings): Promise<PushLease | null> {
    const now = new Date();
    const until = expiry(push);
    const { count } = await db().integration.updateMany({
      where: { id: integrationId, OR: [{ pushLeaseUntil: null }, { pushLeaseUntil: { lt: now } }] },
      data: { pushLeaseUntil: until },
    });
    return count === 1 ? new PushLease(integrationId, until, push) : null;
  }

  /** Extends the lease; false once it is lost (it ran out and another instance took it). */
  renew(): Promise<boolean> {
    return this.fenced(async (until) => {
      const next = expiry(this.push);
      const { count } = await db().integration.updateMany({
        where: { id: this.integrationId, pushLeaseUntil: until },
        data: { pushLeaseUntil: next },
      });
      if (count === 1) this.until = next;
      return count === 1;
    });
  }

  /** Runs `step` with the lease's current expiry while no renewal changes it. */
  fenced<T>(step: (until: Date) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => step(this.until));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops renewing and frees the lease for the next delivery, here or on another instance. */
  async release(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.fenced((until) =>
      db().integration.updateMany({ where: { id: this.integrationId, pushLeaseUntil: until }, data: { pushLeaseUntil: null } }),
    );
  }
}
