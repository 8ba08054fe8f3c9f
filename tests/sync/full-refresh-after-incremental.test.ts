import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { minimalOrder, nextSecond, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// A full refresh right after an incremental import (found by tests/sync/property.test.ts):
// nothing tells the portal whether Pruvan read that incremental answer, and a full refresh
// leaves out the shared fields Pruvan is taken to hold (issue 11, "Delta updates"). Had the
// answer been lost, an order it created would be created by the full refresh without its
// instructions, due date and status, for good. So the full refresh carries again what only
// that answer carried (lib/orders/pull-window unreadBeforeFullRefresh), except for orders
// Pruvan has reported a status on since: it holds them, and a crew's status stays.

let world: SyncWorld;
before(async () => {
  world = await startSyncWorld();
});
after(async () => {
  await world?.stop();
});

test("an incremental answer that never arrived, then a full refresh: the order arrives with its shared fields", async () => {
  const driver = await world.connect({ clientCode: "FRAI1", mode: "internal", pushKey: false });
  await world.importOrders(driver, [
    minimalOrder("FRAI1-1", { instructions: "Lockbox 1234", dueDate: "2026-07-04", clientStatus: "Rush Order" }),
  ]);
  driver.lostImportAnswers = 1;
  assert.equal((await driver.incrementalImport()).ok, false, "the answer never reaches the account");
  assert.equal(driver.account.projects.size, 0);

  assert.ok((await driver.fullImport()).ok);
  const values = ["instructions", "dueDate", "status"].map((f) => driver.account.valueOf("FRAI1-1", f as "instructions"));
  assert.deepEqual(values, ["Lockbox 1234", "2026-07-04", "rush"]);
  assert.deepEqual([driver.account.refusals, driver.account.advice], [[], []]);
});

test("an incremental answer that did arrive, a crew's status since, then a full refresh: the crew's status stays", async () => {
  const driver = await world.connect({ clientCode: "FRAI2", mode: "external", pushKey: false });
  await world.importOrders(driver, [minimalOrder("FRAI2-1", { instructions: "Lockbox 1234", clientStatus: "Rush Order" })]);
  assert.ok((await driver.incrementalImport()).ok);
  driver.account.crewCompletes("FRAI2-1");
  await driver.relayStatus();
  assert.deepEqual(driver.statusErrors, []);

  await nextSecond();
  assert.ok((await driver.fullImport()).ok);
  assert.equal(driver.account.valueOf("FRAI2-1", "status"), "complete", "the status Pruvan reported is not sent back over");
  assert.equal(driver.account.valueOf("FRAI2-1", "instructions"), "Lockbox 1234");
  assert.deepEqual([driver.account.refusals, driver.account.advice, driver.account.overwrites], [[], [], []]);
});
