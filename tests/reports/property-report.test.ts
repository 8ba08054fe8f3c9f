import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { reviewPhotos } from "@/lib/photo-review/manage";
import { pdfPageCount, pdfPagesText, pixelsNear, renderPage } from "../support/pdf";
import { runCli, runCliAsync, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { createOrder, loadGalleryFixture, useDataDir } from "../support/work-item-fixtures";

// The property report (GET /orders/{id}/report and orders:report) read back as a client
// would: its text with pdftotext, its pages rendered with pdftoppm. The gallery fixture's
// photos are plain colours, so a photo drawn on a page shows up as pixels of its colour.

let server: RunningServer;
let staff: Browserless;
let orderId: string;
const ORDER = "REPORT-1";
const login = { email: "office@example.com", password: "correct-horse-9" };
const COLOURS = { lawnDuring: "#1d4ed8", gateCode: "#7c2d12", exteriorBefore: "#6b21a8", lawnBefore: "#0f766e" };

before(async () => {
  server = await startServer();
  assert.equal(runCli(["user:create", "--email", login.email, "--role", "staff"], server.env, login.password).code, 0);
  useDataDir(server.dataDir);
  ({ orderId } = await loadGalleryFixture(ORDER));
  const reviewer = await db().user.findUniqueOrThrow({ where: { email: login.email } });
  const photo = async (evidenceType: string, service: string) =>
    (await db().workItem.findFirstOrThrow({ where: { workOrderId: orderId, evidenceType, service: { serviceName: service } } })).id;
  const decide = async (id: string, decision: "approved" | "rejected", note?: string) =>
    reviewPhotos({ orderId, decision, note, photoIds: [id], service: undefined }, reviewer);
  await decide(await photo("during", "Lawn Maintenance"), "approved");
  await decide(await photo("before", "Exterior Photos"), "approved");
  await decide(await photo("Gate code", "Lawn Maintenance"), "rejected", "Gate code unreadable");
  staff = new Browserless(server.url);
  assert.equal((await staff.signIn(login.email, login.password)).status, 200);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

async function download(query = "") {
  const res = await staff.fetch(`/orders/${orderId}/report${query}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("content-type"), "application/pdf");
  assert.match(res.headers.get("content-disposition") ?? "", /attachment; filename="REPORT-1-property-report\.pdf"/);
  assert.equal(res.headers.get("content-length"), null, "streamed as it is drawn, not buffered to learn its length");
  return Buffer.from(await res.arrayBuffer());
}

/** Pixels of a colour over every page, rendered small. */
async function colourOnPages(pdf: Buffer, hex: string): Promise<number> {
  let n = 0;
  for (let page = 1; page <= pdfPageCount(pdf); page++) n += pixelsNear((await renderPage(pdf, page, 30)).pixels, hex);
  return n;
}

describe("the report a client gets: approved photos only", () => {
  let pdf: Buffer;
  let pages: string[];
  before(async () => {
    pdf = await download();
    pages = pdfPagesText(pdf);
  });

  test("the cover names the order, its address, its dates and statuses, and counts the work", () => {
    const cover = pages[0]!;
    for (const text of [
      "PROPERTY REPORT",
      "Work order REPORT-1",
      "110 East Main Street",
      "Round Rock, TX 78664",
      "CLIENT STATUS",
      "Order Created",
      "PRUVAN STATUS",
      "assigned",
      "DUE DATE",
      "2026-05-25",
      `Prepared`,
      login.email,
    ]) {
      assert.ok(cover.includes(text), `cover shows ${text}`);
    }
    assert.match(cover, /2 of 9\s+1\s+1\s+1/, "2 of 9 approved photos, 1 certified, 1 survey, 1 check-in");
    assert.match(cover, /Lawn Maintenance\s+0\s+1\s+0\s+0\s+vendor1::Simple-v1/);
    assert.match(cover, /approved photos only: 7 photos not approved \(yet\) are left out/);
  });

  test("each service's approved photos, by evidence type, with time taken, GPS and certification", () => {
    const text = pages.join("\n");
    assert.match(text, /Lawn Maintenance\s+1 photo approved of 7/);
    assert.match(text, /DURING \(1\)/);
    assert.match(text, /Taken 2026-03-03 15:02:02 by jsmith/);
    assert.match(text, /GPS 30\.508912, -97\.678529 ±10 m/);
    assert.match(text, /Time\s+Location\s+Authenticated/);
    assert.match(text, /Exterior Photos\s+1 photo approved of 2/);
    assert.match(text, /Taken 2026-03-03 15:07:07/);
    assert.match(text, /CERTIFIED/);
    for (const left of ["15:00:00", "15:01:01", "15:03:03", "15:05:05"])
      assert.doesNotMatch(text, new RegExp(`Taken 2026-03-03 ${left}`), `unapproved ${left} left out`);
    assert.doesNotMatch(text, /REJECTED|NOT REVIEWED/);
  });

  test("the photos are drawn (their pixels are on the pages), the unapproved ones are not", async () => {
    assert.ok((await colourOnPages(pdf, COLOURS.lawnDuring)) > 300, "the approved Lawn 'during' photo is drawn");
    assert.ok((await colourOnPages(pdf, COLOURS.exteriorBefore)) > 300, "the approved Exterior 'before' photo is drawn");
    assert.equal(await colourOnPages(pdf, COLOURS.gateCode), 0, "the rejected photo is not");
  });

  test("the survey's questions and answers, and the check-in", () => {
    const text = pages.join("\n");
    assert.match(text, /Survey: vendor1::Simple-v1/);
    assert.match(text, /1\. What color is the fence\?\s+Blue/);
    assert.match(text, /1 linked photo not approved/);
    assert.match(text, /2\. Describe the lawn condition\s+Cut, edged and bagged\s+Not received yet: 1415913839999\.jpg/);
    assert.match(text, /Check-ins/);
    assert.match(text, /CHECK IN TIME\s+STATUS\s+2026-03-03 09:12:00\s+on site/);
  });
});

describe("the report with all photos", () => {
  test("every photo, each marked with its review state and a rejection's reason", async () => {
    const pdf = await download("?photos=all");
    const text = pdfPagesText(pdf).join("\n");
    assert.match(text, /Lawn Maintenance\s+7 photos/);
    assert.match(text, /REJECTED/);
    assert.match(text, /Rejected: Gate code unreadable/);
    assert.match(text, /NOT REVIEWED/);
    assert.match(text, /APPROVED/);
    assert.match(text, /Survey question: What color is the fence\?/); // an "other" photo says its evidence type
    assert.ok((await colourOnPages(pdf, COLOURS.gateCode)) > 300, "the rejected photo is drawn here");
  });
});

describe("refusals", () => {
  test("signed out 401, an unknown order 404, a bad photos value 400: JSON", async () => {
    const anonymous = await fetch(`${server.url}/orders/${orderId}/report`, { redirect: "manual" });
    assert.equal(anonymous.status, 401);
    const unknown = await staff.fetch("/orders/nope/report");
    assert.equal(unknown.status, 404);
    const bad = await staff.fetch(`/orders/${orderId}/report?photos=some`);
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /photos must be/);
  });
});

describe("npm run cli -- orders:report", () => {
  // Async: with TEST_STORAGE=s3 the S3 server runs in this process, and a synchronous child would wait on it forever.
  test("writes the PDF, --all-photos includes every photo, an order without photos says so; bad input exits 2", async () => {
    const out = path.join(server.dataDir, "cli-report.pdf");
    const run = await runCliAsync(["orders:report", ORDER, "--out", out], server.env);
    assert.equal(run.code, 0, run.stderr);
    const summary = run.json() as { file: string; pages: number; photos: number; photosLeftOut: number; bytes: number };
    assert.equal(summary.photos, 2);
    assert.equal(summary.photosLeftOut, 7);
    assert.equal(summary.pages, pdfPageCount(readFileSync(out)));
    assert.equal(readFileSync(out).subarray(0, 5).toString(), "%PDF-");

    const all = await runCliAsync(["orders:report", ORDER, "--out", out, "--all-photos"], server.env);
    assert.equal(all.code, 0, all.stderr);
    assert.equal((all.json() as { photos: number }).photos, 9);

    const unknown = await runCliAsync(["orders:report", "NOPE-404", "--out", out], server.env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No order "NOPE-404"/);
    await createOrder("REPORT-EMPTY", [{ serviceName: "Lawn Maintenance" }]);
    const empty = await runCliAsync(["orders:report", "REPORT-EMPTY", "--out", out], server.env);
    assert.equal(empty.code, 0, empty.stderr);
    assert.match(pdfPagesText(readFileSync(out))[0]!, /No photos have been received for this order yet\./);
    const noOut = await runCliAsync(["orders:report", ORDER], server.env);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /out: is required/);
    assert.ok(!existsSync(`${out}.partial`));
  });
});
