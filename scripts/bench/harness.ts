import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { s3FolderOf, s3StorageEnv } from "../../tests/support/s3-server";
import { freePort, freshDataDir, productionServerEnv } from "../../tests/support/server";

// Shared pieces of `npm run bench`: start a server process, drive load at it from this
// (second) process over keep-alive connections, time every request, sample the server's
// memory, print a table with the machine and its load beside it.

export const ROOT = path.resolve(__dirname, "../..");

export type BenchServer = { url: string; pid: number; dataDir: string; env: NodeJS.ProcessEnv; log(): string; stop(): Promise<void> };

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

function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  healthPath: string,
  port: number,
  dataDir: string,
  owned = false,
): Promise<BenchServer> {
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
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (owned) rmSync(dataDir, { recursive: true, force: true }); // a 100,000-order file is 250 MB
    },
  }));
}

/** Our production server (a prior `next build`), push worker off unless asked, on a data folder (a fresh one, removed at stop, by default). */
export async function startPortal(
  dataDir?: string,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
  owned = dataDir === undefined,
): Promise<BenchServer> {
  dataDir ??= freshDataDir("bench");
  const port = await freePort();
  const env = productionServerEnv(dataDir, port, { PUSH_WORKER: "off", ...extraEnv });
  return spawnServer([...nodeArgs, "--import", "tsx", "lib/server/main.ts"], env, "/api/health", port, dataDir, owned);
}

/** The plain node:http baseline on the portal's database (its SQLite file, or `database`: its PostgreSQL URL) and a storage folder of its own; `env`: STORAGE_URL and the S3_* settings put its uploads in a bucket. */
export async function startBaseline(
  dataDir: string,
  nodeArgs: string[] = [],
  database = path.join(dataDir, "portal.db"),
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const port = await freePort();
  const args = [
    ...nodeArgs,
    "--import",
    "tsx",
    "scripts/bench/baseline-server.ts",
    String(port),
    database,
    path.join(dataDir, "baseline-storage"),
  ];
  return spawnServer(args, { ...process.env, ...env }, "/health", port, dataDir);
}

/** Where a portal of the bench keeps its files: its data folder (the default) or a bucket of an S3 server of the bench's own. */
export type BenchStorage = {
  kind: "disk" | "s3";
  env(dataDir: string): Record<string, string>;
  folder(dataDir: string): string;
  stop(): Promise<void>;
};

export async function startBenchStorage(kind: "disk" | "s3"): Promise<BenchStorage> {
  if (kind === "disk") return { kind, env: () => ({}), folder: (dataDir) => path.join(dataDir, "storage"), stop: async () => undefined };
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/bench/s3-server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const { endpoint, directory } = await new Promise<{ endpoint: string; directory: string }>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(JSON.parse(d.toString()) as { endpoint: string; directory: string }));
    child.once("exit", () => reject(new Error("the S3 server of the bench exited")));
  });
  return {
    kind,
    env: (dataDir) => s3StorageEnv(endpoint, dataDir),
    folder: (dataDir) => s3FolderOf(directory, dataDir),
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Peak resident memory (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** CPU time (user + system) a process has used so far, in ms: steadier than wall time on a busy machine. */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

// ---- load -----------------------------------------------------------------------------

/** One request: the body is written piece by piece, so a shared 20 MB buffer is never copied. */
export type BenchRequest = { method?: string; path: string; headers?: Record<string, string>; body?: Buffer[] };
export type DriveResult = {
  latencies: number[]; // ms, sorted
  statuses: Record<number, number>;
  errors: number;
  failures: string[]; // first few answers that failed `check`
  seconds: number;
  bytesSent: number;
};

/**
 * Sends `amount` requests over `connections` keep-alive connections, each connection
 * sending its next request as soon as the previous answer is read; times each one.
 * `check` looks at every answer and returns a complaint, or null when it is right.
 */
export async function drive(opts: {
  url: string;
  connections: number;
  amount: number;
  request: (i: number) => BenchRequest;
  check?: (status: number, body: string) => string | null;
}): Promise<DriveResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const failures: string[] = [];
  let errors = 0;
  let bytesSent = 0;
  let next = 0;
  const one = (spec: BenchRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const size = (spec.body ?? []).reduce((n, b) => n + b.length, 0);
      const req = request(
        opts.url + spec.path,
        { agent, method: spec.method ?? "GET", headers: { ...spec.headers, "content-length": size } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (d: Buffer) => chunks.push(d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      for (const piece of spec.body ?? []) req.write(piece);
      req.end();
      bytesSent += size;
    });
  const started = performance.now();
  const worker = async () => {
    while (next < opts.amount) {
      const spec = opts.request(next++);
      const t = performance.now();
      try {
        const { status, body } = await one(spec);
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
        const complaint = opts.check?.(status, body) ?? (status >= 400 ? `HTTP ${status}: ${body.slice(0, 200)}` : null);
        if (complaint && failures.length < 5) failures.push(complaint);
      } catch (err) {
        errors++;
        if (failures.length < 5) failures.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.connections, opts.amount) }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), statuses, errors, failures, seconds, bytesSent };
}

/** The q-quantile of sorted numbers (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
export const ms = (value: number) => (value >= 100 ? Math.round(value).toString() : value.toFixed(1));
export const ratio = (ours: number, baseline: number) => (baseline > 0 ? `${(ours / baseline).toFixed(2)}x` : "-");

/** A multipart/form-data body as Pruvan sends it: a `payload` field, optionally a `file` part. */
export function multipart(
  payload: unknown,
  file?: { bytes: Buffer; name?: string; type?: string },
): { headers: Record<string, string>; body: Buffer[] } {
  const boundary = `----bench${randomUUID()}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n` +
    (file
      ? `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name ?? "photo.jpg"}"\r\nContent-Type: ${file.type ?? "image/jpeg"}\r\n\r\n`
      : "");
  const tail = `${file ? "\r\n" : ""}--${boundary}--\r\n`;
  return {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body: file ? [Buffer.from(head), file.bytes, Buffer.from(tail)] : [Buffer.from(head + tail)],
  };
}

// ---- output ---------------------------------------------------------------------------

export function machine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  return `cores: ${os.cpus().length} (${os.cpus()[0]?.model.trim() ?? "cpu"}), load average: ${load}, node ${process.version}`;
}

export function printTable(title: string, rows: Array<Record<string, string | number>>, notes: string[] = []) {
  console.log(`\n${title}\n  ${machine()}`);
  for (const note of notes) console.log(`  ${note}`);
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(width[i]!)).join("  ")}`.trimEnd();
  console.log(line(cols));
  console.log(line(width.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

const flagValue = z.coerce.number().finite().nonnegative();

/** `--name N` from the command line, or the fallback; anything but a number >= 0 stops with a clear message. */
/** `--name VALUE` as text, or undefined when absent. */
export function textFlag(name: string, argv = process.argv.slice(2)): string | undefined {
  const at = argv.indexOf(`--${name}`);
  if (at === -1) return undefined;
  const raw = argv[at + 1];
  if (!raw || raw.startsWith("--")) throw new Error(`--${name} needs a value`);
  return raw;
}

/** Node flags that write a server's CPU profile into DIR/<server> when it exits (`--cpu-prof DIR`), else none. */
export function profileArgs(server: string, dir = textFlag("cpu-prof")): string[] {
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(dir, server)}`] : [];
}

export function numberFlag(name: string, fallback: number, argv = process.argv.slice(2)): number {
  const at = argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const raw = argv[at + 1];
  const parsed = flagValue.safeParse(raw?.trim() || undefined);
  if (!parsed.success) throw new Error(`--${name} needs a number >= 0, got ${JSON.stringify(raw ?? null)}`);
  return parsed.data;
}
