import { sha1Hex } from "@/lib/integrations/api-keys";
import { cpuMs, drive, median, ms, multipart, printTable, profileArgs, quantile, ratio, startBaseline, type BenchServer } from "./harness";
import { seedPullDatabase, touchOrders } from "./seed";
import type { BenchSetup } from "./setup";
import { recordFigure } from "./summary";

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
async function recordedDurations(setup: BenchSetup, server: BenchServer, n: number): Promise<number[]> {
  const sql = await setup.database.sql(server.dataDir);
  try {
    const rows = await sql.all<{ durationMs: number }>(
      `SELECT "durationMs" FROM "PruvanCall" WHERE endpoint = 'getWorkOrders' ORDER BY "createdAt" DESC LIMIT ?`,
      [n],
    );
    return rows.map((r) => r.durationMs).sort((a, b) => a - b);
  } finally {
    await sql.close();
  }
}

async function pullBenchmark(kind: "full" | "incremental", setup: BenchSetup, opts: PullOptions) {
  const portal = await setup.portal({ nodeArgs: profileArgs(`portal-pull-${kind}`) });
  let baseline: BenchServer | undefined;
  try {
    const seed = await seedPullDatabase(setup, portal, opts.orders);
    const changed = kind === "incremental" ? (await touchOrders(setup, portal, seed.integrationId, 50)).length : 0;
    const timestamp = kind === "full" ? null : Math.floor(Date.now() / 1000) - 60;
    const expect = Math.min(kind === "full" ? 5000 : changed, Math.floor(seed.orders / 20));
    const payload = { username: seed.username, password: sha1Hex(seed.token), token: seed.token, timestamp };
    baseline = await startBaseline(portal.dataDir, profileArgs(`baseline-pull-${kind}`), portal.env.DATABASE_URL);

    const ours: number[][] = [];
    const base: number[][] = [];
    const recorded: number[] = [];
    const ourCpu: number[] = [];
    const baseCpu: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      ours.push(await timePulls(portal, "/api/pruvan/getWorkOrders.html", payload, opts.runs, expect, ourCpu));
      recorded.push(...(await recordedDurations(setup, portal, opts.runs)));
      base.push(await timePulls(baseline, "/getWorkOrders", payload, opts.runs, expect, baseCpu));
    }
    const all = ours.flat().sort((a, b) => a - b);
    const allBase = base.flat().sort((a, b) => a - b);
    const target = TARGETS[setup.database.kind][kind];
    const met = quantile(all, 0.5) < target;
    recordFigure(
      kind === "full"
        ? `getWorkOrders full refresh, ${expect} of ${seed.orders} orders (target ${TARGETS.sqlite.full} / ${TARGETS.postgresql.full} ms)`
        : `getWorkOrders incremental, ${expect} changed of ${seed.orders} (target ${TARGETS.sqlite.incremental} / ${TARGETS.postgresql.incremental} ms)`,
      setup.label,
      `median ${ms(quantile(all, 0.5))} ms, p95 ${ms(quantile(all, 0.95))} ms; baseline ${ms(quantile(allBase, 0.5))} ms (${ratio(quantile(all, 0.5), quantile(allBase, 0.5))}): ${met ? "met" : "NOT met"}`,
    );
    printTable(
      kind === "full"
        ? `getWorkOrders full refresh [${setup.label}]: ${expect} orders x 3 services for one integration of 20 (${seed.orders} orders in the database)`
        : `getWorkOrders incremental [${setup.label}]: ${expect} changed orders of ${seed.orders}`,
      [
        {
          server: "portal",
          "median (ms)": ms(quantile(all, 0.5)),
          "p95 (ms)": ms(quantile(all, 0.95)),
          "round medians (ms)": ours.map((r) => ms(median(r))).join(" / "),
          "in-server median (ms)": ms(
            quantile(
              recorded.sort((a, b) => a - b),
              0.5,
            ),
          ),
          "server CPU/pull (ms)": ms(median(ourCpu)),
          "ours / baseline": ratio(quantile(all, 0.5), quantile(allBase, 0.5)),
          target: `< ${target} ms: ${met ? "met" : "NOT met"}`,
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

/** Issue 6 set SQLite's targets; issue 13 PostgreSQL's (a network round trip and a server process between the portal and its rows). */
const TARGETS = { sqlite: { full: 300, incremental: 30 }, postgresql: { full: 400, incremental: 40 } } as const;

export const pullFull = (setup: BenchSetup, opts: PullOptions) => pullBenchmark("full", setup, opts);
export const pullIncremental = (setup: BenchSetup, opts: PullOptions) => pullBenchmark("incremental", setup, opts);
