import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import { committedMigrations, migratePostgresql, POSTGRESQL_MIGRATIONS_DIR } from "@/lib/db/migrate-postgresql";
import { migrationScripts } from "../../scripts/db-migration";
import { testPostgres, type PostgresCluster } from "../support/postgres";
import { postgresqlCatalog, sqliteCatalog } from "../support/schema-catalog";
import { freshDataDir, ROOT } from "../support/server";

// Both migration histories (prisma/migrations for SQLite, prisma/migrations-postgresql) are
// committed SQL generated from prisma/schema.prisma (npm run db:migration). Here: applied
// from empty, each builds exactly the schema (the same catalog as a database made straight
// from the schema by `prisma migrate diff --from-empty`), and the PostgreSQL runner keeps
// Prisma's bookkeeping, is idempotent, migrates once when instances start together and
// rolls a failing migration back whole.

const SQLITE_DIR = path.join(ROOT, "prisma/migrations");
const folders = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

let cluster: PostgresCluster;
let fromSchema: { sqlite: string; postgresql: string };
before(async () => {
  cluster = await testPostgres();
  fromSchema = migrationScripts(null, readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8"));
});
after(() => cluster.stop());

async function sql<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** `npm run db:migrate` in a process of its own. */
function migrateCli(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/db/migrate-cli.ts"], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test("every SQLite migration has its PostgreSQL twin of the same name, and no other", () => {
  assert.deepEqual(folders(POSTGRESQL_MIGRATIONS_DIR), folders(SQLITE_DIR));
});

test("PostgreSQL: the committed migrations build exactly the schema, recorded as Prisma records them", async () => {
  const migrated = await cluster.createDatabase();
  const { applied } = await migratePostgresql(migrated);
  assert.deepEqual(applied, folders(POSTGRESQL_MIGRATIONS_DIR));

  const straight = await cluster.createDatabase();
  await sql(straight, fromSchema.postgresql);
  const [fromMigrations, fromSchemaCatalog] = [await postgresqlCatalog(migrated), await postgresqlCatalog(straight)];
  assert.ok(fromSchemaCatalog.length > 100, "the catalog lists the schema's columns, indexes and constraints");
  assert.deepEqual(fromMigrations, fromSchemaCatalog);

  const rows = await sql<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
    migrated,
    `SELECT "migration_name", "checksum", "finished_at", "applied_steps_count" FROM "_prisma_migrations" ORDER BY "migration_name"`,
  );
  assert.deepEqual(
    rows.map((r) => [r.migration_name, r.checksum, r.finished_at !== null, r.applied_steps_count]),
    applied.map((name) => [
      name,
      createHash("sha256")
        .update(readFileSync(path.join(POSTGRESQL_MIGRATIONS_DIR, name, "migration.sql")))
        .digest("hex"),
      true,
      1,
    ]),
  );

  // Idempotent: a second run finds nothing to do and records nothing.
  assert.deepEqual(await migratePostgresql(migrated), { applied: [], changedSinceApplied: [] });
  assert.equal((await sql(migrated, `SELECT 1 FROM "_prisma_migrations"`)).length, applied.length);
});

test("PostgreSQL: two instances migrating one database at once apply each migration once", async () => {
  const url = await cluster.createDatabase();
  const runs = await Promise.all([
    migrateCli({ DATABASE_URL: url, DATA_DIR: freshDataDir() }),
    migrateCli({ DATABASE_URL: url, DATA_DIR: freshDataDir() }),
  ]);
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  const applied = runs.map((r) => (JSON.parse(r.stdout) as { applied: string[] }).applied).sort((a, b) => a.length - b.length);
  assert.deepEqual(applied, [[], folders(POSTGRESQL_MIGRATIONS_DIR)], "one applied them all, the other waited and found none pending");
  const rows = await sql<{ migration_name: string; n: string }>(
    url,
    `SELECT "migration_name", count(*) AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1`,
  );
  assert.deepEqual(
    rows.map((r) => [r.migration_name, Number(r.n)]),
    applied[1]!.map((name) => [name, 1]),
  );
});

test("PostgreSQL: a failing migration is rolled back whole and not recorded; the ones before it stay", async () => {
  const url = await cluster.createDatabase();
  const broken = {
    name: "99990101000000_broken",
    sql: `CREATE TABLE "Scratch" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";`,
    checksum: "0".repeat(64),
  };
  await assert.rejects(
    migratePostgresql(url, [...committedMigrations(), broken]),
    /99990101000000_broken: relation "NoSuchTable" does not exist/,
  );
  assert.deepEqual(
    await sql(url, `SELECT to_regclass('"Scratch"') AS t`),
    [{ t: null }],
    "the broken migration's first statement was undone",
  );
  const names = (await sql<{ migration_name: string }>(url, `SELECT "migration_name" FROM "_prisma_migrations" ORDER BY 1`)).map(
    (r) => r.migration_name,
  );
  assert.deepEqual(names, folders(POSTGRESQL_MIGRATIONS_DIR));
  // Fixed, it applies on the next start.
  const fixed = { ...broken, sql: `CREATE TABLE "Scratch" ("id" INTEGER);` };
  assert.deepEqual((await migratePostgresql(url, [...committedMigrations(), fixed])).applied, [broken.name]);
});

test("SQLite: the committed migrations build exactly the schema", async () => {
  const dataDir = freshDataDir();
  const run = await migrateCli({ DATA_DIR: dataDir });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual((JSON.parse(run.stdout) as { applied: string[] }).applied, folders(SQLITE_DIR));

  const straightFile = path.join(freshDataDir(), "straight.db");
  const straight = new Database(straightFile);
  straight.exec(fromSchema.sqlite);
  straight.close();
  const [fromMigrations, fromSchemaCatalog] = [sqliteCatalog(path.join(dataDir, "portal.db")), sqliteCatalog(straightFile)];
  assert.ok(fromSchemaCatalog.length > 100);
  assert.deepEqual(fromMigrations, fromSchemaCatalog);
});
