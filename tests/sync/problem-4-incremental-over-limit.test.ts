import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { minimalOrder, nextSecond, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// Issue 11, problem 4: "An incremental pull over 5,000 changed orders without a push key
// never sends the rest: Pruvan's next incremental asks only for what changed after its own
// timestamp" (pruvan-api-v2 "getWorkOrders Modes"). Played on the model account with the
// per-answer limit lowered to 20 (PRUVAN_ORDERS_PER_ANSWER, the same code path as 5000).

const LIMIT = 20;
let world: SyncWorld;
before(async () => {
  world = await startSyncWorld({ PRUVAN_ORDERS_PER_ANSWER: String(LIMIT) });
});
after(async () => {
  await world?.stop();
});

const orders = (prefix: string, count: number, extra: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_, i) => minimalOrder(`${prefix}-${i + 1}`, { clientStatus: "Order Created", ...extra }));

/** Every order number the account should have, and the ones it lacks or holds stale. */
function missing(driver: { account: { valueOf: (n: string, f: "clientStatus") => unknown } }, numbers: string[], clientStatus: string) {
  return numbers.filter((n) => driver.account.valueOf(n, "clientStatus") !== clientStatus);
}

test("without a push key: what one answer could not carry comes with the next incremental imports", async () => {
  const driver = await world.connect({ clientCode: "PROB4A", mode: "external", pushKey: false, perCallLimit: LIMIT });
  await world.importOrders(driver, orders("P4A-OLD", 5));
  assert.ok((await driver.fullImport()).ok);
  await world.importOrders(driver, orders("P4A", 45));
  await nextSecond(); // the import starts after every change, in a second of its own
  const first = await driver.incrementalImport();
  assert.ok(first.ok && first.count === LIMIT, JSON.stringify(first).slice(0, 300));
  const numbers = orders("P4A", 45).map((o) => o.workOrderNumber);
  assert.equal(missing(driver, numbers, "Order Created").length, 25);

  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  assert.deepEqual(missing(driver, numbers, "Order Created"), [], "every change reached the account");
  assert.equal(driver.account.projects.size, 50);

  // Paid: the next imports answer only what changed since Pruvan's timestamp.
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  await nextSecond();
  const quiet = await driver.incrementalImport();
  assert.ok(quiet.ok && quiet.count === 0, `nothing owed any more: ${JSON.stringify(quiet).slice(0, 200)}`);
  assert.deepEqual([driver.account.refusals, driver.account.advice], [[], []]);
});

test("a lost answer after a capped one: the owed changes are sent again until Pruvan took them", async () => {
  const driver = await world.connect({ clientCode: "PROB4B", mode: "external", pushKey: false, perCallLimit: LIMIT });
  assert.ok((await driver.fullImport()).ok);
  await world.importOrders(driver, orders("P4B", 30));
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok, "20 of 30 arrive");
  await nextSecond();
  driver.lostImportAnswers = 1;
  assert.equal((await driver.incrementalImport()).ok, false, "the answer with the other 10 never arrives");
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  assert.deepEqual(
    missing(
      driver,
      orders("P4B", 30).map((o) => o.workOrderNumber),
      "Order Created",
    ),
    [],
  );
});

test("with a push key: the rest goes by push, and the next incremental imports carry it too", async () => {
  const driver = await world.connect({ clientCode: "PROB4C", mode: "external", pushKey: true, perCallLimit: LIMIT });
  await world.importOrders(driver, orders("P4C", 30));
  await world.settle(driver);
  await world.importOrders(driver, orders("P4C", 30, { clientStatus: "Order Late" }));
  driver.faults.push("unavailable", "unavailable", "unavailable", "unavailable");
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  await nextSecond();
  assert.ok((await driver.incrementalImport()).ok);
  assert.deepEqual(
    missing(
      driver,
      orders("P4C", 30).map((o) => o.workOrderNumber),
      "Order Late",
    ),
    [],
    "within one more import, whatever the push key does",
  );
  await world.settle(driver);
});
