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

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const ORDERS = arg("orders", 100_000);
const RUNS = arg("runs", 15);
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
    { name: "due in a 7-day window", search: `dueAfter=${today}&dueBefore=${new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)}` },
    { name: "include deleted", search: "deleted=1" },
    { name: "search number (q=0004242)", search: "q=0004242" },
    { name: "search city (q=Austin)", search: "q=Austin" },
    { name: "search zip (q=78701)", search: "q=78701" },
    { name: "search no match (q=zzzz)", search: "q=zzzz" },
    { name: "everything: status+overdue+photos+sort due", search: "status=assigned&overdue=1&photos=1&sort=due" },
  ];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const fmt = (ms: number) => ms.toFixed(1).padStart(7);

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

  console.log(`\n${"case".padEnd(46)} ${"rows".padStart(7)} ${"median".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  (ms, ${RUNS} runs)`);
  for (const c of cases(generated.usernames[3]!)) {
    const query = parseOrderListQuery(new URLSearchParams(c.search));
    const first = await listOrderPage(query); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await listOrderPage(query);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${c.name.padEnd(46)} ${String(first.total).padStart(7)} ${fmt(quantile(times, 0.5))} ${fmt(quantile(times, 0.95))} ${fmt(times.at(-1)!)}`);
  }

  const t = performance.now();
  let exported = 0;
  for await (const rows of orderRowsInListOrder(parseOrderListQuery())) exported += rows.length;
  const exportMs = performance.now() - t;
  console.log(`\nCSV export rows, whole list in list order: ${exported} rows in ${exportMs.toFixed(0)} ms (${Math.round(exported / (exportMs / 1000))} rows/s)`);

  const dashboard = await import("@/lib/dashboard/summary").catch(() => null);
  if (dashboard) {
    await dashboard.dashboardSummary();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await dashboard.dashboardSummary();
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    console.log(`dashboard summary (all counts): median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms`);
  }

  await db().$disconnect();
  if (!KEEP) rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
