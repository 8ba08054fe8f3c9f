import path from "node:path";
import Database from "better-sqlite3";
import { sha1Hex } from "@/lib/integrations/api-keys";
import { cpuMs, drive, median, ms, multipart, printTable, quantile, ratio, startBaseline, startPortal, type BenchServer } from "./harness";
import { seedPullDatabase, touchOrders } from "./seed";

// getWorkOrders as Pruvan calls it, one pull at a time, on 100,000 orders over 20
// integrations: a full refresh of one integration's 5000 orders x 3 services, and an
// incremental pull with 50 changed orders. Ours and the baseline, on the same file.

export type PullOptions = { orders: number; rounds: number; runs: number };

type Answer = { workOrders?: unknown[]; error?: string };

async function timePulls(server: BenchServer, route: string, payload: object, runs: number, expect: number, cpu: number[]) {
  const body = multipart(payload);
  const check = (status: number, text: string) => {
    const answer = JSON.parse(text) as Answer;
    if (status !== 200 || answer.error) return `HTTP ${status}: ${text.slice(0, 200)}`;
    return answer.workOrders?.length === expect ? null : `expected ${expect} orders, got ${answer.workOrders?.length}`;
  };
  const request = () => ({ method: "POST", path: route, headers: body.headers, body: body.body });
  await drive({ url: server.url, connections: 1, amount: 2, request, check }); // warm-up
  const cpu0 = cpuMs(server.pid);
  const result = await drive({ url: server.url, connections: 1, amount: runs, request, check });
  cpu.push((cpuMs(server.pid) - cpu0) / runs);
  if (result.failures.length) throw new Error(`${route}: ${result.failures.join("; ")}\nserver log:\n${server.log().slice(-3000)}`);
  return result.latencies;
}

/** Server-side durations the portal recorded for its last `n` getWorkOrders calls. */
function recordedDurations(server: BenchServer, n: number): number[] {
  const sqlite = new Database(path.join(server.dataDir, "portal.db"), { readonly: true });
  try {
    const rows = sqlite
      .prepare(`SELECT "durationMs" FROM "PruvanCall" WHERE endpoint = 'getWorkOrders' ORDER BY "createdAt" DESC LIMIT ?`)
      .all(n) as Array<{ durationMs: number }>;
    return rows.map((r) => r.durationMs).sort((a, b) => a - b);
  } finally {
    sqlite.close();
  }
}

async function pullBenchmark(kind: "full" | "incremental", opts: PullOptions) {
  const portal = await startPortal();
  let baseline: BenchServer | undefined;
  try {
    const seed = seedPullDatabase(portal, opts.orders);
    const changed = kind === "incremental" ? touchOrders(portal, seed.integrationId, 50).length : 0;
    const timestamp = kind === "full" ? null : Math.floor(Date.now() / 1000) - 60;
    const expect = kind === "full" ? 5000 : changed;
    const payload = { username: seed.username, password: sha1Hex(seed.token), token: seed.token, timestamp };
    baseline = await startBaseline(portal.dataDir);

    const ours: number[][] = [];
    const base: number[][] = [];
    const recorded: number[] = [];
    const ourCpu: number[] = [];
    const baseCpu: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      ours.push(await timePulls(portal, "/api/pruvan/getWorkOrders.html", payload, opts.runs, expect, ourCpu));
      recorded.push(...recordedDurations(portal, opts.runs));
      base.push(await timePulls(baseline, "/getWorkOrders", payload, opts.runs, expect, baseCpu));
    }
    const all = ours.flat().sort((a, b) => a - b);
    const allBase = base.flat().sort((a, b) => a - b);
    const target = kind === "full" ? 300 : 30;
    printTable(
      kind === "full"
        ? `getWorkOrders full refresh: ${expect} orders x 3 services for one integration of 20 (${seed.orders} orders in the database)`
        : `getWorkOrders incremental: ${expect} changed orders of ${seed.orders}`,
      [
        {
          server: "portal",
          "median (ms)": ms(quantile(all, 0.5)),
          "p95 (ms)": ms(quantile(all, 0.95)),
          "round medians (ms)": ours.map((r) => ms(median(r))).join(" / "),
          "in-server median (ms)": ms(quantile(recorded.sort((a, b) => a - b), 0.5)),
          "server CPU/pull (ms)": ms(median(ourCpu)),
          "ours / baseline": ratio(quantile(all, 0.5), quantile(allBase, 0.5)),
          target: `< ${target} ms: ${quantile(all, 0.5) < target ? "met" : "NOT met"}`,
        },
        {
          server: "baseline",
          "median (ms)": ms(quantile(allBase, 0.5)),
          "p95 (ms)": ms(quantile(allBase, 0.95)),
          "round medians (ms)": base.map((r) => ms(median(r))).join(" / "),
          "in-server median (ms)": "-",
          "server CPU/pull (ms)": ms(median(baseCpu)),
          "ours / baseline": "1.00x",
          target: "",
        },
      ],
      [`${opts.rounds} rounds x ${opts.runs} sequential pulls after 2 warm-ups; client-side round trip, JSON included`],
    );
  } finally {
    await baseline?.stop();
    await portal.stop();
  }
}

export const pullFull = (opts: PullOptions) => pullBenchmark("full", opts);
export const pullIncremental = (opts: PullOptions) => pullBenchmark("incremental", opts);
