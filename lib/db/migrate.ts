import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { migratePostgresql } from "./migrate-postgresql";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const migrationsDir = path.join(root, "prisma/migrations");

/** Migration folders not yet recorded as applied in the database file. */
export function pendingMigrations(databaseFile: string): string[] {
  const all = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (!existsSync(databaseFile)) return all;
  const sqlite = new Database(databaseFile, { readonly: true });
  try {
    const hasTable = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '_prisma_migrations'").get();
    if (!hasTable) return all;
    const rows = sqlite
      .prepare("select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null")
      .all() as { migration_name: string }[];
    const applied = new Set(rows.map((r) => r.migration_name));
    return all.filter((name) => !applied.has(name));
  } finally {
    sqlite.close();
  }
}

/**
 * Brings the database to the committed schema. PostgreSQL: our runner
 * (lib/db/migrate-postgresql.ts). SQLite: prisma migrate deploy on the WebAssembly engine
 * when any migration is pending, then the pragmas that suit a server (WAL lets readers
 * run beside the writer). Checking first keeps the CLI fast and out of a running server's way.
 */
export async function migrateDatabase(): Promise<{ applied: string[] }> {
  const database = config().database;
  if (database.provider === "postgresql") {
    const { applied, changedSinceApplied } = await migratePostgresql(database.url);
    if (changedSinceApplied.length > 0)
      console.warn(`migrations changed since they were applied (not applied again): ${changedSinceApplied.join(", ")}`);
    return { applied };
  }
  mkdirSync(path.dirname(database.file), { recursive: true });
  const pending = pendingMigrations(database.file);
  if (pending.length === 0) return { applied: [] };
  try {
    await run("bash", [path.join(root, "scripts/prisma.sh"), "migrate", "deploy"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url },
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`database migration failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
  const sqlite = new Database(database.file);
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
  return { applied: pending };
}
