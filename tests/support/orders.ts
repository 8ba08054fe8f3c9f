import { db, type IntegrationMode } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import type { OrderActor } from "@/lib/orders/manage";
import { freshDataDir } from "./server";

// Domain-level tests: this process's db() on a fresh, migrated SQLite file of its own.

/** Points this process at a new data folder and migrates it. Call before anything reads config(). */
export async function useFreshDatabase(env: Record<string, string> = {}): Promise<string> {
  const dir = freshDataDir("orders");
  Object.assign(process.env, { DATA_DIR: dir, ...env });
  delete process.env.DATABASE_URL;
  await migrateDatabase();
  return dir;
}

let seq = 0;

/**
 * An integration as the validate endpoint leaves it: its push key stored. (The endpoint is
 * built apart; tests write the key straight into the database.)
 */
export async function makeIntegration(
  opts: { mode?: IntegrationMode; autoAdmin?: boolean; pushKeyUrl?: string | null; username?: string } = {},
) {
  seq += 1;
  const username = opts.username ?? `acct${seq}-${Math.random().toString(36).slice(2, 7)}`;
  return db().integration.create({
    data: {
      username,
      name: `${username} account`,
      clientCode: username.toUpperCase(),
      mode: opts.mode ?? "external",
      autoAdmin: opts.autoAdmin ?? false,
      pushKeyUrl: opts.pushKeyUrl ?? null,
      pushKeyAt: opts.pushKeyUrl ? new Date() : null,
    },
  });
}

export const staffActor: OrderActor = { source: "portal", actor: "clerk@example.com", role: "staff" };
export const adminActor: OrderActor = { source: "portal", actor: "boss@example.com", role: "admin" };

let orderSeq = 0;
/** The doc's minimal order ("Simple"), with a unique number. */
export function simpleOrder(integrationId: string, extra: Record<string, unknown> = {}) {
  orderSeq += 1;
  return {
    integrationId,
    workOrderNumber: `WO-${Date.now().toString(36)}-${orderSeq}`,
    address1: "110 East Main Street",
    city: "Round Rock",
    state: "TX",
    zip: "78664",
    services: [{ serviceName: "Task" }],
    ...extra,
  };
}
