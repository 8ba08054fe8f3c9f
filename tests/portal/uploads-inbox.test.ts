import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { findForm, submitForm } from "../support/forms";
import { resolveStreamedHtml, textOf } from "../support/html";
import { addStrayUpload, loadPortalFixture } from "../support/portal-fixtures";
import { runCli, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// The uploads inbox through its real server actions: the forms are posted the way a
// browser without JavaScript posts them (multipart, with React's $ACTION fields), against
// the production server, a real SQLite file and real files on disk.

let server: RunningServer;
let staff: Browserless;
let waiting: Record<"lawn" | "unknown" | "checkIn" | "otherAccount", string>;
const login = { email: "inbox@example.com", password: "correct-horse-9" };

before(async () => {
  server = await startServer();
  assert.equal(runCli(["user:create", "--email", login.email, "--role", "staff"], server.env, login.password).code, 0);
  useDataDir(server.dataDir);
  const loaded = await loadPortalFixture();
  waiting = loaded.waiting as typeof waiting;
  staff = new Browserless(server.url);
  assert.equal((await staff.signIn(login.email, login.password)).status, 200);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const item = (id: string) => db().workItem.findUniqueOrThrow({ where: { id }, include: { workOrder: true, service: true } });
const page = async (url = "/uploads") => {
  const res = await staff.fetch(url);
  assert.equal(res.status, 200, url);
  const html = resolveStreamedHtml(await res.text());
  return { html, text: textOf(html) };
};
/** Posts an item's assign, discard or restore form as found on the page. */
async function post(itemId: string, kind: "assign" | "discard" | "restore", change: Record<string, string> = {}, url = "/uploads") {
  const { html } = await page(url);
  const fields =
    kind === "discard"
      ? discardForm(html, itemId)
      : findForm(html, kind === "assign" ? { itemId, workOrderNumber: expectNumber(html, itemId) } : { itemId });
  return submitForm(staff, url, fields, change);
}
/** The number the assign form suggests for an item (from its key2). */
function expectNumber(html: string, itemId: string): string {
  const at = html.indexOf(`name="itemId" value="${itemId}"`);
  const m = /name="workOrderNumber" value="([^"]*)"/.exec(html.slice(at));
  return m?.[1] ?? "";
}
/** The discard form is the item's form without a number field. */
function discardForm(html: string, itemId: string) {
  const forms = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].filter(
    ([f]) => f.includes(`value="${itemId}"`) && !f.includes("workOrderNumber"),
  );
  assert.equal(forms.length, 1, "one discard form for the item");
  return findForm(forms[0]![0], { itemId });
}

describe("reading the inbox", () => {
  test("lists what matched no order, newest first, with its facts and a preview", async () => {
    const { html, text } = await page();
    assert.ok(text.includes("Waiting (4)"), text.slice(0, 400));
    const order = [...html.matchAll(/data-testid="inbox-item" aria-label="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order, [
      "Photo (before) for Pruvan order DEMO::PF-1010, task Lawn Maintenance",
      "Photo (after) for Pruvan order PF-9999, task Roof Repair",
      "Check-in for Pruvan order PF-1004B, task Inspection",
      "Photo (during) for Pruvan order PF-1001, task Lawn Maintenance",
    ]);
    assert.match(html, new RegExp(`src="/files/${waiting.lawn}/thumb"`));
    assert.doesNotMatch(html, new RegExp(`/files/${waiting.checkIn}/thumb`), "no preview for an item without a file");
    // key2 "DEMO::PF-1010": the integration code is not part of the suggested number.
    assert.equal(expectNumber(html, waiting.lawn), "PF-1010");
  });

  test("without a session: the page redirects to sign-in and a posted action changes nothing", async () => {
    const res = await fetch(`${server.url}/uploads`, { redirect: "manual" });
    assert.ok([303, 307].includes(res.status));
    const { html } = await page();
    const fields = findForm(html, { itemId: waiting.unknown, workOrderNumber: "PF-9999" });
    const anonymous = new Browserless(server.url);
    const posted = await submitForm(anonymous, "/uploads", fields, { workOrderNumber: "PF-1001" });
    assert.ok([303, 307].includes(posted.status), String(posted.status));
    assert.match(posted.headers.get("location") ?? "", /\/sign-in/);
    assert.equal((await item(waiting.unknown)).match, "unmatched");
  });
});

describe("assigning", () => {
  test("an unknown order number is refused beside the field and the item stays", async () => {
    const res = await post(waiting.unknown, "assign", {});
    assert.equal(res.status, 200);
    const html = resolveStreamedHtml(await res.text());
    assert.match(html, /role="alert"[^>]*>No work order has the number &quot;PF-9999&quot;\.</);
    assert.equal((await item(waiting.unknown)).match, "unmatched");
  });

  test("an order of another Pruvan account is refused", async () => {
    const res = await post(waiting.otherAccount, "assign");
    const text = textOf(resolveStreamedHtml(await res.text()));
    assert.ok(text.includes('This upload came from the Pruvan account "acme"; order PF-1001 belongs to "demo".'), text.slice(0, 300));
    assert.equal((await item(waiting.otherAccount)).match, "unmatched");
  });

  test("the item joins the order and the service its task names, and shows in the order's gallery", async () => {
    const res = await post(waiting.lawn, "assign", { workOrderNumber: "PF-1001" });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/uploads?assigned=${waiting.lawn}`);
    const done = await item(waiting.lawn);
    assert.equal(done.match, "matched");
    assert.equal(done.workOrder?.workOrderNumber, "PF-1001");
    assert.equal(done.service?.serviceName, "Lawn Maintenance");
    assert.ok(done.assignedAt && Date.now() - done.assignedAt.getTime() < 60_000);

    const { text, html } = await page(`/uploads?assigned=${waiting.lawn}`);
    assert.ok(text.includes("Assigned to order PF-1001, service Lawn Maintenance."), text.slice(0, 600));
    assert.ok(text.includes("Waiting (3)"));
    assert.doesNotMatch(html, new RegExp(`name="itemId" value="${waiting.lawn}"`), "no longer in the inbox");

    const detail = resolveStreamedHtml(await (await staff.fetch(`/orders/${done.workOrderId}`)).text());
    assert.match(detail, new RegExp(`/files/${waiting.lawn}/thumb`), "in the order's gallery");
    assert.ok(textOf(detail).includes("Lawn Maintenance"));
  });

  test("a stale form for an item already assigned is refused, not applied twice", async () => {
    const { html } = await page(`/uploads?view=waiting`);
    assert.doesNotMatch(html, new RegExp(waiting.lawn));
    // The form as it was before the assignment (another tab): same fields, posted again.
    const fields = [
      ...findForm((await page()).html, { itemId: waiting.unknown, workOrderNumber: "PF-9999" }).filter(
        (f) => f.name !== "itemId" && f.name !== "workOrderNumber",
      ),
      { name: "itemId", value: waiting.lawn },
      { name: "workOrderNumber", value: "PF-1003" },
    ];
    const res = await submitForm(staff, "/uploads", fields);
    const text = textOf(resolveStreamedHtml(await res.text()));
    assert.ok(text.includes("This upload was already assigned to an order meanwhile; reload the inbox."), text.slice(0, 400));
    assert.equal((await item(waiting.lawn)).workOrder?.workOrderNumber, "PF-1001");
  });

  test("a check-in without a file is assigned too; the task name matches a service ignoring case", async () => {
    const res = await post(waiting.checkIn, "assign", { workOrderNumber: " PF-1004 " });
    assert.equal(res.status, 303);
    const done = await item(waiting.checkIn);
    assert.equal(done.workOrder?.workOrderNumber, "PF-1004");
    assert.equal(done.service?.serviceName, "Inspection");
  });
});

describe("discarding", () => {
  test("the item leaves the inbox, its row and file stay, and it can be put back", async () => {
    const before = await item(waiting.unknown);
    const res = await post(waiting.unknown, "discard");
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/uploads?discarded=${waiting.unknown}`);
    const gone = await item(waiting.unknown);
    assert.equal(gone.match, "discarded");
    assert.ok(gone.discardedAt);
    assert.equal(gone.workOrderId, null);
    assert.ok(await storage().exists(before.storagePath!), "the file is kept");

    const { text } = await page(`/uploads?discarded=${waiting.unknown}`);
    assert.ok(text.includes("Discarded the upload for Pruvan order PF-9999"));
    const discarded = await page("/uploads?view=discarded");
    assert.ok(discarded.text.includes("Discarded (1)"));
    assert.match(discarded.html, new RegExp(`name="itemId" value="${waiting.unknown}"`));

    const restored = await post(waiting.unknown, "restore", {}, "/uploads?view=discarded");
    assert.equal(restored.status, 303);
    assert.equal(restored.headers.get("location"), `/uploads?restored=${waiting.unknown}&view=discarded`);
    const back = await item(waiting.unknown);
    assert.equal(back.match, "unmatched");
    assert.equal(back.discardedAt, null);
  });
});

describe("an item for an order deleted here", () => {
  test("waits in the inbox marked as such, with what to do about it", async () => {
    // PF-1008 is the fixture's deleted order: Pruvan relays what its crew published meanwhile.
    const id = await addStrayUpload({
      key2: "DEMO::PF-1008",
      key4: "Inspection",
      evidenceType: "after",
      label: "Queued for a deleted order",
    });
    assert.equal((await item(id)).inboxReason, "order-deleted");
    const { html } = await page();
    const card = html.slice(html.indexOf('aria-label="Photo (after) for Pruvan order DEMO::PF-1008'));
    assert.match(
      textOf(card.slice(0, card.indexOf("</li>"))),
      /Order deleted The order with this number was deleted here\. Pruvan relays what was queued/,
    );
    assert.equal(html.match(/data-testid="inbox-reason"/g)?.length, 1, "only that item is marked");
  });
});
