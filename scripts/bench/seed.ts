import { runCli } from "../../tests/support/server";
import type { BenchServer } from "./harness";
import type { BenchSetup } from "./setup";

// The pull benchmarks' database: N orders x 3 services over 20 integrations
// (scripts/bench/generate-orders.ts), then one internal integration (every field goes on
// the wire) made to look like a busy real account: 5000 current orders with instructions,
// client fields, attributes and options, services with instructions and surveys.

export type PullSeed = { username: string; token: string; integrationId: string; orders: number; generatedMs: number };

const DAY = 86_400_000;

export async function seedPullDatabase(setup: BenchSetup, server: BenchServer, orders: number): Promise<PullSeed> {
  const { database } = setup;
  // Dated two days back, so that "changed since a minute ago" is exactly what a benchmark touches.
  const generated = await database.generate(server.dataDir, {
    orders,
    integrations: 20,
    photoShare: 0,
    now: new Date(Date.now() - 2 * DAY),
  });
  const username = generated.usernames[2]!; // bench03: internal (every third is)
  const sql = await database.sql(server.dataDir);
  let integrationId: string;
  try {
    integrationId = (await sql.all<{ id: string }>(`SELECT id FROM "Integration" WHERE username = ?`, [username]))[0]!.id;
    const n = database.rowNumber;
    await sql.run(
      `UPDATE "WorkOrder" SET "deletedAt" = NULL, "workOrderInfo" = 'Lock box 4412, gate code 1907',
         "assignedTo" = 'crew' || (${n} % 12), "instructions" = 'Photograph every side of the house, the street sign and the meter. Winterize if vacant.',
         "clientDueDate" = "dueDate", "clientInstructions" = 'Call the office before entering.', "description" = 'Initial inspection',
         "reference" = 'REF-' || ${n}, "attribute7" = 'LOAN-' || ${n}, "attribute8" = 'Investor A',
         "options" = CASE WHEN ${n} % 4 = 0 THEN CAST('{"camera_orientation":"landscape"}' AS ${database.json}) END
       WHERE "integrationId" = ?`,
      [integrationId],
    );
    await sql.run(
      `UPDATE "Service" SET "instructions" = 'Before, during and after photos of the work.',
         "survey" = CASE WHEN "position" = 1 THEN 'vendor1::Inspection-v2' END, "attribute1" = 'Bid ' || "position"
       WHERE "workOrderId" IN (SELECT id FROM "WorkOrder" WHERE "integrationId" = ?)`,
      [integrationId],
    );
    if (database.kind === "postgresql") await sql.run(`VACUUM ANALYZE`); // as autovacuum would after an update of 20,000 rows
  } finally {
    await sql.close();
  }
  const key = runCli(["integration:rotate-key", "--username", username], server.env);
  if (key.code !== 0) throw new Error(`integration:rotate-key failed: ${key.stderr}`);
  const { token } = key.json() as { token: string };
  return { username, token, integrationId, orders: generated.orders, generatedMs: generated.ms };
}

/** Marks `count` of the integration's orders as changed now (as an edit would); returns their numbers. */
export async function touchOrders(setup: BenchSetup, server: BenchServer, integrationId: string, count: number): Promise<string[]> {
  const sql = await setup.database.sql(server.dataDir);
  try {
    const rows = await sql.all<{ id: string; workOrderNumber: string }>(
      `SELECT id, "workOrderNumber" FROM "WorkOrder" WHERE "integrationId" = ? ORDER BY id LIMIT ?`,
      [integrationId, count],
    );
    const now = new Date().toISOString().replace("Z", "+00:00");
    for (const r of rows) await sql.run(`UPDATE "WorkOrder" SET "updatedAt" = ?, "clientStatus" = 'Rush Order' WHERE id = ?`, [now, r.id]);
    return rows.map((r) => r.workOrderNumber);
  } finally {
    await sql.close();
  }
}
