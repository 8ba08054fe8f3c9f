import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./server";

// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's `postgresql` package
// (scripts/ensure-debian-packages.sh installs it), initdb in a temp folder, a free port on
// loopback, stopped and removed when the process exits. PostgreSQL refuses to run as root:
// as root, initdb and pg_ctl run as the `postgres` user (runuser). Durability is off
// (fsync=off) unless asked for: a test cluster never outlives its run.
//
// TEST_POSTGRES_URL=postgresql://... (a server started by scripts/with-postgres.ts for a
// whole run) is used instead of starting one per test process.

export type PostgresCluster = {
  /** postgresql://postgres@127.0.0.1:PORT/postgres: the maintenance database. */
  url: string;
  /** A new empty database; returns its URL. */
  createDatabase: (name?: string) => Promise<string>;
  stop: () => void;
};

function binDir(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, "bin/initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql; scripts/ensure-debian-packages.sh does it)");
  return path.join(base, newest, "bin");
}

const asRoot = process.getuid?.() === 0;
/** Runs a PostgreSQL program, as the postgres user when we are root. */
function pgRun(program: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  const r = spawnSync(cmd, argv, { encoding: "utf8", cwd: tmpdir() });
  if (r.status !== 0) throw new Error(`${path.basename(program)} failed (${r.status}): ${r.stderr || r.stdout}`);
}

/** Starts a cluster of its own (see above); `durable` keeps PostgreSQL's own fsync settings (benchmarks). */
export async function startPostgresCluster(opts: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const bin = binDir();
  const dir = mkdtempSync(path.join(tmpdir(), "pg-cluster-"));
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  const port = await freePort();
  const remove = () => rmSync(dir, { recursive: true, force: true });
  let running = false;
  const stop = () => {
    if (running) {
      running = false;
      try {
        pgRun(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already gone
      }
    }
    remove();
    process.off("exit", stop);
  };
  process.on("exit", stop);
  try {
    // C locale: text sorts and compares by bytes, as SQLite's BINARY collation does.
    pgRun(path.join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"]);
    const durability = opts.durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durability} -c max_connections=200`;
    pgRun(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
    running = true;
  } catch (err) {
    stop();
    throw err;
  }
  // The folder stays the postgres user's: the server reads its data folder for as long as it
  // runs (handing it back to root, mode 0700, made the first checkpoint, ~5 minutes in, fail
  // with "could not open pg_control: Permission denied" and the cluster shut down). Root
  // removes it afterwards all the same.
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  return { url, createDatabase: (name) => createDatabase(url, name), stop };
}

let databases = 0;
/** CREATE DATABASE on the server of `url`; returns the new database's URL. */
export async function createDatabase(
  url: string,
  name = `portal_${process.pid}_${++databases}_${Date.now().toString(36)}`,
): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let shared: Promise<PostgresCluster> | undefined;
/** The run's server (TEST_POSTGRES_URL) or, without one, a cluster of this process's own started on first use. */
export function testPostgres(): Promise<PostgresCluster> {
  const url = process.env.TEST_POSTGRES_URL;
  if (url) return Promise.resolve({ url, createDatabase: (name) => createDatabase(url, name), stop: () => undefined });
  shared ??= startPostgresCluster();
  return shared;
}

/** Every row of the database at `url` as pg_dump writes it (plain SQL, data only): what a backup would hold. */
export function dumpDatabase(url: string): Buffer {
  const r = spawnSync(path.join(binDir(), "pg_dump"), ["--data-only", "--dbname", url], { cwd: tmpdir(), maxBuffer: 1024 ** 3 });
  if (r.status !== 0) throw new Error(`pg_dump failed (${r.status}): ${r.stderr.toString()}`);
  return r.stdout;
}
