import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { fetchPage, formWithField } from "../support/forms";
import { runCli } from "../support/server";
import { minimalOrder, officeOrder, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// Issue 11, "The docs' rules, where today's code differs", each played on the model Pruvan
// account (tests/support/pruvan-account) through the portal's real pages, CLI and API:
// Auto-Admin on by default, description and reference on create, no canceled/closed status
// on create, a bare startDate at midnight US Central, key4 matched as the wire folds it, a
// survey template change without a push key refused with the reason; and two rules already
// kept: queued items of an order deleted here go to the inbox, marked.

let world: SyncWorld;
before(async () => {
  world = await startSyncWorld();
});
after(async () => {
  await world?.stop();
});

const order = (workOrderNumber: string, extra: Record<string, string> = {}) =>
  officeOrder(workOrderNumber, { clientStatus: "Order Created", ...extra });

describe("remote-fields-and-statuses", () => {
  test('"Auto-Admin is ON by default": the CLI, the new-integration form and the database start with it on', async () => {
    const made = runCli(["integration:create", "--username", "auto-default", "--mode", "external"], world.portal.env);
    assert.equal(made.code, 0, made.stderr);
    const off = runCli(["integration:create", "--username", "auto-off", "--mode", "external", "--no-auto-admin"], world.portal.env);
    assert.equal(off.code, 0, off.stderr);
    const stored = await db().integration.findMany({
      where: { username: { in: ["auto-default", "auto-off"] } },
      orderBy: { username: "asc" },
    });
    assert.deepEqual(
      stored.map((i) => [i.username, i.autoAdmin]),
      [
        ["auto-default", true],
        ["auto-off", false],
      ],
    );

    const form = formWithField(await fetchPage(world.office.admin, "/integrations"), "username");
    assert.ok(
      form.some((f) => f.name === "autoAdmin"),
      "the create form's auto_admin box starts ticked",
    );

    const row = await db().integration.create({ data: { username: "auto-row", name: "auto-row", mode: "external" } });
    assert.equal(row.autoAdmin, true, "the column's default");
  });

  test('an external integration sets description and reference on create (shared fields "can be set on remote order creation")', async () => {
    const driver = await world.connect({ clientCode: "RULE1", mode: "external", autoAdmin: false, pushKey: false });
    await world.office.createOrder(driver.integrationId, order("R1-1", { description: "Initial inspection", reference: "REF-77" }), [
      { serviceName: "Lawn" },
    ]);
    assert.ok((await driver.fullImport()).ok);
    assert.deepEqual(
      [driver.account.valueOf("R1-1", "description"), driver.account.valueOf("R1-1", "reference")],
      ["Initial inspection", "REF-77"],
    );
    assert.deepEqual([driver.account.refusals, driver.account.advice], [[], []]);
  });

  test("a status mapping never sends canceled or closed on create; the order's next update carries it", async () => {
    const driver = await world.connect({ clientCode: "RULE2", mode: "external", pushKey: true });
    // Pruvan's suggested mappings are installed by a migration: "Order Closed" -> closed, "Order Canceled" -> canceled.
    const closed = await world.office.createOrder(driver.integrationId, order("R2-1", { clientStatus: "Order Closed" }), [
      { serviceName: "Lawn" },
    ]);
    await world.office.createOrder(driver.integrationId, order("R2-2", { clientStatus: "Order Canceled" }), [{ serviceName: "Lawn" }]);
    await world.settle(driver);
    assert.deepEqual([driver.account.valueOf("R2-1", "status"), driver.account.valueOf("R2-2", "status")], ["unassigned", "unassigned"]);
    assert.deepEqual(driver.account.advice, [], "nothing NOT ADVISED on create was sent");
    await world.office.editOrder(closed, { clientInstructions: "Closed by the client." });
    await world.settle(driver);
    assert.equal(driver.account.valueOf("R2-1", "status"), "closed", "an update may close it");
    assert.deepEqual(driver.account.advice, []);
  });
});

describe("pruvan-api-v2", () => {
  test('a startDate given as a date alone is midnight US Central ("Date Fields")', async () => {
    const driver = await world.connect({ clientCode: "RULE3", mode: "external", pushKey: false });
    await world.importOrders(driver, [
      minimalOrder("R3-1", { startDate: "2026-06-01" }),
      minimalOrder("R3-2", { startDate: "2026-01-15" }),
    ]);
    assert.ok((await driver.fullImport()).ok);
    assert.equal(driver.account.valueOf("R3-1", "startDate"), "2026-06-01T05:00:00.000Z", "CDT");
    assert.equal(driver.account.valueOf("R3-2", "startDate"), "2026-01-15T06:00:00.000Z", "CST");
  });

  test("key4 matches a service whose name went over the wire ASCII-folded", async () => {
    const driver = await world.connect({ clientCode: "RULE4", mode: "external", pushKey: false });
    await world.office.createOrder(driver.integrationId, order("R4-1"), [{ serviceName: "Photos" }, { serviceName: "Tâche à faire" }]);
    assert.ok((await driver.fullImport()).ok);
    assert.deepEqual(
      driver.account.projects.get("R4-1")!.tasks.map((t) => t.serviceName),
      ["Photos", "Tache a faire"],
    );
    const photo = driver.takeItem("R4-1", "photo", "Tache a faire");
    assert.equal(await driver.publish(photo.uuId), true, driver.publishErrors.join("\n"));
    const stored = await db().workItem.findUniqueOrThrow({ where: { uuId: photo.uuId }, include: { service: true } });
    assert.equal(stored.service?.serviceName, "Tâche à faire");
  });

  test("a survey template change without a push key is refused with the reason, never silently lost", async () => {
    const driver = await world.connect({ clientCode: "RULE5", mode: "external", pushKey: false });
    const received = await world.office.createOrder(driver.integrationId, order("R5-1"), [
      { serviceName: "Inspect", survey: "vendor1::QC-v1" },
    ]);
    assert.ok((await driver.fullImport()).ok);
    const notYet = await world.office.createOrder(driver.integrationId, order("R5-2"), [
      { serviceName: "Inspect", survey: "vendor1::QC-v1" },
    ]);

    await assert.rejects(
      world.office.editOrder(received, { "services.0.survey": "vendor1::QC-v2" }),
      /survey.*two calls.*push key.*new name/s,
    );
    assert.equal((await db().service.findFirstOrThrow({ where: { workOrderId: received } })).survey, "vendor1::QC-v1", "nothing changed");
    // Renamed, the task is a new one with the new template: that works without a push key.
    await world.office.editOrder(received, { "services.0.survey": "vendor1::QC-v2" }, ["Inspect v2"]);
    // An order Pruvan has not received yet takes the new template with its create.
    assert.equal(await world.office.editOrder(notYet, { "services.0.survey": "vendor1::QC-v2" }), "saved");
    assert.ok((await driver.incrementalImport()).ok);
    const tasks = (n: string) => driver.account.projects.get(n)!.tasks.map((t) => [t.serviceName, t.survey]);
    assert.deepEqual([tasks("R5-1"), tasks("R5-2")], [[["Inspect v2", "vendor1::QC-v2"]], [["Inspect", "vendor1::QC-v2"]]]);
  });

  test("a survey template change with a push key goes as two pushes: the account gets the new template", async () => {
    const driver = await world.connect({ clientCode: "RULE6", mode: "external", pushKey: true });
    const id = await world.office.createOrder(driver.integrationId, order("R6-1"), [{ serviceName: "Inspect", survey: "vendor1::QC-v1" }]);
    await world.settle(driver);
    await world.office.editOrder(id, { "services.0.survey": "vendor1::QC-v2" });
    await world.settle(driver);
    assert.deepEqual(
      driver.account.projects.get("R6-1")!.tasks.map((t) => [t.serviceName, t.survey]),
      [["Inspect", "vendor1::QC-v2"]],
    );
  });
});

describe("queued data of an order deleted here", () => {
  test("goes to the uploads inbox marked as such, not onto the deleted order (remote-fields, last note)", async () => {
    const driver = await world.connect({ clientCode: "RULE7", mode: "internal", pushKey: true });
    const id = await world.office.createOrder(driver.integrationId, order("R7-1"), [{ serviceName: "Lawn" }]);
    await world.settle(driver);
    const photo = driver.takeItem("R7-1", "photo");
    const key1 = driver.account.projects.get("R7-1")!.key1;
    await world.office.deleteOrder(id);
    await world.settle(driver);
    assert.equal(driver.account.projects.has("R7-1"), false, "deleted in the account");
    assert.equal(await driver.publish(photo.uuId), true, driver.publishErrors.join("\n"));
    assert.notEqual(photo.last!.key1, key1, "the account re-created the project under a new key1");
    const stored = await db().workItem.findUniqueOrThrow({ where: { uuId: photo.uuId } });
    assert.deepEqual([stored.workOrderId, stored.match, stored.inboxReason], [null, "unmatched", "order-deleted"]);
  });
});
