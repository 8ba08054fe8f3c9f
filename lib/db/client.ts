import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { config } from "@/lib/config";
import { PrismaClient } from "./generated/client";
import { withOneConnectionGate } from "./one-connection-gate";

// The one Prisma client of the process, cached on globalThis so that hot reload and
// the several bundles of a Next build (route handlers, server components, the custom
// server) share a single SQLite connection pool.

const globalForDb = globalThis as unknown as { __portalDb?: PrismaClient };

function createClient(): PrismaClient {
  const adapter = withOneConnectionGate(new PrismaBetterSQLite3({ url: config().databaseUrl, timeout: 10_000 }));
  return new PrismaClient({ adapter });
}

export function db(): PrismaClient {
  globalForDb.__portalDb ??= createClient();
  return globalForDb.__portalDb;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
