import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { callFormAction, fetchPage } from "../support/forms";
import { textOf } from "../support/html";
import { runCli, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { createOrder, jpeg, loadGalleryFixture, storeItem, useDataDir } from "../support/work-item-fixtures";

// Photo review through the order page's real server action (as the page's script calls
// it), against the production server and a real SQLite file: decisions, refusals, a whole
// service at once, the gallery's filter and the timeline's "who reviewed what".

let server: RunningServer;
let staff: Browserless;
let orderId: string;
const ORDER = "REVIEW-1";
const login = { email: "reviewer@example.com", password: "correct-horse-9" };

before(async () => {
  server = await startServer();
  assert.equal(runCli(["user:create", "--email", login.email, "--role", "staff"], server.env, login.password).code, 0);
  useDataDir(server.dataDir);
  ({ orderId } = await loadGalleryFixture(ORDER));
  staff = new Browserless(server.url);
  assert.equal((await staff.signIn(login.email, login.password)).status, 200);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const photos = (service?: string) =>
  db().workItem.findMany({
    where: { workOrderId: orderId, fileType: "picture", ...(service ? { service: { serviceName: service } } : {}) },
    orderBy: { receivedAt: "asc" },
  });
const history = (workItemId: string) => db().photoReview.findMany({ where: { workItemId }, orderBy: { createdAt: "asc" } });
const review = (fields: Record<string, string>) =>
  callFormAction(staff, `/orders/${orderId}`, "reviewPhotosAction", { orderId, ...fields });

describe("one photo at a time", () => {
  test("approve, reject with a note, clear: each decision is a row with who and when", async () => {
    const [photo] = await photos("Lawn Maintenance");
    const approved = await review({ photoIds: photo!.id, decision: "approved" });
    assert.equal(approved.status, 200);
    assert.match(approved.text, /Approved 1 photo\./);
    const rejected = await review({ photoIds: photo!.id, decision: "rejected", note: "Blurred; retake from the street" });
    assert.match(rejected.text, /Rejected 1 photo\./);
    const rows = await history(photo!.id);
    assert.deepEqual(
      rows.map((r) => [r.decision, r.note, r.actor]),
      [
        ["approved", null, login.email],
        ["rejected", "Blurred; retake from the street", login.email],
      ],
    );
    assert.ok(rows.every((r) => r.actorUserId));
    await review({ photoIds: photo!.id, decision: "cleared" });
    assert.equal((await history(photo!.id)).at(-1)!.decision, "cleared");
  });

  test("the same decision again writes nothing and says so", async () => {
    const [, photo] = await photos("Lawn Maintenance");
    await review({ photoIds: photo!.id, decision: "approved" });
    const again = await review({ photoIds: photo!.id, decision: "approved" });
    assert.match(again.text, /Approved 0 photos \(1 photo already were\)\./);
    assert.equal((await history(photo!.id)).length, 1);
  });

  test("refused: a rejection without a reason, a CSR, another order's photo, an unknown decision", async () => {
    const [photo] = await photos();
    const noNote = await review({ photoIds: photo!.id, decision: "rejected", note: "  " });
    assert.match(noNote.text, /says why the photo is rejected/);
    const csr = await db().workItem.findFirstOrThrow({ where: { workOrderId: orderId, fileType: "csr" } });
    assert.match((await review({ photoIds: csr.id, decision: "approved" })).text, /not photos of this order/);
    const other = await createOrder("REVIEW-OTHER", [{ serviceName: "Lawn Maintenance" }]);
    const foreign = await storeItem(other, {
      fileType: "picture",
      service: "Lawn Maintenance",
      evidenceType: "before",
      file: await jpeg("Other", "#334155"),
    });
    assert.match((await review({ photoIds: foreign.id, decision: "approved" })).text, /not photos of this order/);
    assert.match((await review({ photoIds: photo!.id, decision: "maybe" })).text, /must be approved, rejected or cleared/);
    assert.equal(await db().photoReview.count({ where: { workItemId: { in: [csr.id, foreign.id] } } }), 0);
  });

  test("signed out: no decision is recorded", async () => {
    const [photo] = await photos();
    const before = await db().photoReview.count();
    const anonymous = new Browserless(server.url);
    await callFormAction(anonymous, `/orders/${orderId}`, "reviewPhotosAction", { orderId, photoIds: photo!.id, decision: "approved" });
    assert.equal(await db().photoReview.count(), before);
  });
});

describe("a whole service at once, the filter and the timeline", () => {
  test("Approve all on a service decides every photo of it and no other; the gallery filters by state", async () => {
    const exterior = await photos("Exterior Photos");
    const lawn = await photos("Lawn Maintenance");
    const lawnBefore = await Promise.all(lawn.map((p) => history(p.id)));
    const res = await review({ service: "Exterior Photos", decision: "rejected", note: "Wrong house" });
    assert.match(res.text, new RegExp(`Rejected ${exterior.length} photos\\.`));
    for (const p of exterior) assert.equal((await history(p.id)).at(-1)!.note, "Wrong house");
    assert.deepEqual(await Promise.all(lawn.map((p) => history(p.id))), lawnBefore, "the other service is untouched");
    const batches = new Set((await Promise.all(exterior.map((p) => history(p.id)))).map((h) => h.at(-1)!.batchId));
    assert.equal(batches.size, 1, "one batch for the service");

    const html = await fetchPage(staff, `/orders/${orderId}?review=rejected`);
    const gallery = textOf(html.slice(html.indexOf('id="photos"'), html.indexOf('id="surveys"')));
    assert.match(gallery, /Exterior Photos/);
    assert.equal((gallery.match(/✕ Rejected/g) ?? []).length, exterior.length);
    assert.doesNotMatch(gallery, /Lawn Maintenance/);
    const all = textOf(await fetchPage(staff, `/orders/${orderId}`));
    assert.match(all, new RegExp(`Rejected ${exterior.length}`)); // the filter's count
  });

  test("the timeline says who reviewed what", async () => {
    const text = textOf(await fetchPage(staff, `/orders/${orderId}`));
    assert.match(text, /Review\s*Reviewed \d+ photos: \d+ approved, \d+ rejected, \d+ cleared/);
    assert.match(text, /Rejected because "Wrong house"/);
    assert.match(text, new RegExp(login.email.replace(".", "\\.")));
  });
});
