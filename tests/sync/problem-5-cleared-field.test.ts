import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { AccountDriver, PushFault } from "../support/pruvan-account/driver";
import { eventually } from "../support/pruvan-push";
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

// Found by the property test (FC_SEED=715755346 on 2026-12-03): a push the account carried
// out but whose answer was lost leaves the portal not knowing Pruvan holds the order, so
// the next call sends it in full; a task's options cleared here in between stayed in Pruvan.
test("after a push whose answer was lost: a field and a task's options cleared here are cleared in Pruvan by the send in full", async () => {
  const driver = await world.connect({ clientCode: "PROB5C", mode: "internal", pushKey: true });
  // The create is carried out, its answer lost; the retries fail (500, taking nothing) for
  // about five seconds (backoff from 20 ms), while the office clears the fields.
  driver.faults.push("answer-lost", ...Array<PushFault>(8).fill("error"));
  const id = await world.office.createOrder(driver.integrationId, order("P5C-1"), [
    { serviceName: "Lawn", instructions: "Mow and edge.", options: '{"lockbox":"1234"}' },
  ]);
  const task = () => driver.account.projects.get("P5C-1")?.tasks[0];
  await eventually(async () => driver.pushCalls > 1, "the create carried out and its answer lost");
  assert.deepEqual(JSON.parse(String(task()?.options)), { lockbox: "1234" });

  await world.office.editOrder(id, { ...CLEARED, "services.0.instructions": "", "services.0.options": "" });
  assert.ok(driver.faults.length > 0, "the office's change was saved before the retries ran out");
  await world.settle(driver);
  const last = world.endpoint.forKey(driver.apiKey).at(-1)!.workOrders![0]!;
  const [sentTask] = last.services as Array<Record<string, unknown>>;
  assert.deepEqual(
    [sentTask?.instructions, sentTask?.options],
    ["", ""],
    "the order went in full, its task's cleared shared fields as empty values",
  );
  assertCleared(driver, "P5C-1");
  assert.equal(task()?.options, null);
});
