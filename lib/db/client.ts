import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { config } from "@/lib/config";
import { pragmaScript } from "./connection";
import { PrismaClient } from "./generated/client";
import { withOneConnectionGate } from "./one-connection-gate";

// The one Prisma client of the process, cached on globalThis so that hot reload and
// the several bundles of a Next build (route handlers, server components, the custom
// server) share a single SQLite connection pool.

const globalForDb = globalThis as unknown as { __portalDb?: PrismaClient };

/** Prisma's better-sqlite3 adapter, with our pragmas applied to each connection it opens. */
function tunedAdapter() {
  const factory = new PrismaBetterSQLite3({ url: config().databaseUrl, timeout: 10_000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    await connection.executeScript(pragmaScript());
    return connection;
  };
  return factory;
}

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: withOneConnectionGate(tunedAdapter()) });
}

export function db(): PrismaClient {
  globalForDb.__portalDb ??= createClient();
  return globalForDb.__portalDb;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
