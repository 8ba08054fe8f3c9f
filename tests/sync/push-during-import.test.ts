import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AccountDriver } from "../support/pruvan-account/driver";
import { officeOrder, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// Pruvan imports a getWorkOrders answer asynchronously ("The Pruvan WorkOrder Manager
// handles this asynchronous request and logs progress", pruvan-api-v2 "Flow"; the
// integration shows "running", managing-integrations). A push that arrives while it runs is
// carried out first, and then the answer's older values overwrite it, for good: the portal
// holds the push acknowledged and sends the field no more. So after an answer that carried
// orders, the integration's pushes wait PUSH_AFTER_ANSWER_MS (lib/push/outbox
// holdPushesAfterAnswer). The model account takes a second to import here; the portal waits 3.

let world: SyncWorld;
before(async () => {
  world = await startSyncWorld({ PUSH_AFTER_ANSWER_MS: "3000" });
});
after(async () => {
  await world?.stop();
});

/** An import that takes a second; the office edits the order as soon as the answer has left the portal. */
async function editDuringImport(
  driver: AccountDriver,
  orderId: string,
  run: () => Promise<{ ok: boolean }>,
  change: Record<string, string>,
) {
  driver.importDelayMs = 1000;
  const answered = new Promise<void>((resolve) => (driver.onAnswerArrived = resolve));
  const imported = run();
  await answered;
  await world.office.editOrder(orderId, change);
  assert.ok((await imported).ok);
  await world.settle(driver);
}

// A Full Refresh answers every current order, the edited one too (an incremental answer
// carries only the fields changed since Pruvan's last copy: an edit pushed during its import
// is overwritten only when it changes a field the answer carries, which the same hold covers).
test("an office edit pushed while Pruvan imports a Full Refresh is not overwritten by the answer", async () => {
  const driver = await world.connect({ clientCode: "PDI1", mode: "internal", pushKey: true });
  const id = await world.office.createOrder(driver.integrationId, officeOrder("PDI1-1", { clientInstructions: "Call the owner first." }), [
    { serviceName: "Lawn" },
  ]);
  await world.settle(driver);

  await editDuringImport(driver, id, () => driver.fullImport(), { clientInstructions: "Lockbox on the back door." });
  assert.equal(driver.account.valueOf("PDI1-1", "clientInstructions"), "Lockbox on the back door.");
  assert.deepEqual([driver.account.refusals, driver.account.overwrites], [[], []]);
});
