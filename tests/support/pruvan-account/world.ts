import { writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { Office } from "../office";
import { eventually, startPushEndpoint, type PushEndpoint } from "../pruvan-push";
import { runCliAsync, startServer, type RunningServer } from "../server";
import { signedInStaffAndAdmin } from "../session";
// Aliased: the lint rule for React hooks reads any use* call as a hook.
import { useDataDir as readDatabaseOf } from "../work-item-fixtures";
import type { AccountSettings } from "./account";
import { AccountDriver } from "./driver";

export { nextSecond } from "./driver";

// One portal (the production server on a real SQLite file), one push-key endpoint, the
// office signed in, and model Pruvan accounts connected to it: what every sync test starts
// from. The test process reads the portal's database only to wait for the push worker and
// to look at what the portal stored (work items), never to change it.

export type SyncWorld = {
  portal: RunningServer;
  endpoint: PushEndpoint;
  office: Office;
  connect: (settings: AccountSettings & { username?: string; pushKey: boolean }) => Promise<AccountDriver>;
  /** Waits until the push worker has nothing left to send for the account, then relays its status changes. */
  settle: (driver: AccountDriver, timeoutMs?: number) => Promise<void>;
  /** Orders from a {"workOrders":[...]} file, through the office's CLI (`npm run cli -- orders:import`). */
  importOrders: (driver: AccountDriver, workOrders: Record<string, unknown>[]) => Promise<void>;
  stop: () => Promise<void>;
};

/** The portal's settings for sync tests: pushes to the local endpoint, quick polls and retries. */
export const SYNC_ENV = {
  PUSH_ALLOWED_HOSTS: "http://127.0.0.1",
  PUSH_POLL_MS: "20",
  PUSH_RETRY_BASE_MS: "20",
  PUSH_MAX_ATTEMPTS: "50",
  PUSH_TIMEOUT_MS: "5000",
  // The model account imports an answer at once (unless told to take its time).
  PUSH_AFTER_ANSWER_MS: "250",
};

export async function startSyncWorld(env: Record<string, string> = {}): Promise<SyncWorld> {
  const endpoint = await startPushEndpoint();
  const portal = await startServer({ env: { ...SYNC_ENV, ...env } });
  readDatabaseOf(portal.dataDir);
  const { staff, admin } = await signedInStaffAndAdmin(portal);
  const office = new Office(staff, admin);
  let files = 0;
  return {
    portal,
    endpoint,
    office,
    connect: (settings) => AccountDriver.connect(portal, endpoint, office, settings),
    settle: async (driver, timeoutMs = 30_000) => {
      await eventually(
        async () =>
          (await db().pushJob.count({ where: { integrationId: driver.integrationId, state: { in: ["pending", "sending"] } } })) === 0,
        `the push worker to deliver every push of ${driver.creds.username}`,
        timeoutMs,
      );
      await driver.relayStatus();
    },
    importOrders: async (driver, workOrders) => {
      const file = path.join(portal.dataDir, `import-${++files}.json`);
      writeFileSync(file, JSON.stringify({ workOrders }));
      const r = await runCliAsync(["orders:import", file, "--integration", driver.creds.username], portal.env);
      if (r.code !== 0) throw new Error(`orders:import failed: ${r.stderr || r.stdout}`);
    },
    stop: async () => {
      await db().$disconnect();
      await portal.stop();
      await endpoint.close();
    },
  };
}

/** An order as the doc's minimal create (pruvan-api-v2 "getWorkOrders JSON object"), numbered. */
export const minimalOrder = (workOrderNumber: string, extra: Record<string, unknown> = {}) => ({
  workOrderNumber,
  address1: "110 East Main Street",
  city: "Round Rock",
  state: "TX",
  zip: "78664",
  services: [{ serviceName: "Task" }],
  ...extra,
});

/** An order as the office types it into the portal's form (the same address as minimalOrder), numbered. */
export const officeOrder = (workOrderNumber: string, extra: Record<string, string> = {}) => ({
  workOrderNumber,
  address1: "110 East Main Street",
  city: "Round Rock",
  state: "TX",
  zip: "78664",
  ...extra,
});
