import Database from "better-sqlite3";
import { config } from "@/lib/config";
import { SQLITE_PRAGMAS } from "./connection";
import type { Prisma } from "./generated/client";

// Bulk reads on the hottest path (getWorkOrders: 5000 orders x 3 services) run on a
// read-only connection of their own and skip Prisma's row decoding: measured on 100,000
// orders, the same two statements took ~325 ms through $queryRaw and ~120 ms here, the
// rest being Prisma turning 20,000 rows into typed objects (npm run bench -- pull-full).
// Statements are Prisma.sql templates, so the SQL stays portable; on PostgreSQL this
// would run them through db().$queryRaw in one transaction instead.

export type RawRow = Record<string, unknown>;

const globalForReader = globalThis as unknown as { __portalReader?: Database.Database };

function reader(): Database.Database {
  if (!globalForReader.__portalReader) {
    const sqlite = new Database(config().databaseFile, { fileMustExist: true, timeout: 10_000 });
    for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
    sqlite.pragma("query_only = ON"); // this connection never writes
    globalForReader.__portalReader = sqlite;
  }
  return globalForReader.__portalReader;
}

/** A bound value as Prisma's SQLite adapter stores it (dates as ISO text with +00:00). */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * Runs the statements one after another in one read snapshot and returns each one's rows
 * as plain objects keyed by column name, with SQLite's own values (dates as text, JSON as
 * text): the caller decodes what it reads.
 */
export async function readSnapshot(statements: Prisma.Sql[]): Promise<RawRow[][]> {
  const sqlite = reader();
  return sqlite.transaction(() =>
    statements.map((statement) => {
      const stmt = sqlite.prepare(statement.sql).raw(true);
      const names = stmt.columns().map((c) => c.name);
      const rows = stmt.all(...statement.values.map(bindable)) as unknown[][];
      return rows.map((values) => {
        const row: RawRow = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
        return row;
      });
    }),
  )();
}

/** A DATETIME column's value (ISO text, or Unix milliseconds) as a Date. */
export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}
