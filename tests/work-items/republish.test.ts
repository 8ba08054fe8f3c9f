import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { deleteOrder } from "@/lib/orders/manage";
import { assignItemToOrder } from "@/lib/work-items/inbox";
import { sweepStoredFiles } from "@/lib/work-items/file-sweep";
import { textOf, resolveStreamedHtml } from "../support/html";
import { connectIntegration, credsOf, post, type Creds, type FilePart } from "../support/pruvan";
import { startServer, type RunningServer } from "../support/server";
import { signedInStaffAndAdmin, type Browserless } from "../support/session";
import { readStored, storedFiles, temporaryFiles } from "../support/storage";
import { createOrder, jpeg, minimalPdf, useDataDir } from "../support/work-item-fixtures";

// Re-publish over real HTTP (pruvan-api-v2 "uploadPictures": a video's link dies after 24 h
// and must be re-published; a survey can be edited and published again): the same uuId with
// another file or other metadata is a new version of the item, the earlier one stays in its
// history; an identical retry changes nothing, whatever runs at once.

let server: RunningServer;
let crew: Creds;
let staff: Browserless;
let orderId: string;
const photos: Buffer[] = [];

before(async () => {
  server = await startServer();
  useDataDir(server.dataDir);
  crew = connectIntegration(server, "republisher", ["--mode", "external", "--client-code", "RP"]);
  orderId = (await createOrder("RP-1", [{ serviceName: "Lawn Maintenance" }], "republisher")).id;
  await createOrder("RP-2", [{ serviceName: "Roof" }], "republisher");
  ({ staff } = await signedInStaffAndAdmin(server));
  for (const [label, color] of [
    ["first", "#1d4ed8"],
    ["second", "#15803d"],
    ["third", "#b91c1c"],
  ] as const)
    photos.push(await jpeg(label, color, 640, 480));
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const meta = (extra: Record<string, unknown> = {}) => ({
  ...credsOf(crew),
  uuId: randomUUID(),
  key2: "RP::RP-1",
  key4: "Lawn Maintenance",
  fileType: "picture",
  fileExt: "jpg",
  evidenceType: "before",
  fileName: "1415913831993",
  notes: "front",
  videoUri: null,
  timestamp: 1414434590,
  batchId: "batch-1",
  ...extra,
});
const jpg = (bytes: Buffer): FilePart => ({ bytes, name: "p.jpg", type: "image/jpeg" });
const upload = async (payload: object, file?: FilePart) =>
  (await post(server, "uploadPictures.html", { as: "multipart", payload, file })).json;
const OK = { status: true, error: null };
const item = (uuId: string) => db().workItem.findUniqueOrThrow({ where: { uuId }, include: { versions: { orderBy: { version: "asc" } } } });
const storedBytes = (key: string) => readStored(key);
const filesOf = async (uuId: string) => (await storedFiles("items")).filter((f) => f.includes(uuId)).sort();
const lastCall = () => db().pruvanCall.findFirstOrThrow({ where: { endpoint: "uploadPictures" }, orderBy: { createdAt: "desc" } });
const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("retries and re-publishes", () => {
  test("an identical retry is a no-op, even sent at another time, in another batch (timestamp and batchId describe the send)", async () => {
    const p = meta();
    assert.deepEqual(await upload(p, jpg(photos[0]!)), OK);
    assert.deepEqual(await upload({ ...p, timestamp: p.timestamp + 600, batchId: "batch-2" }, jpg(photos[0]!)), OK);
    const row = await item(p.uuId);
    assert.equal(row.version, 1);
    assert.deepEqual(row.versions, []);
    assert.deepEqual(await filesOf(p.uuId), [row.storagePath]);
    assert.match((await lastCall()).message ?? "", /^picture already stored$/);
  });

  test("another file makes version 2; version 1 stays in the history with its file, downloadable", async () => {
    const p = meta();
    assert.deepEqual(await upload(p, jpg(photos[0]!)), OK);
    const first = await item(p.uuId);
    assert.deepEqual(await upload(p, jpg(photos[1]!)), OK);
    const row = await item(p.uuId);
    assert.equal(row.id, first.id, "the same item");
    assert.equal(row.version, 2);
    assert.equal(row.sha256, sha256(photos[1]!));
    assert.notEqual(row.storagePath, first.storagePath, "the new file has a name of its own");
    assert.deepEqual(await storedBytes(row.storagePath!), photos[1]);
    assert.equal(row.versions.length, 1);
    const [v1] = row.versions;
    assert.deepEqual([v1!.version, v1!.storagePath, v1!.sha256, v1!.changes], [1, first.storagePath, sha256(photos[0]!), ["file"]]);
    assert.deepEqual(v1!.receivedAt, first.receivedAt);
    assert.deepEqual(await storedBytes(first.storagePath!), photos[0], "the first file is kept");
    assert.match((await lastCall()).message ?? "", /^picture re-published \(version 2, matched\)$/);

    assert.deepEqual(await body(await staff.fetch(`/files/${row.id}`)), photos[1]);
    assert.deepEqual(await body(await staff.fetch(`/files/${row.id}?version=1`)), photos[0]);
    assert.deepEqual(await body(await staff.fetch(`/files/${row.id}?version=2`)), photos[1]);
    assert.equal((await staff.fetch(`/files/${row.id}?version=3`)).status, 404);
  });

  test("the thumbnail follows the current version: a new file never shows the old preview", async () => {
    const p = meta();
    assert.deepEqual(await upload(p, jpg(photos[0]!)), OK);
    const { id } = await item(p.uuId);
    const before = await body(await staff.fetch(`/files/${id}/thumb`));
    assert.deepEqual(await upload(p, jpg(photos[2]!)), OK);
    const after = await body(await staff.fetch(`/files/${id}/thumb`));
    assert.notDeepEqual(after, before);
    assert.ok(await storage().exists(`thumbs/${p.uuId}.v2.jpg`));
    // Thumbnails are cached as immutable: the page names the new one by a URL of its own.
    const html = await (await staff.fetch(`/orders/${orderId}`)).text();
    assert.match(html, new RegExp(`/files/${id}/thumb\\?v=2"`));
    assert.doesNotMatch(html, new RegExp(`/files/${id}/thumb"`));
  });

  test("edited notes and a video's new link update the item; the unchanged file is shared, not stored again", async () => {
    const p = meta({ videoUri: "https://video.example.com/v/1.mp4" });
    assert.deepEqual(await upload(p, jpg(photos[0]!)), OK);
    const again = { ...p, notes: "front, after the rain", videoUri: "https://video.example.com/v/1-new.mp4" };
    assert.deepEqual(await upload(again, jpg(photos[0]!)), OK);
    const row = await item(p.uuId);
    assert.equal(row.version, 2);
    assert.deepEqual([row.notes, row.videoUri], ["front, after the rain", "https://video.example.com/v/1-new.mp4"]);
    assert.deepEqual(row.versions[0]!.changes, ["notes", "videoUri"]);
    assert.equal(row.versions[0]!.storagePath, row.storagePath);
    assert.equal(
      (row.versions[0]!.payload as { videoUri: string }).videoUri,
      "https://video.example.com/v/1.mp4",
      "the old link is in the history",
    );
    assert.deepEqual(await filesOf(p.uuId), [row.storagePath]);
  });

  test("an edited survey replaces the answers shown; the earlier answers stay in the history", async () => {
    const surveyId = randomUUID();
    const survey = (answer: string) =>
      JSON.stringify({
        meta: { surveyId, surveyTemplateId: "vendor1::Simple-v1" },
        answers: [{ id: "q1", question: "Fence color?", answer: [answer] }],
      });
    const p = meta({ fileType: "survey", fileExt: "pdf", evidenceType: "Survey", survey: survey("red") });
    assert.deepEqual(await upload(p, { bytes: minimalPdf(["red"]), name: "s.pdf" }), OK);
    assert.deepEqual(await upload({ ...p, survey: survey("blue") }, { bytes: minimalPdf(["blue"]), name: "s.pdf" }), OK);
    const row = await item(p.uuId);
    assert.deepEqual((row.survey as { answers: Array<{ answer: string[] }> }).answers[0]!.answer, ["blue"]);
    assert.equal(row.supersededAt, null);
    assert.deepEqual(row.versions[0]!.changes, ["file", "survey"]);
    assert.match((row.versions[0]!.payload as { survey: string }).survey, /"red"/);

    const res = await staff.fetch(`/orders/${orderId}`);
    const text = textOf(resolveStreamedHtml(await res.text()));
    assert.match(text, /Fence color\?\s*blue/);
    assert.match(text, /Re-published: version 2, 1 earlier/);
    assert.match(text, /Version 1, received [^;]+; replaced [^(]+\(changed: new file, survey\)/);
  });
});

describe("placement on re-publish", () => {
  test("follows the new metadata (a corrected order, an order deleted meanwhile), unless staff placed the item", async () => {
    const p = meta({ key2: "RP::NO-SUCH" });
    assert.deepEqual(await upload(p, jpg(photos[0]!)), OK);
    assert.equal((await item(p.uuId)).match, "unmatched");
    assert.deepEqual(await upload({ ...p, key2: "RP::RP-2", key4: "Roof" }, jpg(photos[0]!)), OK);
    const moved = await item(p.uuId);
    assert.equal(moved.match, "matched", "corrected metadata finds its order");
    assert.equal(moved.key2, "RP::RP-2");

    const doomed = await createOrder("RP-3", [{ serviceName: "Roof" }], "republisher");
    const r = meta({ key2: "RP::RP-3" });
    assert.deepEqual(await upload(r, jpg(photos[0]!)), OK);
    await deleteOrder(doomed.id, { source: "cli", actor: "cli" }, { confirm: true });
    assert.deepEqual(await upload({ ...r, notes: "published again after the delete" }, jpg(photos[0]!)), OK);
    const queued = await item(r.uuId);
    assert.deepEqual([queued.match, queued.workOrderId, queued.inboxReason], ["unmatched", null, "order-deleted"]);

    const q = meta({ key2: "RP::LOST-1" });
    assert.deepEqual(await upload(q, jpg(photos[0]!)), OK);
    const { id } = await item(q.uuId);
    await assignItemToOrder({ itemId: id, workOrderNumber: "RP-1" });
    assert.deepEqual(await upload({ ...q, notes: "edited" }, jpg(photos[0]!)), OK);
    const kept = await item(q.uuId);
    assert.deepEqual([kept.match, kept.workOrderId, kept.notes], ["matched", orderId, "edited"], "staff's assignment stands");
  });

  test("another Pruvan account's upload with the same uuId is refused and changes nothing", async () => {
    const other = connectIntegration(server, "republisher-two", ["--mode", "external"]);
    const p = meta();
    assert.deepEqual(await upload(p, jpg(photos[0]!)), OK);
    const answer = await upload({ ...p, ...credsOf(other), notes: "not yours" }, jpg(photos[1]!));
    assert.deepEqual(answer, {
      status: false,
      error: "An item with this uuId was already published by another Pruvan account; it is not replaced.",
    });
    const row = await item(p.uuId);
    assert.deepEqual([row.version, row.notes, row.sha256], [1, "front", sha256(photos[0]!)]);
    assert.deepEqual(await filesOf(p.uuId), [row.storagePath]);
  });
});

describe("concurrency", () => {
  test("two server processes on one database and storage, re-publishing one uuId at once: one current row, no file lost or left over", async () => {
    const second = await startServer({ dataDir: server.dataDir });
    try {
      const p = meta();
      const send = (target: RunningServer, bytes: Buffer) =>
        post(target, "uploadPictures.html", { as: "multipart", payload: p, file: jpg(bytes) }).then((r) => r.json);
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => send(i % 2 ? second : server, photos[i % 3]!)));
      assert.deepEqual(answers, Array(12).fill(OK));
      await assertConsistent(p.uuId);
    } finally {
      await second.stop();
    }
  });

  test("12 uploads of one uuId at once, with three different files: one current row, every version's file kept, none left over", async () => {
    const p = meta();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => upload(p, jpg(photos[i % 3]!))));
    assert.deepEqual(answers, Array(12).fill(OK));
    await assertConsistent(p.uuId);
  });
});

/** One row for the uuId, versions 1..n, every file on disk a version's with that version's bytes, nothing half-written. */
async function assertConsistent(uuId: string) {
  {
    assert.equal(await db().workItem.count({ where: { uuId } }), 1);
    const row = await item(uuId);
    assert.equal(row.version, row.versions.length + 1);
    assert.deepEqual(
      row.versions.map((v) => v.version),
      Array.from({ length: row.versions.length }, (_, i) => i + 1),
    );
    assert.equal(sha256(await storedBytes(row.storagePath!)), row.sha256, "the row's file has the row's bytes");
    const referenced = new Set([row.storagePath, ...row.versions.map((v) => v.storagePath)]);
    assert.deepEqual(await filesOf(uuId), [...referenced].sort(), "every stored file is a version's, and every version's file is there");
    for (const v of row.versions) assert.equal(sha256(await storedBytes(v.storagePath!)), v.sha256);
    assert.deepEqual(await temporaryFiles(), []);
  }
}

describe("the storage sweep", () => {
  test("keeps the files of earlier versions; removes previews of replaced versions", async () => {
    const p = meta();
    assert.deepEqual(await upload(p, jpg(photos[0]!)), OK);
    const { id } = await item(p.uuId);
    await staff.fetch(`/files/${id}/thumb`); // thumbs/<uuId>.jpg
    assert.deepEqual(await upload(p, jpg(photos[1]!)), OK);
    await staff.fetch(`/files/${id}/thumb`); // thumbs/<uuId>.v2.jpg
    const row = await item(p.uuId);
    const thumbs = async () => (await storedFiles("thumbs")).filter((f) => f.includes(p.uuId)).sort();
    assert.deepEqual(await thumbs(), [`thumbs/${p.uuId}.jpg`, `thumbs/${p.uuId}.v2.jpg`]);

    await sweepStoredFiles(60_000, Date.now() + 3600_000); // as if an hour had passed
    assert.deepEqual(await filesOf(p.uuId), [row.storagePath, row.versions[0]!.storagePath].sort(), "both versions' files are kept");
    assert.deepEqual(await thumbs(), [`thumbs/${p.uuId}.v2.jpg`], "the replaced version's preview is gone");
  });
});
