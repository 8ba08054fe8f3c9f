import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sha1Hex } from "@/lib/integrations/api-keys";
import { startPushEndpoint, type PushEndpoint } from "../../tests/support/pruvan-push";
import { freshDataDir, runCliAsync } from "../../tests/support/server";
import { cpuMs, drive, multipart, printTable, type BenchServer } from "./harness";
import type { BenchSetup } from "./setup";
import { recordFigure } from "./summary";

// Push: N orders imported through the CLI while the push worker is off, then the
// production server started with the worker on, timed until a local endpoint playing
// Pruvan's push key has every order; then the same N orders updated and pushed again.
// Checks that every job was delivered and every call carried at most PUSH_BATCH_SIZE orders.

export type PushOptions = { orders: number; batchSize: number; rounds: number };

const pushEnv = (batchSize: number, worker: "on" | "off") => ({
  PUSH_WORKER: worker,
  PUSH_ALLOWED_HOSTS: "http://127.0.0.1",
  PUSH_HOURLY_LIMIT: "1000000",
  PUSH_BATCH_SIZE: String(batchSize),
  PUSH_POLL_MS: "100",
});

const order = (i: number, clientStatus: string) => ({
  workOrderNumber: `B-${i}`,
  address1: `${i} Main Street`,
  city: "Round Rock",
  state: "TX",
  zip: "78664",
  clientStatus,
  dueDate: "2026-05-25",
  instructions: "Photograph every side of the house.",
  services: [{ serviceName: "Lawn" }, { serviceName: "Photos", survey: "vendor1::QC-v1" }],
});

async function undelivered(setup: BenchSetup, dataDir: string): Promise<number> {
  const sql = await setup.database.sql(dataDir);
  try {
    const [row] = await sql.all<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "PushJob" WHERE "state" <> 'delivered'`);
    return Number(row!.n); // PostgreSQL's count is a bigint, read as text
  } finally {
    await sql.close();
  }
}

async function importOrders(setup: BenchSetup, dataDir: string, batchSize: number, n: number, clientStatus: string) {
  const server = await setup.portal({ dataDir, env: pushEnv(batchSize, "off") });
  try {
    const file = path.join(dataDir, `orders-${clientStatus.replace(/\W/g, "")}.json`);
    writeFileSync(file, JSON.stringify({ workOrders: Array.from({ length: n }, (_, i) => order(i, clientStatus)) }));
    const started = performance.now();
    const r = await runCliAsync(["orders:import", file, "--integration", "bench"], server.env);
    if (r.code !== 0) throw new Error(r.stderr);
    return { seconds: (performance.now() - started) / 1000, result: r.json() as { created: number; updated: number } };
  } finally {
    await server.stop();
  }
}

/** Starts the server with the worker on and waits until the endpoint has `n` more orders and no job is left. */
async function deliver(setup: BenchSetup, dataDir: string, pruvan: PushEndpoint, batchSize: number, n: number) {
  const before = pruvan.forKey("bench").length;
  const received = () =>
    pruvan
      .forKey("bench")
      .slice(before)
      .flatMap((q) => q.workOrders ?? []).length;
  const started = performance.now();
  const server = await setup.portal({ dataDir, env: pushEnv(batchSize, "on") });
  const cpu0 = cpuMs(server.pid);
  try {
    await pruvan.waitFor(() => received() >= n, 600_000);
    while ((await undelivered(setup, dataDir)) > 0 && performance.now() - started < 600_000) await new Promise((r) => setTimeout(r, 100));
    const calls = pruvan.forKey("bench").slice(before);
    const sizes = calls.map((q) => q.workOrders?.length ?? 0);
    const span = (calls.at(-1)!.at - calls[0]!.at) / 1000;
    return {
      seconds: (performance.now() - started) / 1000,
      span,
      calls: calls.length,
      sizes,
      received: received(),
      left: await undelivered(setup, dataDir),
      cpu: cpuMs(server.pid) - cpu0,
    };
  } finally {
    await server.stop();
  }
}

async function connect(setup: BenchSetup, dataDir: string, pruvan: PushEndpoint, batchSize: number) {
  const server: BenchServer = await setup.portal({ dataDir, env: pushEnv(batchSize, "off") });
  try {
    const made = await runCliAsync(["integration:create", "--username", "bench", "--mode", "internal"], server.env);
    if (made.code !== 0) throw new Error(made.stderr);
    const { token } = made.json() as { token: string };
    const body = multipart({ username: "bench", password: sha1Hex(token), token, pushkey: pruvan.url("bench") });
    const r = await drive({
      url: server.url,
      connections: 1,
      amount: 1,
      request: () => ({ method: "POST", path: "/api/pruvan/validate.html", headers: body.headers, body: body.body }),
    });
    if (r.failures.length) throw new Error(r.failures.join("; "));
  } finally {
    await server.stop();
  }
}

export async function pushDelivery(setup: BenchSetup, opts: PushOptions) {
  const rows: Array<Record<string, string | number>> = [];
  for (let round = 0; round < opts.rounds; round++) {
    const pruvan = await startPushEndpoint();
    const dataDir = freshDataDir("bench-push");
    try {
      await connect(setup, dataDir, pruvan, opts.batchSize);
      for (const [what, status] of [
        ["create", "Order Created"],
        ["update", "Rush Order"],
      ] as const) {
        const imported = await importOrders(setup, dataDir, opts.batchSize, opts.orders, status);
        const d = await deliver(setup, dataDir, pruvan, opts.batchSize, opts.orders);
        const fullBatches = d.sizes.slice(0, -1).every((s) => s === opts.batchSize) && d.sizes.at(-1)! <= opts.batchSize;
        rows.push({
          round: round + 1,
          "queued by import": `${opts.orders} ${what}s in ${imported.seconds.toFixed(1)} s`,
          "orders received": d.received,
          "jobs not delivered": d.left,
          calls: d.calls,
          "orders per call": `${Math.min(...d.sizes)}..${Math.max(...d.sizes)} (batch ${opts.batchSize}: ${fullBatches ? "as configured" : "NOT as configured"})`,
          "start to all delivered (s)": d.seconds.toFixed(1),
          "first to last call (s)": d.span.toFixed(1),
          "orders/s": Math.round(opts.orders / d.span),
          "server CPU (s)": (d.cpu / 1000).toFixed(1),
        });
        recordFigure(
          `push: ${opts.orders} queued orders (${what}s) to a local push endpoint, batch ${opts.batchSize} (target: all delivered, batches as configured)`,
          setup.label,
          `${d.received} delivered, ${d.left} left, ${d.calls} calls; first to last call ${d.span.toFixed(1)} s (${Math.round(opts.orders / d.span)} orders/s), start to all delivered ${d.seconds.toFixed(1)} s; import ${imported.seconds.toFixed(1)} s: ${d.left === 0 && d.received >= opts.orders && fullBatches ? "met" : "NOT met"}`,
        );
      }
    } finally {
      await pruvan.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  printTable(`Push [${setup.label}]: ${opts.orders} queued orders to a local push endpoint, worker in the production server`, rows, [
    "import through `orders:import` with the worker off; then the server started with PUSH_WORKER=on, timed until every order arrived and no job is left",
  ]);
}
