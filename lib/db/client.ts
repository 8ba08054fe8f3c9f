import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/config";
import { pragmaScript } from "./connection";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresqlPrismaClient } from "./generated-postgresql/client";
import { withOneConnectionGate } from "./one-connection-gate";

// The one Prisma client of the process, cached on globalThis so that hot reload and
// the several bundles of a Next build (route handlers, server components, the custom
// server) share a single connection pool. On PostgreSQL it is the client generated from
// the schema's PostgreSQL twin (prisma/postgresql-twin.ts), typed as the SQLite one: the
// same models, and code written against it keeps to what both databases do.

const globalForDb = globalThis as unknown as { __portalDb?: PrismaClient };

/** Prisma's better-sqlite3 adapter, with our pragmas applied to each connection it opens. */
function tunedAdapter(url: string) {
  const factory = new PrismaBetterSQLite3({ url, timeout: 10_000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const connection = await connect();
    await connection.executeScript(pragmaScript());
    return connection;
  };
  return factory;
}

/**
 * How long a transaction may wait for its connection. Prisma's default, 2 s, refused
 * uploads on PostgreSQL ("Unable to start a transaction in the given time": 32 parallel
 * uploads queued on a pool of 10 on a busy machine, `npm run bench -- upload-memory`);
 * a wait is better than an upload Pruvan has to send again.
 */
const TRANSACTION_OPTIONS = { maxWait: 15_000 };

function createClient(): PrismaClient {
  const database = config().database;
  if (database.provider === "postgresql") {
    const adapter = new PrismaPg({ connectionString: database.url, max: database.poolSize });
    return new PostgresqlPrismaClient({ adapter, transactionOptions: TRANSACTION_OPTIONS }) as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: withOneConnectionGate(tunedAdapter(database.url)), transactionOptions: TRANSACTION_OPTIONS });
}

export function db(): PrismaClient {
  globalForDb.__portalDb ??= createClient();
  return globalForDb.__portalDb;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
