import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { minimalOrder, nextSecond, officeOrder, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// A full refresh after a full refresh whose answer never reached Pruvan (issue 11's property
// test, with lost full answers): a full refresh tells the portal nothing about the one
// before it (both ask with no timestamp), and it leaves out the shared fields Pruvan is
// taken to hold. Had the first answer been taken as read, the order it created would be
// created by the second without its instructions, due date and status, for good. So, as
// after an incremental import, the full refresh carries again what only the answer before
// it carried (lib/orders/pull-window unreadBeforeFullRefresh), except for orders Pruvan has
// reported a status on since: it holds them, and a crew's status stays.

let world: SyncWorld;
before(async () => {
  world = await startSyncWorld();
});
after(async () => {
  await world?.stop();
});

test("a full refresh answer that never arrived, then another full refresh: the order arrives with its shared fields", async () => {
  const driver = await world.connect({ clientCode: "FRAF1", mode: "internal", pushKey: false });
  await world.importOrders(driver, [
    minimalOrder("FRAF1-1", { instructions: "Lockbox 1234", dueDate: "2026-07-04", clientStatus: "Rush Order" }),
  ]);
  driver.lostImportAnswers = 1;
  assert.equal((await driver.fullImport()).ok, false, "the answer never reaches the account");
  assert.equal(driver.account.projects.size, 0);

  assert.ok((await driver.fullImport()).ok);
  const values = ["instructions", "dueDate", "status"].map((f) => driver.account.valueOf("FRAF1-1", f as "instructions"));
  assert.deepEqual(values, ["Lockbox 1234", "2026-07-04", "rush"]);
  assert.deepEqual([driver.account.refusals, driver.account.advice], [[], []]);
});

test("a full refresh answer that did arrive, a crew's status and a user's edit since, then another full refresh: both stay", async () => {
  const driver = await world.connect({ clientCode: "FRAF2", mode: "external", pushKey: false });
  await world.importOrders(driver, [minimalOrder("FRAF2-1", { instructions: "Lockbox 1234", clientStatus: "Rush Order" })]);
  assert.ok((await driver.fullImport()).ok);
  driver.account.crewCompletes("FRAF2-1");
  driver.account.userEdits("FRAF2-1", "instructions", "Gate code 9");
  await driver.relayStatus();
  assert.deepEqual(driver.statusErrors, []);

  await nextSecond();
  assert.ok((await driver.fullImport()).ok);
  assert.equal(driver.account.valueOf("FRAF2-1", "status"), "complete", "the status Pruvan reported is not sent back over");
  assert.equal(driver.account.valueOf("FRAF2-1", "instructions"), "Gate code 9", "the account user's instructions stay");
  assert.deepEqual([driver.account.refusals, driver.account.advice, driver.account.overwrites], [[], [], []]);
});

test("an office edit after a confirmed import, two full refresh answers lost in a row, then a third: the edit arrives, the rest stays", async () => {
  // The full refresh after an unread one carries again what the unread one carried, built
  // from what Pruvan held before it (lib/orders/pruvan-pull answerOrders): here a change of a
  // shared field to an order Pruvan had confirmed, and an order Pruvan never confirmed.
  const driver = await world.connect({ clientCode: "FRAF3", mode: "internal", pushKey: false });
  const order = (n: string) => officeOrder(n, { clientStatus: "Rush Order", status: "rush", instructions: "Mow the front yard." });
  const edited = await world.office.createOrder(driver.integrationId, order("FRAF3-1"), [{ serviceName: "Lawn" }]);
  assert.ok((await driver.fullImport()).ok);
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok, "Pruvan's timestamp confirms the full refresh");
  driver.account.crewCompletes("FRAF3-1");
  await driver.relayStatus();
  await world.office.editOrder(edited, { instructions: "Gate code 4321." });
  await world.office.createOrder(driver.integrationId, order("FRAF3-2"), [{ serviceName: "Lawn" }]);

  await nextSecond();
  driver.lostImportAnswers = 2;
  assert.equal((await driver.fullImport()).ok, false);
  await nextSecond();
  assert.equal((await driver.fullImport()).ok, false);
  await nextSecond();
  assert.ok((await driver.fullImport()).ok);
  assert.equal(driver.account.valueOf("FRAF3-1", "instructions"), "Gate code 4321.", "the office's edit arrived");
  assert.equal(driver.account.valueOf("FRAF3-1", "status"), "complete", "the crew's status stays");
  assert.deepEqual(
    ["instructions", "status"].map((f) => driver.account.valueOf("FRAF3-2", f as "instructions")),
    ["Mow the front yard.", "rush"],
    "the order first sent by the lost answers arrives whole",
  );
  assert.deepEqual([driver.account.refusals, driver.account.advice, driver.account.overwrites], [[], [], []]);

  // Read, confirmed: the full refresh after it sends no shared field over the crew's and the user's values.
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  driver.account.userEdits("FRAF3-2", "instructions", "Back yard too.");
  await nextSecond();
  assert.ok((await driver.fullImport()).ok);
  assert.equal(driver.account.valueOf("FRAF3-2", "instructions"), "Back yard too.");
  assert.deepEqual(driver.account.overwrites, []);
});

test("a full refresh answer that arrived, the next one lost, a user's edit, then Import Orders: its timestamp shows the first was read, the edit stays", async () => {
  // The second full refresh carried the first one's copy again (it could not know the first
  // was read); the incremental's timestamp is the start of the import that read the first,
  // so that copy is what Pruvan holds, not rolled back (lib/orders/pull-window withCarriedRead).
  // "Order Created" maps to no Pruvan status: no status report shows Pruvan holds the order.
  const driver = await world.connect({ clientCode: "FRAF4", mode: "internal", pushKey: false });
  const order = minimalOrder("FRAF4-1", {
    clientStatus: "Order Created",
    services: [{ serviceName: "Lawn", instructions: "Lockbox 1234" }],
  });
  await world.importOrders(driver, [order]);
  assert.ok((await driver.fullImport()).ok);
  driver.lostImportAnswers = 1;
  assert.equal((await driver.fullImport()).ok, false);
  driver.account.userEditsTask("FRAF4-1", "Lawn", "Gate code 9");

  assert.ok((await driver.incrementalImport()).ok);
  assert.ok((await driver.fullImport()).ok);
  const task = driver.account.projects.get("FRAF4-1")?.tasks.find((t) => t.serviceName === "Lawn");
  assert.equal(task?.instructions, "Gate code 9", "the account user's task instructions stay");
  assert.deepEqual([driver.account.refusals, driver.account.advice, driver.account.overwrites], [[], [], []]);
});
