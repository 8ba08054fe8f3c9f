import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { db } from "@/lib/db";
import { fetchPage } from "../support/forms";
import { eventually } from "../support/pruvan-push";
import { minimalOrder, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// Issue 11, problem 1: "A full refresh with more than 5,000 current orders answers 5,000",
// and Pruvan's Full Import "will ... delete any projects in Pruvan, with that integration
// code, that are not part of the import" (managing-integrations "Importing Projects"): every
// order past the limit is deleted in Pruvan and comes back under a new key1. Played on the
// model account with the per-answer limit lowered to 20 (PRUVAN_ORDERS_PER_ANSWER, the same
// code path as 5000) and an hourly push limit of 30 on both sides.

const LIMIT = 20;
const HOURLY = 30;
let world: SyncWorld;
before(async () => {
  world = await startSyncWorld({ PRUVAN_ORDERS_PER_ANSWER: String(LIMIT), PUSH_HOURLY_LIMIT: String(HOURLY), PUSH_BATCH_SIZE: "4" });
});
after(async () => {
  await world?.stop();
});

const orders = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => minimalOrder(`${prefix}-${i + 1}`, { clientStatus: "Order Created" }));

test("without a push key: refused with the count and what to do, nothing deleted; Import Orders brings the rest", async () => {
  const driver = await world.connect({ clientCode: "PROB1A", mode: "external", pushKey: false, perCallLimit: LIMIT, hourlyLimit: HOURLY });
  await world.importOrders(driver, orders("P1A", LIMIT));
  assert.ok((await driver.fullImport()).ok);
  const key1s = new Map([...driver.account.projects].map(([n, p]) => [n, p.key1]));
  await world.importOrders(driver, orders("P1A-NEW", 1));

  const refresh = await driver.fullImport();
  assert.equal(refresh.ok, false, "a full refresh over the limit is refused");
  assert.match(
    refresh.ok ? "" : refresh.error,
    /has 21 current work orders, more than the 20 one Full Refresh can carry.*Use Import Orders instead/,
  );
  assert.deepEqual([...driver.account.deletedView.keys()], [], "no project deleted in Pruvan");
  for (const [number, key1] of key1s) assert.equal(driver.account.projects.get(number)?.key1, key1, `${number} keeps its key1`);

  assert.ok((await driver.incrementalImport()).ok);
  assert.equal(driver.account.projects.size, LIMIT + 1, "every current order is in the account");
  assert.deepEqual([driver.account.refusals, driver.account.advice], [[], []]);
});

test("with a push key: refused, and every current order goes by push within the hourly limit; the integration page shows the progress", async () => {
  const driver = await world.connect({ clientCode: "PROB1B", mode: "external", pushKey: true, perCallLimit: LIMIT, hourlyLimit: HOURLY });
  await world.importOrders(driver, orders("P1B", 25));
  await world.settle(driver);
  assert.equal(driver.account.projects.size, 25, "created by push");
  const key1s = new Map([...driver.account.projects].map(([n, p]) => [n, p.key1]));

  const refresh = await driver.fullImport();
  assert.equal(refresh.ok, false);
  assert.match(
    refresh.ok ? "" : refresh.error,
    /has 25 current work orders.*is now sending all of them through the push key instead, within Pruvan's hourly limit/,
  );
  assert.deepEqual([...driver.account.deletedView.keys()], [], "no project deleted in Pruvan");

  // 25 creates used 25 of the hour's 30: five orders of the sync go now, the other 20 wait.
  const sync = await eventually(async () => {
    const s = await db().fullPushSync.findFirst({ where: { integrationId: driver.integrationId } });
    const delivered = s ? await db().pushJob.count({ where: { fullSyncId: s.id, state: "delivered" } }) : 0;
    return delivered === HOURLY - 25 && (await db().integration.findUniqueOrThrow({ where: { id: driver.integrationId } })).pushHoldUntil
      ? s
      : null;
  }, "the sync's first orders delivered up to the hourly limit");
  assert.equal(sync.total, 25);
  const held = await db().integration.findUniqueOrThrow({ where: { id: driver.integrationId } });
  assert.ok(held.pushHoldUntil!.getTime() > Date.now() + 50 * 60_000, "the rest waits for the hour to free up");
  assert.equal(await db().pushJob.count({ where: { fullSyncId: sync.id, state: "pending" } }), 20);
  assert.ok(!driver.account.log.some((l) => /per hour/.test(l)), "the account never refused a push over its hourly limit");
  for (const [number, key1] of key1s) assert.equal(driver.account.projects.get(number)?.key1, key1, `${number} keeps its key1`);

  const page = await fetchPage(world.office.admin, `/integrations/${driver.integrationId}`);
  assert.match(page, /Full sync by push/);
  assert.match(page, /data-testid="full-sync-progress"[^>]*>5 of 25 orders delivered/);
  assert.match(page, /Still to send.*?20/s);

  const again = await driver.fullImport();
  assert.match(again.ok ? "" : again.error, /is already sending all of them/);
  assert.equal(
    await db().fullPushSync.count({ where: { integrationId: driver.integrationId } }),
    1,
    "a second refresh starts no second sync",
  );
});
