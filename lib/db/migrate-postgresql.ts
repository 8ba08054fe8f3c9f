import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { redactedUrl } from "./settings";

// Applies the committed PostgreSQL migrations (prisma/migrations-postgresql, written by
// `npm run db:migration`). Our own runner because Prisma 6.19's `migrate deploy` through
// @prisma/adapter-pg fails on every PostgreSQL ("Column type 'name' could not be
// deserialized", prisma/prisma#27403). It keeps Prisma's bookkeeping, so Prisma's tools
// read the same history:
// - each migration in one transaction, recorded in "_prisma_migrations" (Prisma's own
//   table and columns) with Prisma's checksum, the sha256 of the file;
// - under Prisma's advisory lock (the key `migrate deploy` takes), so that instances
//   starting together migrate once: the others wait, then find nothing pending.
// A migration that fails is rolled back whole and nothing is recorded.

const root = path.resolve(__dirname, "../..");
export const POSTGRESQL_MIGRATIONS_DIR = path.join(root, "prisma/migrations-postgresql");

/** The advisory lock key of Prisma's migrate (schema-engine's ADVISORY_LOCK_TIMEOUT lock). */
const PRISMA_MIGRATE_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

/** The committed migrations in the order they apply (folder name order). */
export function committedMigrations(dir = POSTGRESQL_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"));
      return { name, sql: sql.toString("utf8"), checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export type MigrationResult = { applied: string[]; changedSinceApplied: string[] };

export async function migratePostgresql(url: string, migrations = committedMigrations()): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`database migration failed: cannot connect to ${redactedUrl(url)}: ${(err as Error).message}`);
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    try {
      return await applyPending(client, migrations);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(client: pg.Client, migrations: Migration[]): Promise<MigrationResult> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL`,
  );
  const unfinished = rows.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  if (unfinished.length > 0) {
    // Left by another tool (Prisma records a failed migration this way): a person decides.
    throw new Error(
      `database migration failed: ${unfinished.join(", ")} started but did not finish; resolve it (prisma migrate resolve) before starting`,
    );
  }
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const changedSinceApplied = migrations.filter((m) => applied.has(m.name) && applied.get(m.name) !== m.checksum).map((m) => m.name);
  const pending = migrations.filter((m) => !applied.has(m.name));
  for (const migration of pending) {
    const startedAt = new Date();
    try {
      await client.query("BEGIN");
      await client.query(migration.sql); // the whole file: several statements in one simple query
      await client.query(
        `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "started_at", "applied_steps_count")
         VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
        [randomUUID(), migration.checksum, migration.name, startedAt],
      );
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw new Error(`database migration failed: ${migration.name}: ${(err as Error).message}`);
    }
  }
  return { applied: pending.map((m) => m.name), changedSinceApplied };
}
