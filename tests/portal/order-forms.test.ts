import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/manage";
import { actionId, callFormAction, fetchPage, formWithField, postForm, submitForm, withServices } from "../support/forms";
import { followJob } from "../support/jobs";
import { textOf } from "../support/html";
import { makeIntegration } from "../support/orders";
import { startServer, type RunningServer } from "../support/server";
import { Browserless, signedInStaffAndAdmin } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// The order forms through their real server actions, posted the way a browser without
// JavaScript posts them, against the production server and a real SQLite file: what is
// refused (beside which field, with which rule), what is saved, and what it queues.

let server: RunningServer;
let staff: Browserless;
let admin: Browserless;
let internal: { id: string; username: string }; // has a push key: changes queue pushes
let external: { id: string; username: string }; // no auto_admin, no push key

before(async () => {
  server = await startServer({ env: { PUSH_WORKER: "off" } });
  useDataDir(server.dataDir);
  internal = await makeIntegration({ mode: "internal", username: "inhouse", pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=test" });
  external = await makeIntegration({ mode: "external", username: "vendor" });
  ({ staff, admin } = await signedInStaffAndAdmin(server));
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

/** The message shown beside a field of the order form. */
function fieldError(html: string, key: string): string | null {
  const id = `f-${key.replace(/\./g, "-")}-error`;
  const m = new RegExp(`id="${id.replace(/[.$]/g, "\\$&")}"[^>]*>([^<]*)<`).exec(html);
  return m ? textOf(m[1]!) : null;
}

const newOrderForm = async (integrationId: string) =>
  formWithField(await fetchPage(staff, `/orders/new?integration=${integrationId}`), "workOrderNumber");
const editForm = async (orderId: string, session = staff) => formWithField(await fetchPage(session, `/orders/${orderId}/edit`), "orderId");
const order = (workOrderNumber: string) =>
  db().workOrder.findUniqueOrThrow({
    where: { workOrderNumber },
    include: { services: { orderBy: { position: "asc" } }, statusEvents: true, pushJobs: true },
  });

describe("new order", () => {
  test("the status picker offers what the integration's mode allows on create, with the rules", async () => {
    const inHouse = await fetchPage(staff, `/orders/new?integration=${internal.id}`);
    const options = (html: string) =>
      [.../<select[^>]*name="status"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!.matchAll(/value="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(options(inHouse), ["", "unassigned", "assigned", "rush", "rework"]);
    assert.ok(textOf(inHouse).includes("accepted (not allowed): Never remotely: set by Pruvan users."));
    assert.ok(textOf(inHouse).includes("rush (allowed): Create or update; internal, or external with auto_admin."));
    const vendor = await fetchPage(staff, `/orders/new?integration=${external.id}`);
    assert.deepEqual(options(vendor), [""], "external without auto_admin sets no Pruvan status");
    assert.ok(textOf(vendor).includes("vendor (external, auto_admin off) cannot set the Pruvan status."), textOf(vendor).slice(0, 3000));
    // The client status suggestions are the status mapping (seeded with Pruvan's).
    assert.match(vendor, /<datalist id="client-status-suggestions">[\s\S]*value="Rush Order"/);
  });

  test("missing required fields are refused beside each field; nothing is saved", async () => {
    const res = await postForm(staff, "/orders/new", await newOrderForm(internal.id), { workOrderNumber: "NEW-1", address1: "1 Main St" });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes("Not saved: 4 fields need attention."), res.text.slice(0, 800));
    for (const key of ["city", "state", "zip", "services.0.serviceName"]) assert.equal(fieldError(res.html, key), "is required", key);
    assert.match(res.html, /name="workOrderNumber"[^>]*value="NEW-1"|value="NEW-1"[^>]*name="workOrderNumber"/, "what was typed stays");
    assert.equal(await db().workOrder.count({ where: { workOrderNumber: "NEW-1" } }), 0);
  });

  test("a status the mode does not allow is refused with its rule; so are duplicate service names", async () => {
    const form = await newOrderForm(internal.id);
    const base = { workOrderNumber: "NEW-2", address1: "1 Main St", city: "Austin", state: "TX", zip: "78701" };
    const accepted = await postForm(staff, "/orders/new", withServices(form, [{ serviceName: "Lawn" }]), { ...base, status: "accepted" });
    assert.equal(
      fieldError(accepted.html, "status"),
      '"accepted" is set by Pruvan users or Pruvan\'s workflow only, never by a remote system.',
    );
    const canceled = await postForm(staff, "/orders/new", withServices(form, [{ serviceName: "Lawn" }]), { ...base, status: "canceled" });
    assert.equal(fieldError(canceled.html, "status"), '"canceled" is not advised on create: create the order first, then update it.');
    const twice = await postForm(staff, "/orders/new", withServices(form, [{ serviceName: "Lawn" }, { serviceName: "lawn" }]), base);
    assert.equal(fieldError(twice.html, "services.1.serviceName"), '"lawn" appears twice');
    const vendor = await postForm(staff, "/orders/new", withServices(await newOrderForm(external.id), [{ serviceName: "Lawn" }]), {
      ...base,
      status: "rush",
    });
    assert.match(fieldError(vendor.html, "status") ?? "", /External integrations cannot set the Pruvan status unless auto_admin is on/);
    assert.equal(await db().workOrder.count({ where: { workOrderNumber: "NEW-2" } }), 0);
  });

  test("an order with two services and every group of fields is created, with its history and push", async () => {
    const form = withServices(await newOrderForm(internal.id), [
      {
        serviceName: "Lawn",
        survey: "vendor1::Simple-v1",
        instructions: "Front <b>and</b> back",
        options: '{"required":true}',
        attribute1: "a1",
        source_service: "mow",
      },
      { serviceName: "Photos", instructions: "", options: "", survey: "" },
    ]);
    const res = await postForm(staff, "/orders/new", form, {
      workOrderNumber: "NEW-3",
      workOrderInfo: "Lockbox 1234",
      address1: "12 Juniper Court",
      address2: "Unit B",
      city: "Pflugerville",
      state: "TX",
      zip: "78660",
      country: "USA",
      assignedTo: "crew1",
      status: "rush",
      dueDate: "2026-12-01",
      startDate: "2026-11-30T08:30",
      instructions: "<h2>Gate</h2><script>alert(1)</script>",
      clientStatus: "Rush Order",
      clientDueDate: "2026-12-02T17:00:30",
      clientInstructions: "Call first",
      description: "Desc",
      reference: "Ref-9",
      attribute7: "LOAN-1",
      attribute15: "Z",
      gpsLatitude: "30.45",
      gpsLongitude: "-97.62",
      options: '{"camera_orientation":"landscape"}',
      source_wo_id: "S-1",
      source_wo_number: "SN-1",
      source_wo_provider: "Tier1",
    });
    assert.ok(res.text.includes("Created order NEW-3. It goes to Pruvan with the next push."), res.text.slice(0, 800));
    assert.match(res.html, /href="\/orders\/[^"]+"[^>]*>Open order NEW-3</);
    const o = await order("NEW-3");
    assert.equal(o.integrationId, internal.id);
    assert.equal(o.status, "rush");
    assert.equal(o.dueDate?.toISOString(), "2026-12-01T12:00:00.000Z", "a calendar day, kept at noon UTC");
    assert.equal(o.startDate?.toISOString(), "2026-11-30T08:30:00.000Z");
    assert.equal(o.clientDueDate?.toISOString(), "2026-12-02T17:00:30.000Z");
    assert.equal(o.instructions, "<h2>Gate</h2><script>alert(1)</script>", "stored as typed: it is what Pruvan receives");
    assert.deepEqual(o.options, { camera_orientation: "landscape" });
    assert.equal(o.gpsLatitude, 30.45);
    assert.equal(o.sourceWoProvider, "Tier1");
    assert.deepEqual(
      o.services.map((s) => [s.position, s.serviceName, s.survey, s.attribute1, s.sourceService]),
      [
        [0, "Lawn", "vendor1::Simple-v1", "a1", "mow"],
        [1, "Photos", null, null, null],
      ],
    );
    assert.deepEqual(o.services[0]!.options, { required: true });
    assert.deepEqual(
      o.statusEvents.map((e) => [e.source, e.actor, e.toStatus, e.toClientStatus]),
      [["portal", "desk@example.com", "rush", "Rush Order"]],
    );
    assert.equal(o.pushJobs.length, 1);

    // The order page renders the instructions sanitized: the markup stays, the script never reaches the page.
    const detail = await fetchPage(staff, `/orders/${o.id}`);
    assert.match(detail, /<div class="rich-text"><h2>Gate<\/h2><\/div>/);
    assert.doesNotMatch(detail, /<script>alert\(1\)/);
    assert.match(detail, /href="\/orders\/[^"]+\/edit"[^>]*>Edit order</);
  });

  test("fields the integration's mode does not send are saved and named in a warning", async () => {
    const form = withServices(await newOrderForm(external.id), [{ serviceName: "Inspection" }]);
    const res = await postForm(staff, "/orders/new", form, {
      workOrderNumber: "NEW-4",
      address1: "5 Elm",
      city: "Austin",
      state: "TX",
      zip: "78701",
      assignedTo: "crew9",
      instructions: "Knock",
      reference: "R1",
    });
    assert.ok(
      res.text.includes("Created order NEW-4. This integration has no push key yet: Pruvan gets it at its next import of orders."),
      res.text.slice(0, 600),
    );
    // reference goes with the create (remote-fields: shared fields "can be set on remote order creation").
    assert.ok(res.text.includes("Saved, but not sent to Pruvan: assignedTo, instructions."), res.text.slice(0, 900));
    assert.equal((await order("NEW-4")).assignedTo, "crew9");
  });

  test("a taken work order number is refused beside the field", async () => {
    const form = withServices(await newOrderForm(external.id), [{ serviceName: "Inspection" }]);
    const res = await postForm(staff, "/orders/new", form, {
      workOrderNumber: "NEW-4",
      address1: "6 Elm",
      city: "Austin",
      state: "TX",
      zip: "78701",
    });
    assert.equal(fieldError(res.html, "workOrderNumber"), "already exists");
  });
});

describe("editing an order", () => {
  test("the form locks what Pruvan does not update, with the reason", async () => {
    const o = await order("NEW-3");
    const html = await fetchPage(staff, `/orders/${o.id}/edit`);
    for (const locked of [
      "address1",
      "city",
      "zip",
      "description",
      "attribute7",
      "gpsLatitude",
      "options",
      "source_wo_id",
      "workOrderNumber",
    ]) {
      assert.doesNotMatch(html, new RegExp(`<(input|textarea|select)[^>]*name="${locked}"`), `${locked} is not an input`);
    }
    const text = textOf(html);
    assert.ok(text.includes("Locked fields: Pruvan takes them only when the order is created"));
    assert.ok(text.includes("It is how Pruvan knows the order; it cannot change."));
    assert.ok(text.includes("Pruvan knows the task by its name."));
    // An existing service posts its id and its name; its create-only fields are not inputs.
    const fields = await editForm(o.id);
    assert.deepEqual(
      fields.filter((f) => f.name === "services.0.id" || f.name === "services.0.serviceName").map((f) => f.value),
      [o.services[0]!.id, "Lawn"],
    );
    assert.ok(!fields.some((f) => f.name === "services.0.attribute1"));
  });

  test("the form posted untouched changes nothing (dates, options and services round-trip)", async () => {
    const o = await order("NEW-3");
    const res = await postForm(staff, `/orders/${o.id}/edit`, await editForm(o.id));
    assert.ok(res.text.includes("Nothing changed on order NEW-3."), res.text.slice(0, 800));
    assert.equal((await order("NEW-3")).pushJobs.length, 1, "no push for no change");
  });

  test("a change to a create-only field, a service's name or a status the rules forbid is refused, each with its rule", async () => {
    const o = await order("NEW-3");
    const fields = await editForm(o.id);
    const address = await postForm(staff, `/orders/${o.id}/edit`, fields, { address1: "99 Other Road" });
    assert.ok(
      address.text.includes('Address 1: cannot change once the order exists (Pruvan does not update it); it is "12 Juniper Court"'),
      address.text.slice(0, 900),
    );
    const rename = await postForm(staff, `/orders/${o.id}/edit`, fields, { "services.0.serviceName": "Mowing" });
    assert.match(fieldError(rename.html, "services.0.serviceName") ?? rename.text, /a service's name cannot change \("Lawn"\)/);
    const attribute = await postForm(staff, `/orders/${o.id}/edit`, fields, { "services.0.attribute1": "changed" });
    assert.match(attribute.text, /Service 1: Attribute 1: cannot change on an existing service/);
    const complete = await postForm(staff, `/orders/${o.id}/edit`, fields, { status: "complete" });
    assert.equal(
      fieldError(complete.html, "status"),
      '"complete" is set by Pruvan users or Pruvan\'s workflow only, never by a remote system.',
    );
    const deleted = await postForm(staff, `/orders/${o.id}/edit`, fields, { status: "deleted" });
    assert.equal(fieldError(deleted.html, "status"), 'Setting "deleted" removes the order from Pruvan. Confirm it explicitly to proceed.');
    const after = await order("NEW-3");
    assert.equal(after.address1, "12 Juniper Court");
    assert.equal(after.status, "rush");
    assert.equal(after.deletedAt, null);
  });

  test("updatable fields change; services are replaced as a set (kept, reordered, removed, added)", async () => {
    const o = await order("NEW-3");
    const [lawn, photos] = o.services;
    const fields = withServices(await editForm(o.id), [
      { id: photos!.id, serviceName: "Photos", survey: "", instructions: "Wide shots", options: "" },
      { serviceName: "Winterization", survey: "", instructions: "", options: '{"required":true}', attribute3: "w3" },
    ]);
    const res = await postForm(staff, `/orders/${o.id}/edit`, fields, {
      clientStatus: "Order Late",
      status: "rework",
      dueDate: "2026-12-09",
      workOrderInfo: "",
    });
    assert.ok(res.text.includes("Saved order NEW-3. It goes to Pruvan with the next push."), res.text.slice(0, 800));
    const after = await order("NEW-3");
    assert.equal(after.status, "rework");
    assert.equal(after.clientStatus, "Order Late");
    assert.equal(after.workOrderInfo, null, "an emptied field is cleared");
    assert.equal(after.dueDate?.toISOString(), "2026-12-09T12:00:00.000Z");
    assert.deepEqual(
      after.services.map((s) => [s.position, s.serviceName, s.instructions, s.attribute3]),
      [
        [0, "Photos", "Wide shots", null],
        [1, "Winterization", null, "w3"],
      ],
    );
    assert.equal(after.services[0]!.id, photos!.id, "the kept service is the same task");
    assert.ok(!after.services.some((s) => s.id === lawn!.id), "the removed one is gone");
    assert.equal(after.pushJobs.length, 2);
    assert.ok(
      after.statusEvents.some(
        (e) => e.fromStatus === "rush" && e.toStatus === "rework" && e.toClientStatus === "Order Late" && e.actor === "desk@example.com",
      ),
    );
  });

  test("a changed survey template is saved with the warning that the task is removed and re-added", async () => {
    const o = await order("NEW-3");
    const res = await postForm(staff, `/orders/${o.id}/edit`, await editForm(o.id), { "services.0.survey": "vendor1::Photos-v2" });
    assert.ok(res.text.includes('The survey of "Photos" changed: Pruvan only takes a new template on a new task'), res.text.slice(0, 900));
    assert.equal((await order("NEW-3")).pushJobs.length, 4, "two pushes: without the task, then with it");
  });

  test("no service at all is refused", async () => {
    const o = await order("NEW-3");
    const res = await postForm(staff, `/orders/${o.id}/edit`, withServices(await editForm(o.id), []));
    assert.ok(res.text.includes("Services: at least one service is required"), res.text.slice(0, 900));
  });

  test('"deleted" is offered with a confirmation where the mode may set statuses; confirmed, it deletes the order', async () => {
    const vendorOrder = await order("NEW-4");
    const vendorForm = await fetchPage(staff, `/orders/${vendorOrder.id}/edit`);
    assert.doesNotMatch(vendorForm, /<option value="deleted"/, "external without auto_admin: the Delete button is the way");
    const o = await createOrder(
      {
        integrationId: internal.id,
        workOrderNumber: "NEW-5",
        address1: "7 Elm",
        city: "Austin",
        state: "TX",
        zip: "78701",
        services: [{ serviceName: "Lawn" }],
      },
      { source: "cli", actor: "test" },
    );
    const unconfirmed = await postForm(staff, `/orders/${o.id}/edit`, await editForm(o.id), { status: "deleted" });
    assert.equal(
      fieldError(unconfirmed.html, "status"),
      'Setting "deleted" removes the order from Pruvan. Confirm it explicitly to proceed.',
    );
    const res = await postForm(staff, `/orders/${o.id}/edit`, await editForm(o.id), { status: "deleted", confirmDelete: "on" });
    assert.ok(res.text.includes("This order was deleted"), "the page now says so instead of a form");
    const deleted = await order("NEW-5");
    assert.ok(deleted.deletedAt);
    assert.ok(deleted.pushJobs.some((j) => j.kind === "delete"));
  });
});

describe("delete and force push", () => {
  test("delete needs the explicit confirmation", async () => {
    const o = await order("NEW-3");
    const refused = await callFormAction(staff, `/orders/${o.id}`, "deleteOrderAction", { orderId: o.id });
    assert.ok(refused.text.includes('Deleting sets the Pruvan status \\"deleted\\"'), refused.text);
    assert.equal((await order("NEW-3")).deletedAt, null);
  });

  test("force push is for admins: staff are refused and nothing is queued; an admin queues one forced push", async () => {
    const o = await order("NEW-3");
    const jobs = o.pushJobs.length;
    const byStaff = await callFormAction(staff, `/orders/${o.id}`, "forcePushAction", { orderId: o.id });
    assert.equal(byStaff.status, 403);
    assert.equal((await order("NEW-3")).pushJobs.length, jobs);
    const byAdmin = await callFormAction(admin, `/orders/${o.id}`, "forcePushAction", { orderId: o.id });
    assert.ok(byAdmin.text.includes("Force push queued"), byAdmin.text);
    assert.ok(byAdmin.text.includes("Force push of NEW-3"), "with the warning of what it overwrites");
    assert.equal((await order("NEW-3")).pushJobs.filter((j) => j.force).length, 1);
    // The order page offers force push to admins only.
    assert.ok(textOf(await fetchPage(admin, `/orders/${o.id}`)).includes("Force push"));
    assert.ok(!textOf(await fetchPage(staff, `/orders/${o.id}`)).includes("Force push"));
  });

  test("delete with the confirmation marks the order deleted and pushes the deleted status", async () => {
    const o = await order("NEW-3");
    const res = await callFormAction(staff, `/orders/${o.id}`, "deleteOrderAction", { orderId: o.id, confirm: "on" });
    assert.ok(res.text.includes("Order NEW-3 is deleted."), res.text);
    const after = await order("NEW-3");
    assert.ok(after.deletedAt);
    assert.equal(after.status, "deleted");
    assert.ok(after.pushJobs.some((j) => j.kind === "delete"));
  });
});

describe("instructions preview", () => {
  test("is sanitized on the server for a signed-in user only", async () => {
    const call = (session: Browserless) =>
      session.fetch("/orders/new", {
        method: "POST",
        headers: { "next-action": actionId("previewInstructions"), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
        body: JSON.stringify([
          '<p onclick="x()">Hi <a href="javascript:alert(1)">js</a> <a href="https://ok.example">ok</a></p><img src=x onerror=alert(1)><script>alert(2)</script>',
        ]),
      });
    const res = await call(staff);
    assert.equal(res.status, 200);
    const body = await res.text();
    assert.ok(
      body.includes(
        '<p>Hi <a rel=\\"noopener noreferrer nofollow\\" target=\\"_blank\\">js</a> <a href=\\"https://ok.example\\" rel=\\"noopener noreferrer nofollow\\" target=\\"_blank\\">ok</a></p>',
      ),
      body,
    );
    assert.doesNotMatch(body, /onclick|onerror|javascript:|<script|<img/);
    const anonymous = await call(new Browserless(server.url));
    const answer = await anonymous.text();
    assert.doesNotMatch(answer, /Hi <a/, "no preview without a session");
    assert.match(anonymous.headers.get("x-action-redirect") ?? "", /\/sign-in/);
  });
});

describe("import on the Orders page", () => {
  const csv = [
    "workOrderNumber,address1,city,state,zip,clientStatus,services",
    "IMP-1,1 Oak Lane,Austin,TX,78701,Order Created,Lawn|Photos",
    "IMP-2,2 Oak Lane,Austin,TX,,Order Created,Lawn",
    "NEW-4,3 Oak Lane,Austin,TX,78701,,Lawn",
  ].join("\n");

  test("a dry run reports each row and saves nothing; apply saves exactly that file", async () => {
    const form = formWithField(await fetchPage(staff, "/orders/import"), "integrationId");
    const preview = await postForm(staff, "/orders/import", form, {
      integrationId: internal.id,
      file: new File([csv], "orders.csv", { type: "text/csv" }),
    });
    assert.equal(preview.status, 200);
    assert.ok(preview.text.includes("Dry run: nothing was saved yet"), preview.text.slice(0, 900));
    const rows = [...preview.html.matchAll(/data-testid="import-row">([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!).trim());
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /^row 2\s*IMP-1\s*will be created/);
    assert.match(rows[1]!, /^row 3\s*IMP-2\s*error\s*zip: is required/);
    assert.match(rows[2]!, /^row 4\s*NEW-4\s*error.*belongs to another integration/);
    assert.equal(await db().workOrder.count({ where: { workOrderNumber: "IMP-1" } }), 0);

    const apply = formWithField(preview.html, "stagedId");
    // Applied in the background (tests/portal/import-jobs.test.ts): the answer leads to the job's page.
    const applying = await submitForm(staff, "/orders/import", apply);
    assert.equal(applying.status, 303);
    const jobPage = applying.headers.get("location")!;
    await followJob(staff, new URL(jobPage, server.url).searchParams.get("job")!);
    const applied = textOf(await fetchPage(staff, jobPage));
    assert.ok(applied.includes("Imported orders.csv: 1 order changed."), applied.slice(0, 900));
    const imported = await order("IMP-1");
    assert.deepEqual(
      imported.services.map((s) => s.serviceName),
      ["Lawn", "Photos"],
    );
    assert.deepEqual(
      imported.statusEvents.map((e) => [e.source, e.actor]),
      [["import", "desk@example.com"]],
    );
    // Applied once: the staged file is gone.
    const again = await postForm(staff, "/orders/import", apply);
    assert.ok(again.text.includes("This preview has expired or was already applied."), again.text.slice(0, 600));
  });

  test("a staged file is only for the person who uploaded it", async () => {
    const form = formWithField(await fetchPage(staff, "/orders/import"), "integrationId");
    const json = JSON.stringify({
      workOrders: [
        { workOrderNumber: "IMP-9", address1: "9 Elm", city: "Austin", state: "TX", zip: "78701", services: [{ serviceName: "Lawn" }] },
      ],
    });
    const preview = await postForm(staff, "/orders/import", form, {
      integrationId: internal.id,
      file: new File([json], "orders.json", { type: "application/json" }),
    });
    const stagedId = formWithField(preview.html, "stagedId").find((f) => f.name === "stagedId")!.value;
    const byAdmin = await callFormAction(admin, "/orders/import", "applyImportAction", { stagedId });
    assert.ok(byAdmin.text.includes("This preview has expired or was already applied."), byAdmin.text);
    assert.equal(await db().workOrder.count({ where: { workOrderNumber: "IMP-9" } }), 0);
  });

  test("a file that is not the doc's shape is refused as a whole", async () => {
    const form = formWithField(await fetchPage(staff, "/orders/import"), "integrationId");
    const res = await postForm(staff, "/orders/import", form, { integrationId: internal.id, file: new File(['{"orders":[]}'], "x.json") });
    assert.ok(res.text.includes('The file must hold {"workOrders":[...]}'), res.text.slice(0, 600));
    const empty = await postForm(staff, "/orders/import", form, { integrationId: internal.id });
    assert.ok(
      empty.text.includes("choose a JSON or CSV file") || empty.text.includes("Check the highlighted fields"),
      empty.text.slice(0, 600),
    );
  });
});
