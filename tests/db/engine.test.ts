import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import pg from "pg";
import { onPostgresql } from "../support/database";
import { startServer, type RunningServer } from "../support/server";

// The run's database is the one the server really uses: with TEST_DATABASE=postgresql
// (scripts/test.sh's PostgreSQL pass) no SQLite file appears and the server's PostgreSQL
// database holds what it wrote; without, the SQLite file in the data folder does.

let server: RunningServer;
before(async () => (server = await startServer()));
after(() => server.stop());

test(`the server runs on ${onPostgresql ? "PostgreSQL" : "SQLite"}, as the run asks`, async () => {
  const sqliteFile = path.join(server.dataDir, "portal.db");
  if (!onPostgresql) {
    assert.equal(server.env.DATABASE_URL, undefined);
    assert.ok(existsSync(sqliteFile));
    return;
  }
  assert.match(server.env.DATABASE_URL ?? "", /^postgresql:\/\//);
  assert.ok(!existsSync(sqliteFile), "no SQLite file on PostgreSQL");
  const client = new pg.Client({ connectionString: server.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`);
    assert.ok(rows[0].n >= 8, "the server migrated its PostgreSQL database");
  } finally {
    await client.end();
  }
});
