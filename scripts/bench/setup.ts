import { freshDataDir } from "../../tests/support/server";
import { startBenchDatabase, type BenchDatabase, type DatabaseKind } from "./database";
import { startBenchStorage, startPortal, textFlag, type BenchServer, type BenchStorage } from "./harness";

// What a benchmark's portal runs on: SQLite and a folder (the embedded default) or
// PostgreSQL and an S3 bucket (several instances), chosen by `--database`; `--storage`
// overrides the storage of either. One cluster and one S3 server per setup, shared by
// its benchmarks; every portal gets a database and a prefix of its own.

export type BenchSetup = {
  label: string;
  database: BenchDatabase;
  storage: BenchStorage;
  /** A production server on this setup; a fresh data folder (removed at stop) unless given. */
  portal(opts?: { dataDir?: string; env?: Record<string, string>; nodeArgs?: string[] }): Promise<BenchServer>;
  stop(): Promise<void>;
};

export function databaseKinds(argv = process.argv.slice(2)): DatabaseKind[] {
  const flag = textFlag("database", argv) ?? "both";
  if (flag === "both") return ["sqlite", "postgresql"];
  if (flag === "sqlite" || flag === "postgresql") return [flag];
  throw new Error(`--database is sqlite, postgresql or both, not ${JSON.stringify(flag)}`);
}

export async function startSetup(kind: DatabaseKind, storageFlag = textFlag("storage")): Promise<BenchSetup> {
  const storageKind = storageFlag ?? (kind === "postgresql" ? "s3" : "disk");
  if (storageKind !== "disk" && storageKind !== "s3") throw new Error(`--storage is disk or s3, not ${JSON.stringify(storageKind)}`);
  const database = await startBenchDatabase(kind);
  const storage = await startBenchStorage(storageKind).catch(async (err: unknown) => {
    await database.stop();
    throw err;
  });
  return {
    label: `${database.label} + ${storageKind === "s3" ? "S3" : "folder"}`,
    database,
    storage,
    portal: async ({ dataDir, env = {}, nodeArgs = [] } = {}) => {
      const dir = dataDir ?? freshDataDir("bench");
      const setupEnv = { ...(await database.env(dir)), ...storage.env(dir) };
      return startPortal(dir, { ...setupEnv, ...env }, nodeArgs, dataDir === undefined);
    },
    stop: async () => {
      await storage.stop();
      await database.stop();
    },
  };
}
