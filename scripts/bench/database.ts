import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { createDatabase, startPostgresCluster, type PostgresCluster } from "../../tests/support/postgres";
import { generateOrders, generateOrdersPostgres, type GenerateOptions, type GenerateResult } from "./generate-orders";

// The database a benchmark's portal runs on: its SQLite file in the data folder (the
// default), or a database of its own, named after the data folder, on a PostgreSQL cluster
// the bench starts for the run (tests/support/postgres.ts). The bench reads and seeds it
// directly through `sql()`, with `?` placeholders on both.

export type DatabaseKind = "sqlite" | "postgresql";

export type BenchSql = {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  close(): Promise<void>;
};

export type BenchDatabase = {
  kind: DatabaseKind;
  label: string;
  /** The portal's database variables for this data folder (creates the PostgreSQL database). */
  env(dataDir: string): Promise<Record<string, string>>;
  sql(dataDir: string): Promise<BenchSql>;
  generate(dataDir: string, opts: GenerateOptions): Promise<GenerateResult>;
  /** SQL for "a small number that differs between rows" (crew names, options), on WorkOrder. */
  rowNumber: string;
  /** The type a JSON column's value is cast to (text on SQLite, json on PostgreSQL, as the twin schema declares them). */
  json: string;
  stop(): Promise<void>;
};

export async function startBenchDatabase(kind: DatabaseKind): Promise<BenchDatabase> {
  return kind === "sqlite" ? sqliteDatabase() : postgresDatabase(await startBenchCluster());
}

function sqliteDatabase(): BenchDatabase {
  const file = (dataDir: string) => path.join(dataDir, "portal.db");
  return {
    kind: "sqlite",
    label: "SQLite",
    env: async () => ({}),
    sql: async (dataDir) => {
      const db = new Database(file(dataDir));
      db.pragma("busy_timeout = 10000");
      return {
        all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
        run: async (sql, params = []) => void db.prepare(sql).run(...params),
        close: async () => void db.close(),
      };
    },
    generate: async (dataDir, opts) => generateOrders(file(dataDir), opts),
    rowNumber: "rowid",
    json: "TEXT",
    stop: async () => undefined,
  };
}

/**
 * The bench's cluster is durable, unlike the tests' (fsync=off there): an upload is
 * answered only once its rows are on disk, as it would be in production.
 */
function startBenchCluster(): Promise<PostgresCluster> {
  return startPostgresCluster({ durable: true });
}

function postgresDatabase(cluster: PostgresCluster): BenchDatabase {
  const urls = new Map<string, string>();
  const urlOf = async (dataDir: string) => {
    let url = urls.get(dataDir);
    if (!url) {
      url = await createDatabase(cluster.url, path.basename(dataDir).replace(/\W/g, "_"));
      urls.set(dataDir, url);
    }
    return url;
  };
  return {
    kind: "postgresql",
    label: "PostgreSQL",
    env: async (dataDir) => ({ DATABASE_URL: await urlOf(dataDir) }),
    sql: async (dataDir) => {
      const client = new pg.Client({ connectionString: await urlOf(dataDir) });
      client.on("error", () => undefined); // a dropped connection fails the query in flight, which says more
      await client.connect();
      const numbered = (sql: string) => {
        let n = 0;
        return sql.replace(/\?/g, () => `$${++n}`);
      };
      return {
        all: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
        run: async (sql, params = []) => void (await client.query(numbered(sql), params)),
        close: () => client.end(),
      };
    },
    generate: async (dataDir, opts) => generateOrdersPostgres(await urlOf(dataDir), opts),
    rowNumber: `CAST(right("workOrderNumber", 7) AS integer)`,
    json: "json",
    stop: async () => cluster.stop(),
  };
}
