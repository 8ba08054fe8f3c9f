import Database from "better-sqlite3";
import pg from "pg";
import { config } from "@/lib/config";
import { SQLITE_PRAGMAS } from "./connection";
import type { Prisma } from "./generated/client";

// Bulk reads on the hottest path (getWorkOrders: 5000 orders x 3 services) run on a
// read-only connection of their own and skip Prisma's row decoding: measured on 100,000
// orders, the same two statements took ~325 ms through $queryRaw and ~120 ms here, the
// rest being Prisma turning 20,000 rows into typed objects (npm run bench -- pull-full).
// Statements are Prisma.sql templates, portable between the two databases: on SQLite they
// run on a better-sqlite3 connection, on PostgreSQL on a small pg pool of their own.
// Either way a row comes back with the database's text for dates and JSON (the caller
// decodes them: dateOf, JSON.parse), booleans as 0/1 (SQLite) or true/false.

export type RawRow = Record<string, unknown>;

const globals = globalThis as unknown as { __portalReader?: Database.Database; __portalPgReader?: pg.Pool };

function sqliteReader(file: string): Database.Database {
  if (!globals.__portalReader) {
    const sqlite = new Database(file, { fileMustExist: true, timeout: 10_000 });
    for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
    sqlite.pragma("query_only = ON"); // this connection never writes
    // No memory map on this connection: every commit of another connection (the call log,
    // the pull's bookkeeping: one before every pull) drops its page cache, and with a map it
    // also maps the file again. Measured on a 5,000-row index scan just after a write: ~85 ms
    // of CPU mapped, ~28 ms unmapped (~6 ms with no write between).
    sqlite.pragma("mmap_size = 0");
    globals.__portalReader = sqlite;
  }
  return globals.__portalReader;
}

/** A bound value as Prisma's SQLite adapter stores it (dates as ISO text with +00:00). */
function sqliteBindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/**
 * A function that makes a row object of these columns from the driver's array in one
 * object literal (one shape, its size known up front). Measured on a 5000-order pull
 * (5000 x 38 columns, 15,000 x 23): adding the columns one by one to `{}` took ~3x the
 * driver's own time (the object outgrows its backing store again and again, and the garbage
 * collector copies the copies); a literal, ~0.3x. The names are the statement's own columns
 * (our SQL, never input), quoted by JSON.stringify.
 */
const rowMakers = new Map<string, (values: unknown[]) => RawRow>();
function rowMaker(names: string[]): (values: unknown[]) => RawRow {
  const key = names.join("\u0000");
  let make = rowMakers.get(key);
  if (!make) {
    const body = `return {${names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(", ")}};`;
    make = new Function("v", body) as (values: unknown[]) => RawRow;
    rowMakers.set(key, make);
  }
  return make;
}

function readSqlite(file: string, statements: Prisma.Sql[]): RawRow[][] {
  const sqlite = sqliteReader(file);
  return sqlite.transaction(() =>
    statements.map((statement) => {
      const stmt = sqlite.prepare(statement.sql).raw(true);
      const make = rowMaker(stmt.columns().map((c) => c.name));
      const rows = stmt.all(...statement.values.map(sqliteBindable)) as unknown[][];
      return rows.map(make);
    }),
  )();
}

// PostgreSQL's values as the SQLite reader gives them: TIMESTAMP(3) (Prisma's DateTime,
// stored as UTC without a zone) as ISO text in UTC, JSON and JSONB as their text, BIGINT
// (a count) as a number. The parsers belong to this pool only.
const PG_TEXT_AS_IS = new Set([114, 3802]); // json, jsonb
const PG_TIMESTAMP = 1114;
const PG_INT8 = 20;
const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (PG_TEXT_AS_IS.has(oid)) return (text: string) => text;
    if (oid === PG_TIMESTAMP) return (text: string) => `${text.replace(" ", "T")}Z`;
    if (oid === PG_INT8) return (text: string) => Number(text);
    return pg.types.getTypeParser(oid, format ?? "text");
  }) as typeof pg.types.getTypeParser,
};

function pgReader(url: string): pg.Pool {
  globals.__portalPgReader ??= new pg.Pool({ connectionString: url, max: 4, types: pgTypes });
  return globals.__portalPgReader;
}

/** A bound value as a TIMESTAMP column compares it: the UTC time without a zone (as Prisma's adapter-pg sends it). */
function pgBindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  return value;
}

async function readPostgresql(url: string, statements: Prisma.Sql[]): Promise<RawRow[][]> {
  // Rows as arrays, made into objects by rowMaker: pg's own row objects grow field by field.
  const run = (client: pg.Pool | pg.PoolClient, statement: Prisma.Sql) =>
    client
      .query<unknown[]>({ text: statement.text, values: statement.values.map(pgBindable), rowMode: "array" })
      .then((r) => r.rows.map(rowMaker(r.fields.map((f) => f.name))));
  const pool = pgReader(url);
  if (statements.length === 1) return [await run(pool, statements[0]!)];
  const client = await pool.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); // one snapshot for all
    const results: RawRow[][] = [];
    for (const statement of statements) results.push(await run(client, statement));
    await client.query("COMMIT");
    return results;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Runs the statements one after another in one read snapshot and returns each one's rows
 * as plain objects keyed by column name, with the database's own values (dates as text,
 * JSON as text): the caller decodes what it reads.
 */
export async function readSnapshot(statements: Prisma.Sql[]): Promise<RawRow[][]> {
  const database = config().database;
  return database.provider === "postgresql" ? readPostgresql(database.url, statements) : readSqlite(database.file, statements);
}

/** A DATETIME column's value (ISO text, or Unix milliseconds) as a Date. */
export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}
