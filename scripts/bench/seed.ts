import path from "node:path";
import Database from "better-sqlite3";
import { runCli } from "../../tests/support/server";
import { generateOrders } from "./generate-orders";
import type { BenchServer } from "./harness";

// The pull benchmarks' database: N orders x 3 services over 20 integrations
// (scripts/bench/generate-orders.ts), then one internal integration (every field goes on
// the wire) made to look like a busy real account: 5000 current orders with instructions,
// client fields, attributes and options, services with instructions and surveys.

export type PullSeed = { username: string; token: string; integrationId: string; orders: number; generatedMs: number };

const DAY = 86_400_000;

export function seedPullDatabase(server: BenchServer, orders: number): PullSeed {
  const dbFile = path.join(server.dataDir, "portal.db");
  // Dated two days back, so that "changed since a minute ago" is exactly what a benchmark touches.
  const generated = generateOrders(dbFile, { orders, integrations: 20, photoShare: 0, now: new Date(Date.now() - 2 * DAY) });
  const username = generated.usernames[2]!; // bench03: internal (every third is)
  const sqlite = new Database(dbFile);
  const { id: integrationId } = sqlite.prepare(`SELECT id FROM "Integration" WHERE username = ?`).get(username) as { id: string };
  try {
    sqlite.transaction(() => {
      sqlite
        .prepare(
          `UPDATE "WorkOrder" SET "deletedAt" = NULL, "workOrderInfo" = 'Lock box 4412, gate code 1907',
             "assignedTo" = 'crew' || (rowid % 12), "instructions" = 'Photograph every side of the house, the street sign and the meter. Winterize if vacant.',
             "clientDueDate" = "dueDate", "clientInstructions" = 'Call the office before entering.', "description" = 'Initial inspection',
             "reference" = 'REF-' || rowid, "attribute7" = 'LOAN-' || rowid, "attribute8" = 'Investor A',
             "options" = CASE WHEN rowid % 4 = 0 THEN '{"camera_orientation":"landscape"}' END
           WHERE "integrationId" = ?`,
        )
        .run(integrationId);
      sqlite
        .prepare(
          `UPDATE "Service" SET "instructions" = 'Before, during and after photos of the work.',
             "survey" = CASE WHEN "position" = 1 THEN 'vendor1::Inspection-v2' END, "attribute1" = 'Bid ' || "position"
           WHERE "workOrderId" IN (SELECT id FROM "WorkOrder" WHERE "integrationId" = ?)`,
        )
        .run(integrationId);
    })();
  } finally {
    sqlite.close();
  }
  const key = runCli(["integration:rotate-key", "--username", username], server.env);
  if (key.code !== 0) throw new Error(`integration:rotate-key failed: ${key.stderr}`);
  const { token } = key.json() as { token: string };
  return { username, token, integrationId, orders: generated.orders, generatedMs: generated.ms };
}

/** Marks `count` of the integration's orders as changed now (as an edit would); returns their numbers. */
export function touchOrders(server: BenchServer, integrationId: string, count: number): string[] {
  const sqlite = new Database(path.join(server.dataDir, "portal.db"));
  try {
    const rows = sqlite
      .prepare(`SELECT id, "workOrderNumber" FROM "WorkOrder" WHERE "integrationId" = ? ORDER BY id LIMIT ?`)
      .all(integrationId, count) as Array<{ id: string; workOrderNumber: string }>;
    const now = new Date().toISOString().replace("Z", "+00:00");
    const touch = sqlite.prepare(`UPDATE "WorkOrder" SET "updatedAt" = ?, "clientStatus" = 'Rush Order' WHERE id = ?`);
    sqlite.transaction(() => rows.forEach((r) => touch.run(now, r.id)))();
    return rows.map((r) => r.workOrderNumber);
  } finally {
    sqlite.close();
  }
}
