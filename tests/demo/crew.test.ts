import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { getOrderWorkResults } from "@/lib/work-items/queries";
import { runCli, runCliAsync, startServer, type RunningServer } from "../support/server";
import { useDataDir } from "../support/work-item-fixtures";

// The first run's demo crew (npm run cli -- demo:crew) against a real production server:
// everything it leaves behind arrived through the Pruvan API, as a crew's would.

let server: RunningServer;
let crew: { visits: { workOrderNumber: string; photos: number; approved: number; rejected: number }[] };

before(async () => {
  server = await startServer();
  assert.equal(runCli(["demo:seed"], server.env).code, 0);
  const run = await runCliAsync(["demo:crew", "--url", `${server.url}/api/pruvan`], server.env);
  assert.equal(run.code, 0, run.stderr);
  crew = run.json() as typeof crew;
  useDataDir(server.dataDir);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

/** A stored file's bytes, read through the storage interface (disk or bucket). */
async function stored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of storage().read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const order = (number: string) => db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: number }, include: { statusEvents: true } });
const items = async (number: string, fileType: string) =>
  db().workItem.findMany({
    where: { workOrder: { workOrderNumber: number }, fileType },
    include: { service: true, reviews: true },
    orderBy: { receivedAt: "asc" },
  });

describe("demo:crew", () => {
  test("works DEMO-1001 through the Pruvan API: photos by service and evidence type, a check-in, a survey, status reports", async () => {
    const photos = await items("DEMO-1001", "picture");
    const count = (service: string, evidenceType: string) =>
      photos.filter((p) => p.service?.serviceName === service && p.evidenceType === evidenceType).length;
    assert.deepEqual(
      [
        count("Lawn Maintenance", "before"),
        count("Lawn Maintenance", "during"),
        count("Lawn Maintenance", "after"),
        count("Exterior Photos", "before"),
        count("Exterior Photos", "after"),
      ],
      [2, 1, 2, 1, 1],
    );
    assert.ok(photos.every((p) => p.match === "matched" && p.gpsLatitude !== null && p.creationDate && p.createdBySubUser === "mruiz"));
    assert.ok(
      photos.every((p) => Number(p.locationDifference) < 100),
      "taken at the property",
    );
    assert.equal((await items("DEMO-1001", "check-in")).length, 1);
    const o = await order("DEMO-1001");
    assert.equal(o.pruvanStatus, "complete");
    assert.equal(o.fieldStatus, "complete");
    assert.deepEqual(
      o.statusEvents
        .filter((e) => e.source === "pruvan")
        .map((e) => e.fieldStatus)
        .sort(),
      ["complete", "in-process", "viewed"],
    );
    assert.equal((await order("DEMO-1002")).fieldStatus, "in-process");
    assert.equal((await order("DEMO-1003")).fieldStatus, "viewed");
  });

  test("the survey's answers link to photos that arrived, and its PDF is a real PDF", async () => {
    const o = await order("DEMO-1001");
    const results = await getOrderWorkResults(o);
    assert.equal(results.surveys.length, 1);
    const survey = results.surveys[0]!.latest;
    assert.equal(survey.templateId, "demo::Exterior-Condition-v1");
    const linked = survey.answers.filter((a) => a.readable && a.photos.length > 0);
    assert.equal(linked.length, 2);
    assert.ok(survey.answers.every((a) => !a.readable || a.missingPhotos.length === 0));
    const [surveyItem] = await items("DEMO-1001", "survey");
    assert.equal((await stored(surveyItem!.storagePath!)).subarray(0, 5).toString(), "%PDF-");
  });

  test("the photos are drawn scenes, each different, not blank squares", async () => {
    const photos = await items("DEMO-1001", "picture");
    const hashes = new Set(photos.map((p) => p.sha256));
    assert.equal(hashes.size, photos.length);
    for (const p of photos) {
      const image = sharp(await stored(p.storagePath!));
      const { width, height, format } = await image.metadata();
      assert.deepEqual([format, width, height], ["jpeg", 1600, 1200]);
      const { channels } = await image.stats();
      assert.ok(
        channels.every((c) => c.stdev > 25),
        `photo ${p.id} has detail (stdev ${channels.map((c) => c.stdev.toFixed(0)).join("/")})`,
      );
    }
  });

  test("the office's review: all of DEMO-1001 approved but the one rejected with its reason; the crew's key no longer works", async () => {
    const photos = await items("DEMO-1001", "picture");
    const states = photos.map((p) => p.reviews.at(-1)?.decision);
    assert.equal(states.filter((s) => s === "approved").length, 8);
    const rejected = photos.filter((p) => p.reviews.at(-1)?.decision === "rejected");
    assert.equal(rejected.length, 1);
    assert.match(rejected[0]!.reviews.at(-1)!.note ?? "", /retake/);
    assert.deepEqual(
      crew.visits.map((v) => [v.workOrderNumber, v.photos, v.approved, v.rejected]),
      [
        ["DEMO-1001", 9, 8, 1],
        ["DEMO-1002", 2, 0, 0],
        ["DEMO-1003", 0, 0, 0],
      ],
    );
    assert.equal(await db().apiKey.count({ where: { integration: { username: "demo" }, revokedAt: null } }), 0);
  });

  test("the first report then shows the approved photos", () => {
    const out = path.join(server.dataDir, "demo-report.pdf");
    const report = runCli(["orders:report", "DEMO-1001", "--out", out], server.env);
    assert.equal(report.code, 0, report.stderr);
    assert.deepEqual((report.json() as { photos: number; photosLeftOut: number }).photos, 8);
  });

  test("no portal listening: a clear message, exit 2", () => {
    const run = runCli(["demo:crew", "--url", "http://127.0.0.1:9/api/pruvan"], server.env);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Cannot reach the portal at http:\/\/127\.0\.0\.1:9/);
  });
});
