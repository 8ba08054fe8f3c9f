import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// The CLI runs on the bundled WebAssembly engines through the driver adapter:
// no native engine download is possible on our machines (only the npm registry and Debian's packages are reachable).
const url = process.env.DATABASE_URL ?? `file:${path.resolve(process.env.DATA_DIR ?? "./data", "portal.db")}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(__dirname, "schema.prisma"),
  migrations: { path: path.join(__dirname, "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url }, { shadowDatabaseUrl: ":memory:" }),
});
