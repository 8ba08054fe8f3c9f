import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

// The CLI for the PostgreSQL twin of the schema (prisma/postgresql-twin.ts), on the
// WebAssembly engines like prisma.config.ts. Used for `generate` and `migrate diff`
// between schema files; migrations are applied by lib/db/migrate-postgresql.ts, because
// `migrate deploy` through the adapter fails on PostgreSQL (prisma/prisma#27403).

/**
 * Without a postgresql:// DATABASE_URL the CLI runs offline: a diff between two schema
 * files reads nothing from a database, but the CLI first asks the server for its version
 * (one query, answered here as PostgreSQL 15); anything else fails loudly.
 */
function offlineAdapter(): SqlMigrationAwareDriverAdapterFactory {
  const refuse = async (): Promise<never> => {
    throw new Error("offline: set DATABASE_URL=postgresql://... for a command that needs the database");
  };
  const connection = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    queryRaw: async (query) => {
      if (!query.sql.includes("server_version_num")) return refuse();
      return { columnNames: ["exists", "version", "numeric_version"], columnTypes: [5, 7, 0], rows: [[true, "PostgreSQL 15", 150000]] };
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    dispose: async () => {},
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
  } satisfies SqlDriverAdapter;
  return { provider: "postgres", adapterName: "@prisma/adapter-pg", connect: async () => connection, connectToShadowDb: refuse };
}

const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "postgresql/schema.prisma"),
  migrations: { path: path.join(__dirname, "migrations-postgresql") },
  adapter: async () => (url && /^postgres(ql)?:\/\//.test(url) ? new PrismaPg({ connectionString: url }) : offlineAdapter()),
});
