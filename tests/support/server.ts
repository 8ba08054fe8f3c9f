import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { killOnExit } from "./cleanup";
import { databaseEnvFor } from "./database";
import { storageEnvFor } from "./storage";

export const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export function freshDataDir(label = "portal"): string {
  return mkdtempSync(path.join(tmpdir(), `${label}-`));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type RunningServer = {
  url: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
};

/** The environment of a production server on loopback at `port` with its own data folder (tests and benchmarks alike). */
export function productionServerEnv(dataDir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? "2", // as `npm start` sets it (README, Configuration)
    // Suites that send wrong keys on purpose (endpoints, fuzz) make hundreds of failed logins
    // from 127.0.0.1; tests/hardening/pruvan-callers.test.ts checks the default limit itself.
    PRUVAN_LOGIN_FAILURES: "1000000",
    ...extra,
  };
  delete env.NEXTAUTH_URL; // derived from PUBLIC_URL by the server
  return env;
}

/**
 * Starts the production server (`npm start`: a prior `next build` is required) on a free
 * port with its own data folder: a real SQLite file and real storage on disk (or a
 * PostgreSQL database with TEST_DATABASE=postgresql: tests/support/database.ts; a bucket of
 * an in-process S3 server with TEST_STORAGE=s3: tests/support/storage.ts).
 */
export async function startServer(opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningServer> {
  const dataDir = opts.dataDir ?? freshDataDir();
  const port = await freePort();
  const env = productionServerEnv(dataDir, port, { ...(await databaseEnvFor(dataDir)), ...(await storageEnvFor(dataDir)), ...opts.env });
  // One process (not the tsx CLI, which runs a child): a signal reaches the server itself.
  const child = killOnExit(
    spawn(process.execPath, ["--import", "tsx", "lib/server/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] }),
  );
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Generous: on a machine shared with builds a cold start (tsx compile, migrations, Next's
  // first load) took over a minute; a quiet machine starts in a few seconds.
  const startLimitMs = 180_000;
  const deadline = Date.now() + startLimitMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in ${startLimitMs / 1000} s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    await exited;
  };
  return { url, dataDir, env, process: child, output: () => log, stop };
}

export type CliResult = { code: number; stdout: string; stderr: string; json: () => unknown };

/**
 * Runs `npm run cli -- ...` the way a person would, against the given data folder; `stdin`
 * is what is piped in (a password for user:create and user:set-password).
 */
export function runCli(args: string[], env: Record<string, string | undefined>, stdin = ""): CliResult {
  const r = spawnSync(TSX, ["lib/cli/main.ts", ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8", input: stdin });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

/** runCli without blocking this process's event loop (for when the test also serves HTTP the CLI calls). */
export function runCliAsync(args: string[], env: Record<string, string | undefined>, stdin = ""): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = killOnExit(spawn(TSX, ["lib/cli/main.ts", ...args], { cwd: ROOT, env: { ...process.env, ...env } }));
    child.stdin.end(stdin);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}
