// `npm run bench [-- NAME...] [--database sqlite|postgresql|both] [--storage disk|s3]
// [--rounds 3] [--runs N] [--orders 100000] [--cpu-prof DIR]`: every benchmark of issues 6
// and 13, or the named ones, against a production build (built first when missing or
// stale), load driven from this process. Each runs on SQLite + a folder and on PostgreSQL +
// an S3 bucket (both by default; scripts/bench/setup.ts), each portal on a fresh database.
// Prints one table per benchmark with median, p95, the machine's cores and load average,
// and ours / baseline; at the end a Markdown table of both setups side by side.
import { ensureBuild } from "./build";
import { machine, numberFlag } from "./harness";
import { ordersPage } from "./orders-page";
import { pullFull, pullIncremental } from "./pull";
import { pushDelivery } from "./push";
import { reportBench } from "./report";
import { databaseKinds, startSetup, type BenchSetup } from "./setup";
import { printSummary } from "./summary";
import { uploadMemory, uploadPaired, uploadThroughput, type UploadOptions } from "./upload";

/** `setups: "sqlite"`: a benchmark of the embedded setup only (the report reads photos from the folder it seeds). */
type Benchmark = { name: string; summary: string; setups?: "sqlite"; run: (setup: BenchSetup) => Promise<void> };

const rounds = numberFlag("rounds", 3);
const orders = numberFlag("orders", 100_000);

const BENCHMARKS: Benchmark[] = [
  {
    name: "pull-full",
    summary: "getWorkOrders full refresh, 5000 orders x 3 services of 100,000",
    run: (s) => pullFull(s, { orders, rounds, runs: numberFlag("runs", 10) }),
  },
  {
    name: "pull-incremental",
    summary: "getWorkOrders incremental, 50 changed of 100,000",
    run: (s) => pullIncremental(s, { orders, rounds, runs: numberFlag("runs", 40) }),
  },
  {
    name: "upload",
    summary: "uploadPictures 5 MB photos at concurrency 1, 8, 32 vs the baseline",
    run: (s) => uploadThroughput(s, uploadOptions()),
  },
  {
    name: "upload-paired",
    summary: "uploadPictures 5 MB photos one at a time, ours and the baseline in turn (steady under load)",
    run: (s) => uploadPaired(s, { ...uploadOptions(), pairs: numberFlag("pairs", 80) }),
  },
  { name: "upload-memory", summary: "server peak RSS with 32 parallel 20 MB uploads", run: (s) => uploadMemory(s, uploadOptions()) },
  {
    name: "orders-page",
    summary: "orders list page, signed in, filtered and sorted, 100,000 orders",
    run: (s) => ordersPage(s, { orders, rounds, runs: numberFlag("runs", 15) }),
  },
  {
    name: "report",
    summary: "property report (PDF) of one order with 200 phone-sized photos: time and peak RSS (SQLite only)",
    setups: "sqlite",
    run: () => reportBench({ photos: numberFlag("report-photos", 200), rounds: Math.max(2, rounds) }),
  },
  {
    name: "push",
    summary: "push 10,000 queued orders to a local push endpoint, batches as configured",
    run: (s) => pushDelivery(s, { orders: numberFlag("push-orders", 10_000), batchSize: numberFlag("batch", 100), rounds: 1 }),
  },
];

function uploadOptions(): UploadOptions {
  return {
    rounds,
    mb: numberFlag("mb", 5),
    concurrency: [1, 8, 32],
    rssMb: numberFlag("rss-mb", 20),
    rssParallel: numberFlag("parallel", 32),
  };
}

async function main() {
  const names = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) {
    console.error(
      `Unknown benchmark ${unknown.join(", ")}. Choose from:\n${BENCHMARKS.map((b) => `  ${b.name.padEnd(18)} ${b.summary}`).join("\n")}`,
    );
    process.exit(2);
  }
  const kinds = databaseKinds();
  ensureBuild();
  console.log(`npm run bench ${process.argv.slice(2).join(" ")}\n${machine()}`);
  const chosen = BENCHMARKS.filter((b) => names.length === 0 || names.includes(b.name));
  for (const kind of kinds) {
    const here = chosen.filter((b) => !b.setups || b.setups === kind);
    if (here.length === 0) continue;
    const setup = await startSetup(kind);
    try {
      console.log(`\n=== ${setup.label} ===`);
      for (const b of here) await b.run(setup);
    } finally {
      await setup.stop();
    }
  }
  printSummary(`npm run bench ${process.argv.slice(2).join(" ")}; ${machine()}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
