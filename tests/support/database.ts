import path from "node:path";
import { createDatabase, testPostgres } from "./postgres";

// Which database the servers of a test run use: TEST_DATABASE=postgresql gives each data
// folder a PostgreSQL database of its own, named after the folder, on the run's server
// (TEST_POSTGRES_URL, set by scripts/with-postgres.ts) or on a cluster this process starts
// (tests/support/postgres.ts); unset, each server keeps its SQLite file in its data folder.
// scripts/test.sh runs the main suites both ways. Like tests/support/storage.ts for files.

export const onPostgresql = process.env.TEST_DATABASE === "postgresql";

let serverUrl: string | undefined; // the cluster's maintenance database, once known
const created = new Set<string>();

const databaseName = (dataDir: string) => path.basename(dataDir);
function urlOf(name: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** The database variables of a server with this data folder (creating its database on first use). */
export async function databaseEnvFor(dataDir: string): Promise<Record<string, string>> {
  if (!onPostgresql) return {};
  serverUrl ??= (await testPostgres()).url;
  const name = databaseName(dataDir);
  if (!created.has(name)) {
    await createDatabase(serverUrl, name).catch((err: { code?: string }) => {
      if (err.code !== "42P04") throw err; // made by an earlier start on this folder
    });
    created.add(name);
  }
  return { DATABASE_URL: urlOf(name) };
}

/** The same, for a data folder whose server was started already (synchronous). */
export function startedDatabaseEnvFor(dataDir: string): Record<string, string> {
  if (!onPostgresql) return {};
  if (!serverUrl)
    throw new Error("TEST_DATABASE=postgresql: start a server (tests/support/server.ts) before pointing this process at its database");
  return { DATABASE_URL: urlOf(databaseName(dataDir)) };
}
