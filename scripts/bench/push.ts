import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { sha1Hex } from "@/lib/integrations/api-keys";
import { startPushEndpoint, type PushEndpoint } from "../../tests/support/pruvan-push";
import { freshDataDir, runCliAsync } from "../../tests/support/server";
import { cpuMs, drive, multipart, printTable, startPortal, type BenchServer } from "./harness";

// Push: N orders imported through the CLI while the push worker is off, then the
// production server started with the worker on, timed until a local endpoint playing
// Pruvan's push key has every order; then the same N orders updated and pushed again.
// Checks that every job was delivered and every call carried at most PUSH_BATCH_SIZE orders.

export type PushOptions = { orders: number; batchSize: number; rounds: number };

const pushEnv = (batchSize: number, worker: "on" | "off") => ({
  PUSH_WORKER: worker, PUSH_ALLOWED_HOSTS: "http://127.0.0.1", PUSH_HOURLY_LIMIT: "1000000", PUSH_BATCH_SIZE: String(batchSize), PUSH_POLL_MS: "100",
});

const order = (i: number, clientStatus: string) => ({
  workOrderNumber: `B-${i}`, address1: `${i} Main Street`, city: "Round Rock", state: "TX", zip: "78664", clientStatus,
  dueDate: "2026-05-25", instructions: "Photograph every side of the house.",
  services: [{ serviceName: "Lawn" }, { serviceName: "Photos", survey: "vendor1::QC-v1" }],
});

function undelivered(dataDir: string): number {
  const sqlite = new Database(path.join(dataDir, "portal.db"), { readonly: true });
  try {
    return (sqlite.prepare(`SELECT COUNT(*) AS n FROM "PushJob" WHERE "state" <> 'delivered'`).get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

async function importOrders(dataDir: string, batchSize: number, n: number, clientStatus: string) {
  const server = await startPortal(dataDir, pushEnv(batchSize, "off"));
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
async function deliver(dataDir: string, pruvan: PushEndpoint, batchSize: number, n: number) {
  const before = pruvan.forKey("bench").length;
  const received = () => pruvan.forKey("bench").slice(before).flatMap((q) => q.workOrders ?? []).length;
  const started = performance.now();
  const server = await startPortal(dataDir, pushEnv(batchSize, "on"));
  const cpu0 = cpuMs(server.pid);
  try {
    await pruvan.waitFor(() => received() >= n, 600_000);
    while (undelivered(dataDir) > 0 && performance.now() - started < 600_000) await new Promise((r) => setTimeout(r, 100));
    const calls = pruvan.forKey("bench").slice(before);
    const sizes = calls.map((q) => q.workOrders?.length ?? 0);
    const span = (calls.at(-1)!.at - calls[0]!.at) / 1000;
    return { seconds: (performance.now() - started) / 1000, span, calls: calls.length, sizes, received: received(), left: undelivered(dataDir), cpu: cpuMs(server.pid) - cpu0 };
  } finally {
    await server.stop();
  }
}

async function connect(dataDir: string, pruvan: PushEndpoint, batchSize: number) {
  const server: BenchServer = await startPortal(dataDir, pushEnv(batchSize, "off"));
  try {
    const made = await runCliAsync(["integration:create", "--username", "bench", "--mode", "internal"], server.env);
    if (made.code !== 0) throw new Error(made.stderr);
    const { token } = made.json() as { token: string };
    const body = multipart({ username: "bench", password: sha1Hex(token), token, pushkey: pruvan.url("bench") });
    const r = await drive({ url: server.url, connections: 1, amount: 1, request: () => ({ method: "POST", path: "/api/pruvan/validate.html", headers: body.headers, body: body.body }) });
    if (r.failures.length) throw new Error(r.failures.join("; "));
  } finally {
    await server.stop();
  }
}

export async function pushDelivery(opts: PushOptions) {
  const rows: Array<Record<string, string | number>> = [];
  for (let round = 0; round < opts.rounds; round++) {
    const pruvan = await startPushEndpoint();
    const dataDir = freshDataDir("bench-push");
    try {
      await connect(dataDir, pruvan, opts.batchSize);
      for (const [what, status] of [["create", "Order Created"], ["update", "Rush Order"]] as const) {
        const imported = await importOrders(dataDir, opts.batchSize, opts.orders, status);
        const d = await deliver(dataDir, pruvan, opts.batchSize, opts.orders);
        const fullBatches = d.sizes.slice(0, -1).every((s) => s === opts.batchSize) && d.sizes.at(-1)! <= opts.batchSize;
        rows.push({
          round: round + 1, "queued by import": `${opts.orders} ${what}s in ${imported.seconds.toFixed(1)} s`,
          "orders received": d.received, "jobs not delivered": d.left, calls: d.calls,
          "orders per call": `${Math.min(...d.sizes)}..${Math.max(...d.sizes)} (batch ${opts.batchSize}: ${fullBatches ? "as configured" : "NOT as configured"})`,
          "start to all delivered (s)": d.seconds.toFixed(1), "first to last call (s)": d.span.toFixed(1),
          "orders/s": Math.round(opts.orders / d.span), "server CPU (s)": (d.cpu / 1000).toFixed(1),
        });
      }
    } finally {
      await pruvan.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  printTable(`Push: ${opts.orders} queued orders to a local push endpoint, worker in the production server`, rows, [
    "import through `orders:import` with the worker off; then the server started with PUSH_WORKER=on, timed until every order arrived and no job is left",
  ]);
}
