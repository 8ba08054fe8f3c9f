import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { officeOrder, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// The model Pruvan account driving the portal over HTTP, for what already works: orders
// reach the account by import and by push, failed push calls are made again, a deletion
// reaches the account, the account's status reports and published items reach the portal.

let world: SyncWorld;
before(async () => {
  world = await startSyncWorld();
});
after(async () => {
  await world?.stop();
});

const order = (workOrderNumber: string, extra: Record<string, string> = {}) =>
  officeOrder(workOrderNumber, { clientStatus: "Order Created", ...extra });

describe("orders reach the account", () => {
  test("by full and incremental import: created with the doc's minimum, then updated", async () => {
    const driver = await world.connect({ clientCode: "BASIC1", mode: "external", autoAdmin: true, pushKey: false });
    const id = await world.office.createOrder(driver.integrationId, order("B1-1", { workOrderInfo: "Lockbox 1", dueDate: "2026-05-25" }), [
      { serviceName: "Lawn" },
      { serviceName: "Photos" },
    ]);
    const full = await driver.fullImport();
    assert.ok(full.ok && full.count === 1, JSON.stringify(full));
    const project = driver.account.projects.get("B1-1")!;
    assert.deepEqual(
      [project.values.address1, project.values.workOrderInfo, project.values.dueDate],
      ["110 East Main Street", "Lockbox 1", "2026-05-25"],
    );
    assert.deepEqual(
      project.tasks.map((t) => t.serviceName),
      ["Lawn", "Photos"],
    );
    await world.office.editOrder(id, { clientStatus: "Order Late" }, ["Photos", "Winterize"]);
    assert.ok((await driver.incrementalImport()).ok);
    assert.equal(driver.account.valueOf("B1-1", "clientStatus"), "Order Late");
    assert.deepEqual(
      driver.account.projects.get("B1-1")!.tasks.map((t) => t.serviceName),
      ["Photos", "Winterize"],
      "services replaced as a set",
    );
    assert.deepEqual([driver.account.refusals, driver.account.advice], [[], []]);
  });

  test("an incremental import whose answer never arrived is made good by the next one", async () => {
    const driver = await world.connect({ clientCode: "BASIC7", mode: "external", autoAdmin: true, pushKey: false });
    const id = await world.office.createOrder(driver.integrationId, order("B7-1", { instructions: "Mow the front." }), [
      { serviceName: "Lawn" },
    ]);
    assert.ok((await driver.fullImport()).ok);
    await world.office.editOrder(id, { clientInstructions: "Call first.", instructions: "Mow and edge.", dueDate: "2026-06-01" });
    driver.lostImportAnswers = 1;
    assert.equal((await driver.incrementalImport()).ok, false);
    assert.ok((await driver.incrementalImport()).ok);
    const values = ["clientInstructions", "instructions", "dueDate"].map((f) => driver.account.valueOf("B7-1", f as never));
    assert.deepEqual(values, ["Call first.", "Mow and edge.", "2026-06-01"], "what the lost answer carried arrives with the next import");
  });

  test("by push; failed calls (503, reset, answer lost) are made again until the account has the change", async () => {
    const driver = await world.connect({ clientCode: "BASIC2", mode: "internal", pushKey: true });
    const id = await world.office.createOrder(driver.integrationId, order("B2-1"), [{ serviceName: "Lawn" }]);
    await world.settle(driver);
    assert.equal(driver.account.valueOf("B2-1", "clientStatus"), "Order Created");
    driver.faults.push("unavailable", "reset", "reset", "answer-lost");
    await world.office.editOrder(id, { clientStatus: "Rush Order" });
    await world.settle(driver);
    assert.deepEqual([driver.account.valueOf("B2-1", "clientStatus"), driver.account.valueOf("B2-1", "status")], ["Rush Order", "rush"]);
    assert.equal(driver.faults.length, 0, "every fault was met");
    assert.equal(driver.account.projects.get("B2-1")!.received.get("clientStatus"), "Rush Order", "the last call was answered");
  });

  test("a deleted order is deleted in the account: by push where the integration may set status, else by the next full import", async () => {
    const internal = await world.connect({ clientCode: "BASIC3", mode: "internal", pushKey: true });
    const a = await world.office.createOrder(internal.integrationId, order("B3-1"), [{ serviceName: "Lawn" }]);
    await world.settle(internal);
    await world.office.deleteOrder(a);
    await world.settle(internal);
    assert.equal(internal.account.projects.has("B3-1"), false);

    const vendor = await world.connect({ clientCode: "BASIC4", mode: "external", autoAdmin: false, pushKey: true });
    const b = await world.office.createOrder(vendor.integrationId, order("B4-1"), [{ serviceName: "Lawn" }]);
    await world.settle(vendor);
    await world.office.deleteOrder(b);
    await world.settle(vendor);
    assert.equal(vendor.account.projects.has("B4-1"), true, "its status is not the integration's to set");
    assert.ok((await vendor.fullImport()).ok);
    assert.equal(vendor.account.projects.has("B4-1"), false);
  });
});

describe("the account reports back", () => {
  test("a crew's complete reaches the portal through the status web service", async () => {
    const driver = await world.connect({ clientCode: "BASIC5", mode: "external", pushKey: false });
    await world.office.createOrder(driver.integrationId, order("B5-1"), [{ serviceName: "Lawn" }]);
    assert.ok((await driver.fullImport()).ok);
    driver.account.crewCompletes("B5-1");
    await driver.relayStatus();
    assert.deepEqual(driver.statusErrors, []);
    const stored = await db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: "B5-1" } });
    assert.deepEqual([stored.pruvanStatus, stored.fieldStatus], ["complete", "complete"]);
  });

  test("published items land on their order and task, once each, a retry included", async () => {
    const driver = await world.connect({ clientCode: "BASIC6", mode: "external", pushKey: false });
    const id = await world.office.createOrder(driver.integrationId, order("B6-1"), [{ serviceName: "Lawn" }, { serviceName: "Photos" }]);
    assert.ok((await driver.fullImport()).ok);
    const photo = driver.takeItem("B6-1", "photo", "Photos");
    const checkIn = driver.takeItem("B6-1", "check-in");
    for (const uuId of [photo.uuId, checkIn.uuId, photo.uuId])
      assert.equal(await driver.publish(uuId), true, driver.publishErrors.join("\n"));
    const items = await db().workItem.findMany({ where: { uuId: { in: [photo.uuId, checkIn.uuId] } }, include: { service: true } });
    assert.equal(items.length, 2);
    for (const item of items) assert.deepEqual([item.workOrderId, item.match], [id, "matched"]);
    assert.equal(items.find((i) => i.uuId === photo.uuId)!.service?.serviceName, "Photos");
    assert.equal(items.find((i) => i.uuId === photo.uuId)!.sha256, photo.last!.sha256);
  });
});
