import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AccountDriver } from "../support/pruvan-account/driver";
import { nextSecond, officeOrder, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// Issue 11, problem 5: "Clearing a field never reaches Pruvan (empty values are left out of
// every call)." A field left out of an update is unchanged in Pruvan; an empty value clears
// it. Played on the model account (internal: every field is ours to update), by push and by
// incremental import: client instructions, work order info, reference, the due date and a
// task's instructions cleared here are cleared there.

let world: SyncWorld;
before(async () => {
  world = await startSyncWorld();
});
after(async () => {
  await world?.stop();
});

const order = (workOrderNumber: string) =>
  officeOrder(workOrderNumber, {
    clientStatus: "Order Created",
    clientInstructions: "Call the owner first.",
    workOrderInfo: "Lockbox 1234",
    reference: "PO-77",
    dueDate: "2026-05-25",
  });
const CLEARED = { clientInstructions: "", workOrderInfo: "", reference: "", dueDate: "" };

function assertCleared(driver: AccountDriver, number: string) {
  const project = driver.account.projects.get(number)!;
  assert.deepEqual(
    [
      project.values.clientInstructions,
      project.values.workOrderInfo,
      project.values.reference,
      project.values.dueDate,
      project.tasks[0]!.instructions,
    ],
    [null, null, null, null, null],
    "every field cleared here is cleared in the account",
  );
  assert.equal(project.values.clientStatus, "Order Created");
  assert.deepEqual([driver.account.refusals, driver.account.advice], [[], []]);
}

test("by push: cleared fields go as empty values and clear them in Pruvan", async () => {
  const driver = await world.connect({ clientCode: "PROB5A", mode: "internal", pushKey: true });
  const id = await world.office.createOrder(driver.integrationId, order("P5A-1"), [{ serviceName: "Lawn", instructions: "Mow and edge." }]);
  await world.settle(driver);
  assert.equal(driver.account.valueOf("P5A-1", "workOrderInfo"), "Lockbox 1234");

  await world.office.editOrder(id, { ...CLEARED, "services.0.instructions": "" });
  await world.settle(driver);
  const last = world.endpoint.forKey(driver.apiKey).at(-1)!.workOrders![0]!;
  assert.deepEqual(
    { ...last, services: undefined },
    { workOrderNumber: "P5A-1", clientStatus: "Order Created", ...CLEARED, services: undefined },
    "the update names each cleared field, with an empty value",
  );
  assertCleared(driver, "P5A-1");
});

test("by incremental import: cleared fields go as empty values and clear them in Pruvan", async () => {
  const driver = await world.connect({ clientCode: "PROB5B", mode: "internal", pushKey: false });
  const id = await world.office.createOrder(driver.integrationId, order("P5B-1"), [{ serviceName: "Lawn", instructions: "Mow and edge." }]);
  assert.ok((await driver.fullImport()).ok);
  await world.office.editOrder(id, { ...CLEARED, "services.0.instructions": "" });
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  assertCleared(driver, "P5B-1");
});
