// Times the orders list's queries (lib/orders/list) on a generated database:
//
//   node --import tsx scripts/bench/orders-list.ts [--orders 100000] [--runs 15] [--keep]
//
// Builds a fresh, migrated SQLite file in a temp folder, fills it with
// scripts/bench/generate-orders.ts, then runs each list query (count + one page, as the
// page does) `runs` times after one warm-up and prints median / p95 / max per case, plus
// a full CSV export pass. Figures, not assertions: compare runs before and after a change.
import { rmSync } from "node:fs";
import path from "node:path";
import { freshDataDir } from "../../tests/support/server";
import { generateOrders } from "./generate-orders";
import { numberFlag, printTable } from "./harness";

const ORDERS = numberFlag("orders", 100_000);
const RUNS = numberFlag("runs", 15);
const KEEP = process.argv.includes("--keep");

type Case = { name: string; search: string };

function cases(integration: string): Case[] {
  const today = new Date().toISOString().slice(0, 10);
  return [
    { name: "default (updated desc), page 1", search: "" },
    { name: "default, page 1000 (offset 49,950)", search: "page=1000" },
    { name: "sort number asc", search: "sort=number" },
    { name: "sort due asc", search: "sort=due" },
    { name: "sort due desc", search: "sort=due&dir=desc" },
    { name: "sort city asc", search: "sort=city" },
    { name: "sort status asc", search: "sort=status" },
    { name: "sort client status asc", search: "sort=client" },
    { name: "status=assigned", search: "status=assigned" },
    { name: "status not set", search: "status=(none)" },
    { name: "pruvan=complete", search: "pruvan=complete" },
    { name: "client=Rush Order", search: "client=Rush+Order" },
    { name: "integration=<one of 20>", search: `integration=${integration}` },
    { name: "integration + sort due", search: `integration=${integration}&sort=due` },
    { name: "overdue", search: "overdue=1" },
    { name: "overdue + sort due", search: "overdue=1&sort=due" },
    { name: "has photos", search: "photos=1" },
    { name: "uploads since today", search: `uploadedSince=${today}` },
    {
      name: "due in a 7-day window",
      search: `dueAfter=${today}&dueBefore=${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}`,
    },
    { name: "include deleted", search: "deleted=1" },
    { name: "search number (q=0004242)", search: "q=0004242" },
    { name: "search city (q=Austin)", search: "q=Austin" },
    { name: "search zip (q=78701)", search: "q=78701" },
    { name: "search no match (q=zzzz)", search: "q=zzzz" },
    { name: "everything: status+overdue+photos+sort due", search: "status=assigned&overdue=1&photos=1&sort=due" },
  ];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (n: number) => n.toFixed(1);

/** Median and p95 of `RUNS` timed calls after one warm-up. */
async function time(run: () => Promise<unknown>) {
  await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95), max: times.at(-1)! };
}

async function main() {
  const dataDir = freshDataDir("bench-orders-list");
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const { migrateDatabase } = await import("@/lib/db/migrate");
  await migrateDatabase();
  const generated = generateOrders(path.join(dataDir, "portal.db"), { orders: ORDERS });
  console.log(
    `generated ${generated.orders} orders, ${generated.services} services, ${generated.photos} photos over ${generated.integrations} integrations in ${generated.ms} ms (${dataDir})`,
  );

  const { listOrderPage, orderRowsInListOrder } = await import("@/lib/orders/list");
  const { parseOrderListQuery } = await import("@/lib/orders/list-filters");
  const { db } = await import("@/lib/db");

  const rows: Record<string, string | number>[] = [];
  for (const c of cases(generated.usernames[3]!)) {
    const query = parseOrderListQuery(new URLSearchParams(c.search));
    const { total } = await listOrderPage(query);
    const t = await time(() => listOrderPage(query));
    rows.push({ case: c.name, matches: total, "median ms": ms(t.median), "p95 ms": ms(t.p95), "max ms": ms(t.max) });
  }
  printTable(`orders list at ${ORDERS.toLocaleString("en-US")} orders: count + one page of 50 (${RUNS} runs)`, rows);

  const t = performance.now();
  let exported = 0;
  for await (const rows of orderRowsInListOrder(parseOrderListQuery())) exported += rows.length;
  const exportMs = performance.now() - t;
  console.log(
    `\nCSV export rows, whole list in list order: ${exported} rows in ${exportMs.toFixed(0)} ms (${Math.round(exported / (exportMs / 1000))} rows/s)`,
  );

  const { dashboardSummary } = await import("@/lib/dashboard/summary");
  const d = await time(() => dashboardSummary());
  console.log(`dashboard summary (every count, in parallel): median ${ms(d.median)} ms, p95 ${ms(d.p95)} ms`);

  await db().$disconnect();
  if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
