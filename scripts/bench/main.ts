// `npm run bench [-- NAME...] [--rounds 3] [--runs N] [--orders 100000] [--storage disk|s3]
// [--cpu-prof DIR]`: every benchmark of
// issue 6, or the named ones, against a production build (built first when missing or
// stale), each on a fresh SQLite file, load driven from this process. Prints one table per
// benchmark with median, p95, the machine's cores and load average, and ours / baseline.
import { ensureBuild } from "./build";
import { machine, numberFlag, textFlag } from "./harness";
import { ordersPage } from "./orders-page";
import { pullFull, pullIncremental } from "./pull";
import { pushDelivery } from "./push";
import { reportBench } from "./report";
import { uploadMemory, uploadPaired, uploadThroughput, type UploadOptions } from "./upload";

type Benchmark = { name: string; summary: string; run: () => Promise<void> };

const rounds = numberFlag("rounds", 3);
const orders = numberFlag("orders", 100_000);

const BENCHMARKS: Benchmark[] = [
  { name: "pull-full", summary: "getWorkOrders full refresh, 5000 orders x 3 services of 100,000", run: () => pullFull({ orders, rounds, runs: numberFlag("runs", 10) }) },
  { name: "pull-incremental", summary: "getWorkOrders incremental, 50 changed of 100,000", run: () => pullIncremental({ orders, rounds, runs: numberFlag("runs", 40) }) },
  { name: "upload", summary: "uploadPictures 5 MB photos at concurrency 1, 8, 32 vs the baseline", run: () => uploadThroughput(uploadOptions()) },
  { name: "upload-paired", summary: "uploadPictures 5 MB photos one at a time, ours and the baseline in turn (steady under load)", run: () => uploadPaired({ ...uploadOptions(), pairs: numberFlag("pairs", 80) }) },
  { name: "upload-memory", summary: "server peak RSS with 32 parallel 20 MB uploads", run: () => uploadMemory(uploadOptions()) },
  { name: "orders-page", summary: "orders list page, signed in, filtered and sorted, 100,000 orders", run: () => ordersPage({ orders, rounds, runs: numberFlag("runs", 15) }) },
  { name: "report", summary: "property report (PDF) of one order with 200 phone-sized photos: time and peak RSS", run: () => reportBench({ photos: numberFlag("report-photos", 200), rounds: Math.max(2, rounds) }) },
  { name: "push", summary: "push 10,000 queued orders to a local push endpoint, batches as configured", run: () => pushDelivery({ orders: numberFlag("push-orders", 10_000), batchSize: numberFlag("batch", 100), rounds: 1 }) },
];

function uploadOptions(): UploadOptions {
  const storage = textFlag("storage") ?? "disk";
  if (storage !== "disk" && storage !== "s3") throw new Error(`--storage is disk or s3, not ${JSON.stringify(storage)}`);
  return { rounds, mb: numberFlag("mb", 5), concurrency: [1, 8, 32], rssMb: numberFlag("rss-mb", 20), rssParallel: numberFlag("parallel", 32), storage };
}

async function main() {
  const names = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !all[i - 1]?.startsWith("--"));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(", ")}. Choose from:\n${BENCHMARKS.map((b) => `  ${b.name.padEnd(18)} ${b.summary}`).join("\n")}`);
    process.exit(2);
  }
  ensureBuild();
  console.log(`npm run bench ${process.argv.slice(2).join(" ")}\n${machine()}`);
  for (const b of BENCHMARKS.filter((b) => names.length === 0 || names.includes(b.name))) await b.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
