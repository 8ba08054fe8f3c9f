import { runCli } from "../../tests/support/server";
import { Browserless } from "../../tests/support/session";
import { drive, median, ms, printTable, quantile, ratio, startBaseline, type BenchServer } from "./harness";
import type { BenchSetup } from "./setup";
import { recordFigure } from "./summary";

// The orders list page as staff use it: a signed-in GET of the real page (server
// components, the list query, the count, the HTML) on 100,000 orders, filtered and
// sorted, one request at a time. The baseline does the first case at its plainest (count,
// one page, an HTML table; no session, no layout), so only that row has a ratio.

export type OrdersPageOptions = { orders: number; rounds: number; runs: number };

const STAFF = { email: "bench@example.com", password: "bench-password-1" };

function cases(integration: string) {
  return [
    { name: "status assigned, by due date", search: "status=assigned&sort=due" },
    { name: "one integration of 20, by number", search: `integration=${integration}&sort=number` },
    { name: "overdue, by due date", search: "overdue=1&sort=due" },
    { name: "search city, by city", search: "q=Austin&sort=city" },
    { name: "client status, by updated (default)", search: "client=Rush+Order" },
    { name: "no filter, page 200", search: "page=200" },
  ];
}

async function signedIn(server: BenchServer): Promise<string> {
  const made = runCli(["user:create", "--email", STAFF.email, "--role", "staff"], server.env, STAFF.password);
  if (made.code !== 0) throw new Error(made.stderr);
  const browser = new Browserless(server.url);
  const res = await browser.signIn(STAFF.email, STAFF.password);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
  return browser.cookieHeader();
}

async function timeGets(server: BenchServer, route: string, runs: number, headers: Record<string, string> = {}) {
  const request = () => ({ path: route, headers });
  const check = (status: number, body: string) => (status === 200 && body.length > 0 ? null : `HTTP ${status}: ${body.slice(0, 200)}`);
  await drive({ url: server.url, connections: 1, amount: 2, request, check });
  const r = await drive({ url: server.url, connections: 1, amount: runs, request, check });
  if (r.failures.length) throw new Error(`${route}: ${r.failures.join("; ")}`);
  return r.latencies;
}

export async function ordersPage(setup: BenchSetup, opts: OrdersPageOptions) {
  const portal = await setup.portal();
  let baseline: BenchServer | undefined;
  try {
    const generated = await setup.database.generate(portal.dataDir, { orders: opts.orders });
    const cookie = await signedIn(portal);
    baseline = await startBaseline(portal.dataDir, [], portal.env.DATABASE_URL);
    const rows: Array<Record<string, string | number>> = [];
    const base: number[] = [];
    const all = cases(generated.usernames[3]!);
    const perCase = new Map<string, number[][]>(all.map((c) => [c.name, []]));
    for (let round = 0; round < opts.rounds; round++) {
      for (const c of all) perCase.get(c.name)!.push(await timeGets(portal, `/orders?${c.search}`, opts.runs, { cookie }));
      base.push(...(await timeGets(baseline, "/orders?status=assigned", opts.runs)));
    }
    const baseMedian = median(base);
    const medians = all.map((c) => median(perCase.get(c.name)!.flat()));
    for (const [i, c] of all.entries()) {
      const rounds = perCase.get(c.name)!;
      const times = rounds.flat().sort((a, b) => a - b);
      rows.push({
        case: c.name,
        "median (ms)": ms(quantile(times, 0.5)),
        "p95 (ms)": ms(quantile(times, 0.95)),
        "round medians (ms)": rounds.map((r) => ms(median(r))).join(" / "),
        "ours / baseline": i === 0 ? ratio(quantile(times, 0.5), baseMedian) : "-",
        target: `< 150 ms: ${quantile(times, 0.5) < 150 ? "met" : "NOT met"}`,
      });
    }
    rows.push({
      case: "baseline: status assigned, by due date",
      "median (ms)": ms(baseMedian),
      "p95 (ms)": ms(
        quantile(
          base.sort((a, b) => a - b),
          0.95,
        ),
      ),
      "round medians (ms)": "",
      "ours / baseline": "1.00x",
      target: "",
    });
    recordFigure(
      `orders list page, signed in, ${generated.orders} orders, ${all.length} filter/sort cases (target < 150 ms)`,
      setup.label,
      `medians ${ms(Math.min(...medians))}-${ms(Math.max(...medians))} ms; bare count + page ${ms(baseMedian)} ms: ${Math.max(...medians) < 150 ? "met" : "NOT met"}`,
    );
    printTable(
      `Orders list page [${setup.label}], signed in, ${generated.orders} orders (${generated.services} services, ${generated.photos} photos) over ${generated.integrations} integrations`,
      rows,
      [`${opts.rounds} rounds x ${opts.runs} sequential GETs per case after 2 warm-ups; time to the last byte of the HTML`],
    );
  } finally {
    await baseline?.stop();
    await portal.stop();
  }
}
