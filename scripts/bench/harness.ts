import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { freePort, freshDataDir } from "../../tests/support/server";

// Shared pieces of `npm run bench`: start a server process, drive load from this (second)
// process with autocannon, sample the server's memory, print a table.

export const ROOT = path.resolve(__dirname, "../..");

export type BenchServer = { url: string; pid: number; dataDir: string; env: NodeJS.ProcessEnv; stop(): Promise<void> };

async function waitHealthy(url: string, child: ChildProcess, log: () => string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy in 120 s:\n${log()}`);
}

function spawnServer(args: string[], env: NodeJS.ProcessEnv, healthPath: string, port: number, dataDir: string): Promise<BenchServer> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  child.stderr!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  return waitHealthy(url + healthPath, child, () => log).then(() => ({
    url,
    pid: child.pid!,
    dataDir,
    env,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  }));
}

/** Our production server (a prior `next build`), push worker off, on a data folder. */
export async function startPortal(dataDir = freshDataDir("bench"), extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: "production",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    PUSH_WORKER: "off",
    ...extraEnv,
  } as NodeJS.ProcessEnv;
  return spawnServer(["--import", "tsx", "lib/server/main.ts"], env, "/api/health", port, dataDir);
}

/** The plain node:http baseline on the same SQLite file and a storage folder of its own. */
export async function startBaseline(dataDir: string): Promise<BenchServer> {
  const port = await freePort();
  const args = ["--import", "tsx", "scripts/bench/baseline-server.ts", String(port), path.join(dataDir, "portal.db"), path.join(dataDir, "baseline-storage")];
  return spawnServer(args, { ...process.env }, "/health", port, dataDir);
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export type LoadResult = { requests: number; errors: number; non2xx: number; medianMs: number; p95Ms: number; reqPerSec: number; mbPerSec: number };

/** Drives `amount` requests at `connections` concurrency; `body(i)` builds each request body. */
export async function load(opts: {
  url: string;
  method?: "GET" | "POST";
  connections: number;
  amount: number;
  headers?: Record<string, string>;
  body?: () => Buffer;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: opts.url,
    method: opts.method ?? "GET",
    connections: opts.connections,
    amount: opts.amount,
    headers: opts.headers,
    timeout: 120,
    requests: opts.body ? [{ setupRequest: (req) => ({ ...req, body: opts.body!() }) }] : undefined,
  });
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    medianMs: result.latency.p50,
    p95Ms: result.latency.p97_5 ?? result.latency.p99,
    reqPerSec: Math.round(result.requests.average * 10) / 10,
    mbPerSec: Math.round((result.throughput.average / 1e6) * 10) / 10,
  };
}

export function printTable(title: string, rows: Array<Record<string, string | number>>) {
  console.log(`\n${title}  (cores: ${os.cpus().length}, ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version})`);
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join("  ");
  console.log(line(cols));
  console.log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

/** `--name N` from the command line, or the fallback. */
export function numberFlag(name: string, fallback: number, argv = process.argv.slice(2)): number {
  const at = argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(argv[at + 1]);
}
