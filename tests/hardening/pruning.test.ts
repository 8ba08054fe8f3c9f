import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { db } from "@/lib/db";
import { startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// Tables any stranger can add rows to are pruned in the background (lib/server/prune.ts):
// the Pruvan call log after CALL_LOG_DAYS, sign-in counters once their window is over
// (every guess at an unknown email leaves one). The server prunes every second here.

let server: RunningServer;
const DAY = 24 * 3600_000;

before(async () => {
  server = await startServer({ env: { PRUNE_INTERVAL_MS: "1000", CALL_LOG_DAYS: "30" } });
  useDataDir(server.dataDir);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

async function eventually(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test("sign-in counters of unknown emails go once their window is over; live ones stay", async () => {
  for (let i = 0; i < 3; i++) assert.equal((await new Browserless(server.url).signIn(`nobody-${i}@example.com`, "a-guess")).status, 401);
  const live = await db().signInThrottle.findMany({ where: { key: { startsWith: "signin:pair:" } } });
  assert.equal(live.length, 3, "each unknown email left a counter");
  // Two hours ago: the same counters, as they will be once their window is over.
  const old = BigInt(Date.now() - 2 * 3600_000);
  await db().signInThrottle.updateMany({ where: { key: { in: live.map((r) => r.key) } }, data: { windowStartMs: old } });
  await db().signInThrottle.create({
    data: {
      key: "signin:pair:10.0.0.9|still-blocked@example.com",
      attempts: 5,
      windowStartMs: old,
      blockedUntilMs: BigInt(Date.now() + 600_000),
      blocks: 3,
    },
  });
  await eventually(
    "the stale counters pruned",
    async () => (await db().signInThrottle.count({ where: { key: { in: live.map((r) => r.key) } } })) === 0,
  );
  assert.equal(
    await db().signInThrottle.count({ where: { key: "signin:pair:10.0.0.9|still-blocked@example.com" } }),
    1,
    "a block still on is kept",
  );
  assert.equal(await db().signInThrottle.count({ where: { key: "signin:address:127.0.0.1" } }), 1, "the address counter is live: kept");
});

test("the Pruvan call log keeps CALL_LOG_DAYS (30) days", async () => {
  const call = (daysAgo: number, endpoint: string) =>
    db().pruvanCall.create({
      data: { endpoint, outcome: "refused", httpStatus: 200, durationMs: 1, createdAt: new Date(Date.now() - daysAgo * DAY) },
    });
  await call(31, "validate-31-days-ago");
  await call(29, "validate-29-days-ago");
  await eventually(
    "the 31-day-old call pruned",
    async () => (await db().pruvanCall.count({ where: { endpoint: "validate-31-days-ago" } })) === 0,
  );
  assert.equal(await db().pruvanCall.count({ where: { endpoint: "validate-29-days-ago" } }), 1);
});
