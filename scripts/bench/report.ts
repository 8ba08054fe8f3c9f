import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import sharp from "sharp";
import { drawDemoPhoto, type Condition, type Scene } from "../../lib/demo/photos";
import { freshDataDir, runCli } from "../../tests/support/server";
import { Browserless } from "../../tests/support/session";
import { drive, multipart, peakRssMb, printTable, profileArgs, startPortal, type BenchServer } from "./harness";

// The property report of an order with 200 phone-sized photos (4032 x 3024 JPEGs of ~3 MB,
// sent through uploadPictures): time to the last byte of GET /orders/{id}/report?photos=all
// and the server's peak memory, on a server restarted after the uploads so that its peak
// is the report's. "Cold" makes every photo's thumbnail from the original on the way;
// "warm" reads the thumbnails kept by the first run. Targets: under 20 s, under 300 MB.

export type ReportOptions = { photos: number; rounds: number };

const ORDER = "BENCH-REPORT-1";
const USERNAME = "bench-report";
const STAFF = { email: "report-bench@example.com", password: "bench-password-9" };
const SERVICES = ["Lawn Maintenance", "Exterior Photos", "Property Inspection"];
const EVIDENCE = ["before", "during", "after", "Meter"];

/** A few distinct phone-sized photos, reused: each upload is its own item, file and thumbnail. */
async function phonePhotos(): Promise<Buffer[]> {
  const shots: [Scene, Condition][] = [
    ["front", "before"],
    ["yard", "during"],
    ["front", "after"],
    ["roof", "before"],
    ["fence", "after"],
    ["address", "before"],
  ];
  return Promise.all(
    shots.map(async ([scene, condition], i) => {
      const drawn = await drawDemoPhoto({
        scene,
        condition,
        seed: 100 + i,
        houseNumber: "4412",
        title: `${scene} - ${condition}`,
        stamp: `${ORDER} · bench`,
      });
      return sharp(drawn).resize(4032, 3024).jpeg({ quality: 92 }).toBuffer();
    }),
  );
}

async function seed(server: BenchServer, photos: number): Promise<string> {
  const created = runCli(["integration:create", "--username", USERNAME, "--mode", "internal"], server.env);
  if (created.code !== 0) throw new Error(created.stderr);
  const { token } = created.json() as { token: string };
  const dir = mkdtempSync(path.join(tmpdir(), "bench-report-"));
  try {
    const file = path.join(dir, "orders.json");
    const order = {
      workOrderNumber: ORDER,
      address1: "4412 Bench Lane",
      city: "Round Rock",
      state: "TX",
      zip: "78664",
      gpsLatitude: 30.50881,
      gpsLongitude: -97.67853,
      services: SERVICES.map((serviceName) => ({ serviceName })),
    };
    writeFileSync(file, JSON.stringify({ workOrders: [order] }));
    const imported = runCli(["orders:import", file, "--integration", USERNAME], server.env);
    if (imported.code !== 0) throw new Error(imported.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const images = await phonePhotos();
  const t0 = Date.UTC(2026, 2, 3, 14, 0, 0);
  const sent = await drive({
    url: server.url,
    connections: 4,
    amount: photos,
    request: (i) => {
      const at = new Date(t0 + i * 45_000);
      const payload = {
        username: USERNAME,
        token,
        uuId: randomUUID(),
        fileType: "picture",
        fileExt: "jpg",
        key1: "9001",
        key2: ORDER,
        key3: `task-${i % 3}`,
        key4: SERVICES[i % 3],
        evidenceType: EVIDENCE[Math.floor(i / 3) % 4],
        fileName: String(at.getTime()),
        creationDate: at.toISOString().slice(0, 19).replace("T", " "),
        gpsLatitude: String(30.50881 + (i % 7) * 0.00002),
        gpsLongitude: "-97.67853",
        gpsAccuracy: "6.0",
        authenticated: "1",
        csrCertifiedTime: "1",
        csrCertifiedLocation: i % 10 === 0 ? null : "1",
        createdBySubUser: "bench",
        notes: i % 5 === 0 ? "Meter reading taken" : null,
      };
      const body = multipart(payload, { bytes: images[i % images.length]!, name: `${payload.fileName}.jpg` });
      return { method: "POST", path: "/api/pruvan/uploadPictures", headers: body.headers, body: body.body };
    },
    check: (status, text) => (status === 200 && text === '{"status":true,"error":null}' ? null : `HTTP ${status}: ${text.slice(0, 200)}`),
  });
  if (sent.failures.length) throw new Error(`uploads failed: ${sent.failures.join("; ")}`);
  const sqlite = new Database(path.join(server.dataDir, "portal.db"), { readonly: true });
  try {
    return (sqlite.prepare(`SELECT id FROM "WorkOrder" WHERE "workOrderNumber" = ?`).get(ORDER) as { id: string }).id;
  } finally {
    sqlite.close();
  }
}

function pageCount(pdf: Buffer): number | string {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-report-pdf-"));
  try {
    writeFileSync(path.join(dir, "r.pdf"), pdf);
    return Number(/^Pages:\s+(\d+)/m.exec(execFileSync("pdfinfo", [path.join(dir, "r.pdf")], { encoding: "utf8" }))?.[1]);
  } catch {
    return "-"; // pdfinfo (poppler-utils) not installed
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function reportBench(opts: ReportOptions) {
  const dataDir = freshDataDir("bench-report"); // kept across the rounds' servers, removed at the end
  const rows: Array<Record<string, string | number>> = [];
  try {
    const first = await startPortal(dataDir);
    let orderId: string;
    try {
      orderId = await seed(first, opts.photos);
      if (runCli(["user:create", "--email", STAFF.email, "--role", "staff"], first.env, STAFF.password).code !== 0)
        throw new Error("user:create failed");
    } finally {
      await first.stop();
    }
    for (let round = 0; round < opts.rounds; round++) {
      // A fresh process per round, so that its peak memory is the report's alone; round 1 also makes the thumbnails.
      const server = await startPortal(dataDir, {}, profileArgs(`portal-report-${round === 0 ? "cold" : `warm-${round}`}`));
      try {
        const browser = new Browserless(server.url);
        if ((await browser.signIn(STAFF.email, STAFF.password)).status !== 200) throw new Error("sign-in failed");
        const idle = peakRssMb(server.pid);
        const started = performance.now();
        const res = await browser.fetch(`/orders/${orderId}/report?photos=all`);
        const pdf = Buffer.from(await res.arrayBuffer());
        const seconds = (performance.now() - started) / 1000;
        if (res.status !== 200 || pdf.subarray(0, 5).toString() !== "%PDF-")
          throw new Error(`report: HTTP ${res.status} ${pdf.subarray(0, 200).toString()}`);
        rows.push({
          run: round === 0 ? "cold (thumbnails made)" : "warm (thumbnails kept)",
          photos: opts.photos,
          seconds: seconds.toFixed(1),
          "PDF MB": (pdf.length / 1024 / 1024).toFixed(1),
          pages: pageCount(pdf),
          "peak RSS MB (before)": `${peakRssMb(server.pid)} (${idle})`,
        });
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  printTable(`Property report, ${opts.photos} photos (4032 x 3024 JPEG) of one order, GET /orders/{id}/report?photos=all`, rows, [
    "targets: under 20 s and under 300 MB peak RSS; the server is restarted before each run",
  ]);
}
