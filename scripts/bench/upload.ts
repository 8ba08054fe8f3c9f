import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { freshDataDir, runCli } from "../../tests/support/server";
import {
  cpuMs,
  drive,
  median,
  ms,
  multipart,
  peakRssMb,
  printTable,
  profileArgs,
  quantile,
  ratio,
  startBaseline,
  type BenchServer,
} from "./harness";
import type { BenchSetup } from "./setup";
import { recordFigure } from "./summary";

// uploadPictures as crews' phones deliver it: 5 MB photos at concurrency 1, 8 and 32,
// through our production server and through the baseline (node:http + busboy +
// better-sqlite3, the practical limit); then the server's peak memory with 32 parallel
// 20 MB uploads, which only stays low if files stream to disk.

export type UploadOptions = { rounds: number; mb: number; concurrency: number[]; rssMb: number; rssParallel: number };

const OK = '{"status":true,"error":null}';

/** A "photo": JPEG magic bytes, then incompressible noise (sniffing reads only the head). */
function photo(mb: number): Buffer {
  const bytes = randomBytes(mb * 1024 * 1024);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

function uploads(
  server: BenchServer,
  route: string,
  creds: { username: string; token: string },
  bytes: Buffer,
  connections: number,
  amount: number,
) {
  return drive({
    url: server.url,
    connections,
    amount,
    request: () => {
      const payload = {
        ...creds,
        uuId: randomUUID(),
        fileType: "picture",
        fileExt: "jpg",
        key1: "148",
        key2: "BENCH::WO-1",
        key4: "Exterior Photos",
        evidenceType: "before",
      };
      const body = multipart(payload, { bytes, name: "1415913831993.jpg" });
      return { method: "POST", path: route, headers: body.headers, body: body.body };
    },
    check: (status, text) => (status === 200 && text === OK ? null : `HTTP ${status}: ${text.slice(0, 200)}`),
  });
}

type Figures = { mbPerSec: number[]; latencies: number[]; cpuPerUpload: number[] };

async function measure(
  server: BenchServer,
  route: string,
  creds: { username: string; token: string },
  bytes: Buffer,
  c: number,
  into: Figures,
  storage: string,
) {
  const amount = Math.max(16, 3 * c);
  const cpu0 = cpuMs(server.pid);
  const r = await uploads(server, route, creds, bytes, c, amount);
  if (r.failures.length) throw new Error(`${route} at ${c}: ${r.failures.join("; ")}\nserver log:\n${server.log().slice(-3000)}`);
  into.cpuPerUpload.push((cpuMs(server.pid) - cpu0) / amount);
  into.mbPerSec.push(r.bytesSent / 1e6 / r.seconds);
  into.latencies.push(...r.latencies);
  // Keep the disk from filling over rounds; the folders stay (the baseline writes into tmp/).
  for (const entry of readdirSync(storage, { withFileTypes: true })) {
    if (entry.isFile() || entry.name === "items") rmSync(path.join(storage, entry.name), { recursive: true, force: true });
  }
}

/** The bare baseline's target ratio: the embedded setup's (issue 6), S3's (issue 13: every byte crosses the network once more). */
const targetRatio = (setup: BenchSetup) => (setup.storage.kind === "s3" ? 0.6 : 0.67);

export async function uploadThroughput(setup: BenchSetup, opts: UploadOptions) {
  const { storage } = setup;
  const dataDir = freshDataDir("bench");
  const portal = await setup.portal({ dataDir, nodeArgs: profileArgs("portal") });
  const target = targetRatio(setup);
  let baseline: BenchServer | undefined;
  // On S3 also the baseline with its files in the same bucket: what the bucket's own work
  // (here s3rver, on the same two cores) adds to any server, shown beside the bare ratio.
  const bucketDir = storage.kind === "s3" ? freshDataDir("bench-baseline-s3") : undefined;
  let bucketBaseline: BenchServer | undefined;
  try {
    const created = runCli(["integration:create", "--username", "bench", "--mode", "internal"], portal.env);
    if (created.code !== 0) throw new Error(created.stderr);
    const creds = { username: "bench", token: (created.json() as { token: string }).token };
    baseline = await startBaseline(portal.dataDir, profileArgs("baseline"), portal.env.DATABASE_URL);
    if (bucketDir) bucketBaseline = await startBaseline(bucketDir, [], portal.env.DATABASE_URL, storage.env(bucketDir));
    const bytes = photo(opts.mb);
    // Warm-up: a long-running server has compiled its hot paths; measure that, not the first calls.
    await uploads(portal, "/api/pruvan/uploadPictures.html", creds, bytes, 4, 24);
    await uploads(baseline, "/uploadPictures", creds, bytes, 4, 24);
    if (bucketBaseline) await uploads(bucketBaseline, "/uploadPictures", creds, bytes, 4, 24);

    const rows: Array<Record<string, string | number>> = [];
    for (const c of opts.concurrency) {
      const ours: Figures = { mbPerSec: [], latencies: [], cpuPerUpload: [] };
      const base: Figures = { mbPerSec: [], latencies: [], cpuPerUpload: [] };
      const inBucket: Figures = { mbPerSec: [], latencies: [], cpuPerUpload: [] };
      for (let round = 0; round < opts.rounds; round++) {
        await measure(portal, "/api/pruvan/uploadPictures.html", creds, bytes, c, ours, storage.folder(portal.dataDir));
        await measure(baseline, "/uploadPictures", creds, bytes, c, base, path.join(portal.dataDir, "baseline-storage"));
        if (bucketBaseline && bucketDir)
          await measure(bucketBaseline, "/uploadPictures", creds, bytes, c, inBucket, storage.folder(bucketDir));
      }
      const [o, b, k] = [ours, base, inBucket].map((f) => ({ ...f, latencies: f.latencies.sort((x, y) => x - y) }));
      const throughput = ratio(median(o!.mbPerSec), median(b!.mbPerSec));
      const met = median(o!.mbPerSec) >= median(b!.mbPerSec) * target;
      const vsBucket = bucketBaseline ? ratio(median(o!.mbPerSec), median(inBucket.mbPerSec)) : null;
      recordFigure(
        `uploadPictures ${opts.mb} MB at concurrency ${c}, ours / baseline MB/s (target 0.67x; on S3 0.6x)`,
        setup.label,
        `${median(o!.mbPerSec).toFixed(0)} vs ${median(b!.mbPerSec).toFixed(0)} MB/s = ${throughput}; median ${ms(quantile(o!.latencies, 0.5))} vs ${ms(quantile(b!.latencies, 0.5))} ms: ${met ? "met" : "NOT met"}` +
          (vsBucket
            ? `; against the baseline with its files in the same bucket (${median(inBucket.mbPerSec).toFixed(0)} MB/s): ${vsBucket}`
            : ""),
      );
      rows.push(
        {
          concurrency: c,
          server: "portal",
          "MB/s (median of rounds)": median(o!.mbPerSec).toFixed(0),
          "rounds MB/s": o!.mbPerSec.map((x) => x.toFixed(0)).join(" / "),
          "median (ms)": ms(quantile(o!.latencies, 0.5)),
          "p95 (ms)": ms(quantile(o!.latencies, 0.95)),
          "server CPU/upload (ms)": ms(median(o!.cpuPerUpload)),
          "ours / baseline MB/s": throughput,
          target: `>= ${target}x: ${met ? "met" : "NOT met"}`,
        },
        {
          concurrency: c,
          server: "baseline",
          "MB/s (median of rounds)": median(b!.mbPerSec).toFixed(0),
          "rounds MB/s": b!.mbPerSec.map((x) => x.toFixed(0)).join(" / "),
          "median (ms)": ms(quantile(b!.latencies, 0.5)),
          "p95 (ms)": ms(quantile(b!.latencies, 0.95)),
          "server CPU/upload (ms)": ms(median(b!.cpuPerUpload)),
          "ours / baseline MB/s": "1.00x",
          target: "",
        },
      );
      if (vsBucket)
        rows.push({
          concurrency: c,
          server: "baseline + S3",
          "MB/s (median of rounds)": median(k!.mbPerSec).toFixed(0),
          "rounds MB/s": k!.mbPerSec.map((x) => x.toFixed(0)).join(" / "),
          "median (ms)": ms(quantile(k!.latencies, 0.5)),
          "p95 (ms)": ms(quantile(k!.latencies, 0.95)),
          "server CPU/upload (ms)": ms(median(k!.cpuPerUpload)),
          "ours / baseline MB/s": `ours / it: ${vsBucket}`,
          target: "",
        });
    }
    printTable(
      `uploadPictures [${setup.label}]: ${opts.mb} MB photos, ours${storageNote(setup)} vs the baseline (a folder and SQLite)`,
      rows,
      [
        `24 warm-up uploads, then ${opts.rounds} rounds per concurrency of max(16, 3 x concurrency) uploads each; throughput = request bytes / wall time`,
        ...(bucketBaseline
          ? ["baseline + S3: the same baseline with each file put to the same bucket (one PutObject from its local file) before its row"]
          : []),
      ],
    );
  } finally {
    await bucketBaseline?.stop();
    if (bucketDir) rmSync(bucketDir, { recursive: true, force: true });
    await baseline?.stop();
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const storageNote = (setup: BenchSetup) =>
  setup.storage.kind === "s3" ? " on S3 storage (s3rver, in a process of its own on this machine)" : "";

export async function uploadMemory(setup: BenchSetup, opts: UploadOptions) {
  const rows: Array<Record<string, string | number>> = [];
  const { storage } = setup;
  const peaks: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    const dataDir = freshDataDir("bench");
    const portal = await setup.portal({ dataDir });
    try {
      const created = runCli(["integration:create", "--username", "bench", "--mode", "internal"], portal.env);
      const creds = { username: "bench", token: (created.json() as { token: string }).token };
      const idle = peakRssMb(portal.pid);
      const r = await uploads(portal, "/api/pruvan/uploadPictures.html", creds, photo(opts.rssMb), opts.rssParallel, opts.rssParallel * 2);
      if (r.failures.length) throw new Error(`${r.failures.join("; ")}\nserver log:\n${portal.log().slice(-4000)}`);
      const peak = peakRssMb(portal.pid);
      peaks.push(peak);
      rows.push({
        round: round + 1,
        uploads: r.latencies.length,
        "MB each": opts.rssMb,
        parallel: opts.rssParallel,
        "MB/s": (r.bytesSent / 1e6 / r.seconds).toFixed(0),
        "peak RSS before (MB)": idle,
        "peak RSS after (MB)": peak,
        target: `< 350 MB: ${peak < 350 ? "met" : "NOT met"}`,
      });
    } finally {
      await portal.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(storage.folder(dataDir), { recursive: true, force: true });
    }
  }
  recordFigure(
    `uploadPictures ${opts.rssParallel} parallel x ${opts.rssMb} MB, server peak RSS (target < 350 MB)`,
    setup.label,
    `${Math.min(...peaks)}-${Math.max(...peaks)} MB: ${Math.max(...peaks) < 350 ? "met" : "NOT met"}`,
  );
  printTable(
    `uploadPictures memory [${setup.label}]: ${opts.rssParallel} parallel ${opts.rssMb} MB uploads${storageNote(setup)}, server peak RSS (VmHWM), fresh server per round`,
    rows,
  );
}

/**
 * Single uploads, ours and the baseline's taking turns one at a time, each on a connection
 * of its own: the two figures of a pair see the same moment of a shared machine, so their
 * ratio holds when other work comes and goes (the rounds above drift apart under load).
 */
export async function uploadPaired(setup: BenchSetup, opts: UploadOptions & { pairs: number }) {
  const dataDir = freshDataDir("bench");
  const portal = await setup.portal({ dataDir });
  let baseline: BenchServer | undefined;
  try {
    const created = runCli(["integration:create", "--username", "bench", "--mode", "internal"], portal.env);
    if (created.code !== 0) throw new Error(created.stderr);
    const creds = { username: "bench", token: (created.json() as { token: string }).token };
    baseline = await startBaseline(portal.dataDir, [], portal.env.DATABASE_URL);
    const bytes = photo(opts.mb);
    const once = async (server: BenchServer, route: string) => {
      const r = await uploads(server, route, creds, bytes, 1, 1);
      if (r.failures.length) throw new Error(`${route}: ${r.failures.join("; ")}`);
      return r.latencies[0]!;
    };
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 20 + opts.pairs; i++) {
      const o = await once(portal, "/api/pruvan/uploadPictures.html");
      const b = await once(baseline, "/uploadPictures");
      if (i < 20) continue; // the first 20 pairs warm up
      ours.push(o);
      base.push(b);
    }
    const ratios = ours.map((o, i) => base[i]! / o).sort((x, y) => x - y);
    const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
    const target = targetRatio(setup);
    printTable(
      `uploadPictures paired [${setup.label}]: ${opts.mb} MB photos one at a time, ours${storageNote(setup)} and the baseline in turn`,
      [
        {
          pairs: opts.pairs,
          "ours median (ms)": ms(quantile(sorted(ours), 0.5)),
          "baseline median (ms)": ms(quantile(sorted(base), 0.5)),
          "ours / baseline MB/s (median of pairs)": `${median(ratios).toFixed(2)}x`,
          quartiles: `${quantile(ratios, 0.25).toFixed(2)} - ${quantile(ratios, 0.75).toFixed(2)}`,
          target: `>= ${target}x: ${median(ratios) >= target ? "met" : "NOT met"}`,
        },
      ],
      ["20 warm-up pairs; each upload on a new connection; MB/s ratio of a pair = baseline time / our time"],
    );
  } finally {
    await baseline?.stop();
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
