import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { createOrder, deleteOrder, forcePush, updateOrder } from "@/lib/orders/manage";
import { deliverIntegration } from "@/lib/push/deliver";
import { PushLease } from "@/lib/push/lease";
import { claimJobs } from "@/lib/push/outbox";
import { discardPushJob, requestRefresh, retryPushJob } from "@/lib/push/manage";
import { drainPushQueue } from "@/lib/push/worker";
import { createStatusMapping, deleteStatusMapping, updateStatusMapping } from "@/lib/status-mapping/manage";
import { adminActor, makeIntegration, simpleOrder, staffActor, useFreshDatabase } from "../support/orders";
import { startPushEndpoint, type PushEndpoint } from "../support/pruvan-push";

// The push worker's delivery code against a real local HTTP server playing Pruvan's push
// key endpoint, on a real SQLite file: what is sent, how answers are read, retries,
// timeouts, the hourly limit and refresh.

const BASE_MS = 150;
const TIMEOUT_MS = 1500;
let pruvan: PushEndpoint;

before(async () => {
  await useFreshDatabase({
    PUSH_ALLOWED_HOSTS: "http://127.0.0.1",
    PUSH_RETRY_BASE_MS: String(BASE_MS),
    PUSH_TIMEOUT_MS: String(TIMEOUT_MS),
    PUSH_MAX_ATTEMPTS: "3",
    PUSH_BATCH_SIZE: "100",
  });
  pruvan = await startPushEndpoint();
});
after(async () => {
  await pruvan.close();
  await db().$disconnect();
});

let keys = 0;
async function pushIntegration(opts: { mode?: "internal" | "external"; autoAdmin?: boolean } = {}) {
  const apiKey = `key-${++keys}`;
  const integration = await makeIntegration({ ...opts, pushKeyUrl: pruvan.url(apiKey) });
  return { id: integration.id, apiKey };
}
const settings = (overrides: Partial<ReturnType<typeof config>["push"]> = {}) => ({ ...config().push, ...overrides });
const jobs = (integrationId: string) => db().pushJob.findMany({ where: { integrationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("what is sent", () => {
  test('POST application/x-www-form-urlencoded, field workOrders = {"workOrders":[...]}; text/html answer accepted', async () => {
    const { id, apiKey } = await pushIntegration();
    const order = await createOrder(
      simpleOrder(id, { clientStatus: "Order Created", workOrderInfo: "Call Office 555-111-2222", clientDueDate: "2020-05-28 1200 +0" }),
      staffActor,
    );
    const summary = await deliverIntegration(id);
    assert.equal(summary.delivered, 1);
    const [req] = pruvan.forKey(apiKey);
    assert.equal(req!.method, "POST");
    assert.match(req!.contentType, /^application\/x-www-form-urlencoded/);
    assert.deepEqual([...new URLSearchParams(req!.body).keys()], ["workOrders"]);
    assert.deepEqual(req!.workOrders, [
      {
        workOrderNumber: order.workOrderNumber,
        workOrderInfo: "Call Office 555-111-2222",
        address1: "110 East Main Street",
        city: "Round Rock",
        state: "TX",
        zip: "78664",
        clientStatus: "Order Created",
        clientDueDate: "2020-05-28 1200 +0",
        // Empty fields go as "": Pruvan may hold the order from a push whose answer was lost.
        clientInstructions: "",
        startDate: "",
        services: [{ serviceName: "Task", instructions: "", options: "" }],
      },
    ]);
    const [job] = await jobs(id);
    assert.equal(job!.state, "delivered");
    assert.equal(job!.lastStatus, 200);
    assert.match(job!.lastResponse ?? "", /"updated":1/);
    const stored = await db().workOrder.findUniqueOrThrow({ where: { id: order.id } });
    assert.ok(stored.lastSentAt);
    const integration = await db().integration.findUniqueOrThrow({ where: { id } });
    assert.ok(integration.lastPushAt);
    const batch = await db().pushBatch.findFirstOrThrow({ where: { integrationId: id } });
    assert.deepEqual([batch.outcome, batch.orderCount, batch.httpStatus], ["delivered", 1, 200]);
  });

  test("fields per mode and auto_admin on create (pruvan-api-v2 Pruvan Integration Types)", async () => {
    const modeFields = ["assignedTo", "status", "dueDate", "instructions", "description", "reference"];
    // Shared fields "can be set on remote order creation" (remote-fields): description and reference go with every create.
    const expected = {
      internal: modeFields,
      "external+auto_admin": ["status", "dueDate", "instructions", "description", "reference"],
      external: ["description", "reference"],
    };
    for (const [name, rules] of [
      ["internal", { mode: "internal" }],
      ["external+auto_admin", { mode: "external", autoAdmin: true }],
      ["external", { mode: "external" }],
    ] as const) {
      const { id, apiKey } = await pushIntegration(rules);
      await createOrder(
        simpleOrder(id, {
          assignedTo: "crew1",
          dueDate: "2026-05-25",
          instructions: "<b>Mow</b>",
          description: "D",
          reference: "R",
          clientStatus: "Rush Order",
        }),
        staffActor,
      );
      await deliverIntegration(id);
      const sent = pruvan.forKey(apiKey)[0]!.workOrders![0]!;
      assert.deepEqual(
        modeFields.filter((f) => f in sent),
        expected[name],
        name,
      );
      if (name !== "external") assert.equal(sent.status, "rush", `${name}: the client status's mapping`);
      if (name !== "external") assert.equal(sent.dueDate, "2026-05-25 1200 +0");
      assert.equal(sent.clientStatus, "Rush Order");
    }
  });

  test("force push: one push with force: true carries what the mode leaves out", async () => {
    const { id, apiKey } = await pushIntegration();
    const { id: orderId } = await createOrder(simpleOrder(id, { assignedTo: "vendor1" }), staffActor);
    await deliverIntegration(id);
    await forcePush(orderId, adminActor);
    await deliverIntegration(id);
    const [plain, forced] = pruvan.forKey(apiKey).map((r) => r.workOrders![0]!);
    assert.ok(!("assignedTo" in plain!) && !("force" in plain!));
    assert.equal(forced!.assignedTo, "vendor1");
    assert.equal(forced!.force, true);
  });

  test('deleted orders: status "deleted" where the mode may set status; otherwise not sent, and said why', async () => {
    const internal = await pushIntegration({ mode: "internal" });
    const a = await createOrder(simpleOrder(internal.id), staffActor);
    await deleteOrder(a.id, staffActor, { confirm: true });
    await deliverIntegration(internal.id);
    assert.deepEqual(
      pruvan.forKey(internal.apiKey).map((r) => r.workOrders),
      [[{ workOrderNumber: a.workOrderNumber, status: "deleted" }]],
    );

    const external = await pushIntegration();
    const b = await createOrder(simpleOrder(external.id), staffActor);
    await deleteOrder(b.id, staffActor, { confirm: true });
    const summary = await deliverIntegration(external.id);
    assert.equal(summary.notSent, 2);
    assert.equal(pruvan.forKey(external.apiKey).length, 0);
    assert.match((await jobs(external.id))[1]!.lastError ?? "", /cannot delete an order in Pruvan/);
  });
});

describe("coalescing and order", () => {
  test("repeated updates of one order go out once, as the order is now; orders in the order they changed", async () => {
    const { id, apiKey } = await pushIntegration();
    const first = await createOrder(simpleOrder(id, { clientStatus: "Order Created" }), staffActor);
    const second = await createOrder(simpleOrder(id), staffActor);
    await updateOrder(first.id, { clientStatus: "Order Late" }, staffActor);
    await updateOrder(first.id, { clientStatus: "Rush Order", workOrderInfo: "Gate 9" }, staffActor);
    await deliverIntegration(id);
    const calls = pruvan.forKey(apiKey);
    assert.equal(calls.length, 1);
    assert.deepEqual(
      calls[0]!.workOrders!.map((o) => [o.workOrderNumber, o.clientStatus ?? null, o.workOrderInfo ?? null]),
      [
        [first.workOrderNumber, "Rush Order", "Gate 9"],
        [second.workOrderNumber, "", ""], // a create: its empty fields as ""
      ],
    );
    const all = await jobs(id);
    assert.equal(all.length, 4);
    assert.ok(all.every((j) => j.state === "delivered" && j.batchId === all[0]!.batchId));
  });

  test("batches of PUSH_BATCH_SIZE, oldest first", async () => {
    const { id, apiKey } = await pushIntegration();
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) numbers.push((await createOrder(simpleOrder(id), staffActor)).workOrderNumber);
    const summary = await deliverIntegration(id, settings({ batchSize: 2 }));
    assert.equal(summary.calls, 3);
    assert.deepEqual(
      pruvan.forKey(apiKey).map((r) => r.workOrders!.map((o) => o.workOrderNumber)),
      [numbers.slice(0, 2), numbers.slice(2, 4), numbers.slice(4)],
    );
  });

  test("a survey template change: first without the task, then with the new template, in two calls", async () => {
    const { id, apiKey } = await pushIntegration();
    const order = await createOrder(
      simpleOrder(id, { services: [{ serviceName: "Inspect", survey: "vendor1::QC-v1" }, { serviceName: "Photos" }] }),
      staffActor,
    );
    await deliverIntegration(id);
    await updateOrder(
      order.id,
      { services: [{ serviceName: "Inspect", survey: "vendor1::QC-v2" }, { serviceName: "Photos" }] },
      staffActor,
    );
    await updateOrder(order.id, { clientStatus: "Order Late" }, staffActor);
    await deliverIntegration(id);
    const services = pruvan.forKey(apiKey).map((r) => r.workOrders![0]!.services);
    // A task Pruvan does not hold goes in full, its empty shared fields as "" (docs/sync.md).
    const cleared = { instructions: "", options: "" };
    assert.deepEqual(services, [
      [
        { serviceName: "Inspect", survey: "vendor1::QC-v1", ...cleared },
        { serviceName: "Photos", ...cleared },
      ],
      [{ serviceName: "Photos" }],
      [{ serviceName: "Inspect", survey: "vendor1::QC-v2", ...cleared }, { serviceName: "Photos" }],
    ]);
  });

  test("a job waiting for its retry holds back the later changes of the same order", async () => {
    const { id, apiKey } = await pushIntegration();
    // Unavailable until the test says so (a connection reset on a busy machine makes the
    // client send a call again; a fail-once answer could then let the first job through).
    let available = false;
    pruvan.answer(apiKey, () => (available ? {} : { status: 503 }));
    const order = await createOrder(simpleOrder(id), staffActor);
    // At least one failed call (a slow machine may outrun the first backoff and call again).
    assert.ok((await deliverIntegration(id)).failed >= 1);
    await updateOrder(order.id, { clientStatus: "Order Late" }, staffActor);
    // Only the failed job's own backoff remains, pinned well ahead so a slow machine cannot outrun it.
    await db().integration.update({ where: { id }, data: { pushHoldUntil: null } });
    const backoff = { integrationId: id, state: "pending" as const, attempts: { gte: 1 } };
    await db().pushJob.updateMany({ where: backoff, data: { nextAttemptAt: new Date(Date.now() + 60_000) } });
    const held = await deliverIntegration(id);
    assert.equal(held.calls, 0, "the newer job is due, the older one is not: nothing goes out");
    await db().pushJob.updateMany({ where: backoff, data: { nextAttemptAt: new Date() } }); // the backoff has passed
    available = true;
    await deliverIntegration(id);
    const calls = pruvan.forKey(apiKey);
    assert.equal(calls.at(-1)!.workOrders![0]!.clientStatus, "Order Late");
    assert.ok((await jobs(id)).every((j) => j.state === "delivered"));
  });
});

describe("failures and retries", () => {
  test("500 then 200: delivered on the retry, after the backoff", async () => {
    const { id, apiKey } = await pushIntegration();
    pruvan.answer(apiKey, (_req, nth) => (nth === 1 ? { status: 500, body: "Internal Server Error" } : {}));
    await createOrder(simpleOrder(id), staffActor);
    const before = Date.now();
    const failed = await deliverIntegration(id);
    const after = Date.now();
    assert.equal(failed.failed, 1);
    let [job] = await jobs(id);
    assert.equal(job!.state, "pending");
    assert.equal(job!.attempts, 1);
    assert.equal(job!.lastStatus, 500);
    assert.match(job!.lastError ?? "", /HTTP 500/);
    // The retry time is the failure's time plus the backoff (base + up to 25% jitter); the
    // failure happened between `before` and `after`, however long the writes took.
    const retryAt = job!.nextAttemptAt.getTime();
    assert.ok(
      retryAt - before >= BASE_MS && retryAt - after <= BASE_MS * 1.25,
      `first retry after PUSH_RETRY_BASE_MS (+ jitter): ${retryAt - before} ms after the call began, ${retryAt - after} ms after it ended`,
    );
    const integration = await db().integration.findUniqueOrThrow({ where: { id } });
    assert.match(integration.lastError ?? "", /Push to Pruvan failed: HTTP 500/);
    // Held for as long as the backoff says, checked before it can run out on a slow machine.
    const heldUntil = new Date(Date.now() + 60_000);
    await db().integration.update({ where: { id }, data: { pushHoldUntil: heldUntil } });
    assert.equal((await deliverIntegration(id)).stopped, "held", "the integration waits out the backoff");
    await db().integration.update({ where: { id }, data: { pushHoldUntil: integration.pushHoldUntil } });
    await sleep(Math.max(0, retryAt - Date.now()) + 10);
    assert.equal((await deliverIntegration(id)).delivered, 1);
    [job] = await jobs(id);
    assert.equal(job!.state, "delivered");
    assert.equal(pruvan.forKey(apiKey).length, 2);
    assert.deepEqual(pruvan.forKey(apiKey)[0]!.workOrders, pruvan.forKey(apiKey)[1]!.workOrders);
    assert.equal((await db().integration.findUniqueOrThrow({ where: { id } })).lastError, null, "a delivery clears the push failure");
  });

  const notDelivered: Array<{ name: string; answer: { status?: number; body?: string }; reason: RegExp }> = [
    {
      name: "a 2xx with an error for the whole call",
      answer: { body: '{"response":{"created":0,"updated":0,"deleted":0},"error":"invalid clientCode"}' },
      reason: /refused the whole call: invalid clientCode/,
    },
    { name: "a 2xx that is not JSON", answer: { body: "<html>Maintenance</html>" }, reason: /not JSON/ },
    { name: "a 2xx in another shape", answer: { body: '{"ok":"maybe","error":5}' }, reason: /not in Pruvan's shape/ },
    { name: "429 Too Many Requests", answer: { status: 429 }, reason: /HTTP 429/ },
    { name: "a redirect (not followed)", answer: { status: 302, body: "" }, reason: /redirects; not followed/ },
  ];
  for (const c of notDelivered) {
    test(`never delivered without a confirming 2xx: ${c.name}`, async () => {
      const { id, apiKey } = await pushIntegration();
      pruvan.answer(apiKey, () => ({ ...c.answer, headers: c.answer.status === 302 ? { location: "http://10.0.0.1/" } : undefined }));
      await createOrder(simpleOrder(id), staffActor);
      await deliverIntegration(id);
      const [job] = await jobs(id);
      assert.equal(job!.state, "pending");
      assert.match(job!.lastError ?? "", c.reason);
      assert.equal((await db().workOrder.findFirstOrThrow({ where: { integrationId: id } })).lastSentAt, null);
    });
  }

  test("a connection reset before any answer is tried again at once, once", async () => {
    const { id, apiKey } = await pushIntegration();
    pruvan.answer(apiKey, (_req, nth) => (nth === 1 ? { reset: true } : {}));
    await createOrder(simpleOrder(id), staffActor);
    assert.equal((await deliverIntegration(id)).delivered, 1);
    assert.equal(pruvan.forKey(apiKey).length, 2);
    assert.equal((await jobs(id))[0]!.attempts, 0);
    pruvan.answer(apiKey, () => ({ reset: true }));
    await createOrder(simpleOrder(id), staffActor);
    await deliverIntegration(id);
    assert.equal(pruvan.forKey(apiKey).length, 4, "one retry, not more");
    assert.match((await jobs(id))[1]!.lastError ?? "", /Network error/);
  });

  test("429 with Retry-After: the integration waits at least that long", async () => {
    const { id, apiKey } = await pushIntegration();
    pruvan.answer(apiKey, () => ({ status: 429, headers: { "retry-after": "120" } }));
    await createOrder(simpleOrder(id), staffActor);
    const summary = await deliverIntegration(id);
    assert.ok(summary.heldUntil!.getTime() - Date.now() > 115_000);
  });

  test("after PUSH_MAX_ATTEMPTS the job is dead; retry now sends it again; discard drops it", async () => {
    const { id, apiKey } = await pushIntegration();
    pruvan.answer(apiKey, () => ({ status: 502 }));
    await createOrder(simpleOrder(id), staffActor);
    const second = await createOrder(simpleOrder(id), staffActor);
    for (let i = 0; i < 3; i++) {
      await db().integration.update({ where: { id }, data: { pushHoldUntil: null } });
      await db().pushJob.updateMany({ where: { integrationId: id, state: "pending" }, data: { nextAttemptAt: new Date() } });
      await deliverIntegration(id);
    }
    const dead = await jobs(id);
    assert.deepEqual(
      dead.map((j) => [j.state, j.attempts]),
      [
        ["dead", 3],
        ["dead", 3],
      ],
    );
    assert.equal((await drainPushQueue()).filter((s) => s.integration === id).length, 0, "dead jobs are not due");
    pruvan.answer(apiKey, () => ({}));
    await discardPushJob(dead[1]!.id);
    await retryPushJob(dead[0]!.id);
    await deliverIntegration(id);
    assert.deepEqual(
      (await jobs(id)).map((j) => j.state),
      ["delivered", "discarded"],
    );
    assert.equal(pruvan.forKey(apiKey).at(-1)!.workOrders!.length, 1);
    assert.equal((await db().workOrder.findUniqueOrThrow({ where: { id: second.id } })).lastSentAt, null);
  });

  test("per-order errors are recorded against those orders; the others are delivered", async () => {
    const { id, apiKey } = await pushIntegration();
    const good = await createOrder(simpleOrder(id), staffActor);
    const bad = await createOrder(simpleOrder(id), staffActor);
    pruvan.answer(apiKey, () => ({
      body: JSON.stringify({
        response: { created: 1, updated: 0, deleted: 0 },
        error: [{ workOrderNumber: `ACME::${bad.workOrderNumber}`, error: "invalid state code" }],
      }),
    }));
    const summary = await deliverIntegration(id);
    assert.deepEqual([summary.delivered, summary.refused], [1, 1]);
    const badOrder = await db().workOrder.findUniqueOrThrow({ where: { id: bad.id } });
    assert.equal(badOrder.pushError, "invalid state code");
    assert.ok(badOrder.pushErrorAt);
    assert.equal(badOrder.lastSentAt, null);
    const goodOrder = await db().workOrder.findUniqueOrThrow({ where: { id: good.id } });
    assert.ok(goodOrder.lastSentAt);
    assert.equal(goodOrder.pushError, null);
    const badJob = await db().pushJob.findFirstOrThrow({ where: { workOrderId: bad.id } });
    assert.equal(badJob.state, "dead");
    assert.match(badJob.lastError ?? "", /Pruvan refused this order: invalid state code/);
  });
});

describe("one integration never stalls another", () => {
  test("a hanging endpoint times out (PUSH_TIMEOUT_MS) while the others are delivered", async () => {
    // Only these two are due: earlier tests' leftovers would only add load to this process.
    await db().pushJob.updateMany({ where: { state: "pending" }, data: { state: "discarded" } });
    const slow = await pushIntegration();
    const fasts = [await pushIntegration(), await pushIntegration(), await pushIntegration()];
    pruvan.answer(slow.apiKey, () => ({ hang: true }));
    await createOrder(simpleOrder(slow.id), staffActor);
    for (const fast of fasts) await createOrder(simpleOrder(fast.id), staffActor);
    const started = Date.now();
    await drainPushQueue();
    const hungAt = pruvan.forKey(slow.apiKey)[0]!.at;
    for (const fast of fasts) {
      const served = pruvan.forKey(fast.apiKey)[0]!.at;
      assert.ok(served < hungAt + TIMEOUT_MS, `served while the other call hung (${served - hungAt} ms after it)`);
      assert.equal((await jobs(fast.id))[0]!.state, "delivered");
    }
    const [slowJob] = await jobs(slow.id);
    assert.equal(slowJob!.state, "pending");
    assert.match(slowJob!.lastError ?? "", new RegExp(`No answer within ${TIMEOUT_MS} ms`));
    assert.ok(Date.now() - started < TIMEOUT_MS + 2000, "the drain ends when the hanging call times out");
  });
});

describe("limits and guards", () => {
  test("PUSH_HOURLY_LIMIT: over it, jobs wait (not dropped) until the hour frees room", async () => {
    const { id, apiKey } = await pushIntegration();
    for (let i = 0; i < 5; i++) await createOrder(simpleOrder(id), staffActor);
    const summary = await deliverIntegration(id, settings({ hourlyLimit: 3 }));
    assert.equal(summary.delivered, 3);
    assert.equal(summary.stopped, "held");
    assert.ok(summary.heldUntil!.getTime() > Date.now() + 59 * 60_000);
    assert.equal(pruvan.forKey(apiKey).flatMap((r) => r.workOrders!).length, 3);
    assert.deepEqual(
      (await jobs(id)).map((j) => j.state),
      ["delivered", "delivered", "delivered", "pending", "pending"],
    );
    assert.equal((await deliverIntegration(id, settings({ hourlyLimit: 3 }))).calls, 0);
    // The hour has passed: the rest goes.
    await db().pushBatch.updateMany({ where: { integrationId: id }, data: { startedAt: new Date(Date.now() - 3601_000) } });
    await db().integration.update({ where: { id }, data: { pushHoldUntil: null } });
    assert.equal((await deliverIntegration(id, settings({ hourlyLimit: 3 }))).delivered, 2);
  });

  test("the push key is checked against PUSH_ALLOWED_HOSTS before every call", async () => {
    const { id } = await pushIntegration();
    await db().integration.update({ where: { id }, data: { pushKeyUrl: pruvan.url("inside").replace("127.0.0.1", "localhost") } });
    await createOrder(simpleOrder(id), staffActor);
    const before = pruvan.requests.length;
    await deliverIntegration(id);
    assert.equal(pruvan.requests.length, before, "nothing was sent");
    const [job] = await jobs(id);
    assert.match(job!.lastError ?? "", /Not sent: .*http:\/\/localhost:\d+, which is not an allowed Pruvan host/);
  });
});

describe("the integration's lease (several instances: docs/several-machines.md)", () => {
  test("held while its holder lives: renewed in the background past its length, free again when released", async () => {
    const { id } = await pushIntegration();
    const push = settings({ timeoutMs: 1 }); // a lease of 5 s, renewed every 1.25 s
    const lease = await PushLease.acquire(id, push);
    assert.ok(lease, "free: acquired");
    try {
      await sleep(7_000); // longer than the lease: only the renewals keep it
      const { pushLeaseUntil } = await db().integration.findUniqueOrThrow({ where: { id } });
      assert.ok(pushLeaseUntil! > new Date(), "still held");
      assert.equal(await PushLease.acquire(id, push), null, "another instance does not get it");
    } finally {
      await lease.release();
    }
    const next = await PushLease.acquire(id, push);
    assert.ok(next, "released: the next delivery gets it");
    await next.release();
  });

  test("a delivery whose lease ran out claims nothing: the next holder sends those jobs, not both", async () => {
    const { id } = await pushIntegration();
    const order = await createOrder(simpleOrder(id), staffActor);
    const [job] = await jobs(id);
    const stalled = new Date(Date.now() - 1_000); // the lease a stalled instance still thinks it holds
    await db().integration.update({ where: { id }, data: { pushLeaseUntil: stalled } });
    const claim = (leaseUntil: Date) => claimJobs([job!.id], `batch-${order.id}`, leaseUntil, { integrationId: id, leaseUntil });
    assert.deepEqual(await claim(stalled), [], "run out: not claimed");
    const other = new Date(Date.now() + 60_000);
    await db().integration.update({ where: { id }, data: { pushLeaseUntil: other } }); // taken over
    assert.deepEqual(await claim(new Date(Date.now() + 30_000)), [], "another instance's lease: not claimed");
    assert.deepEqual(await claim(other), [job!.id], "the holder's own lease: claimed");
  });
});

describe("ask Pruvan to refresh now (push-key.txt)", () => {
  test("the push key is called without orders (GET, no body); Pruvan's success answer delivers it", async () => {
    const { id, apiKey } = await pushIntegration();
    pruvan.answer(apiKey, () => ({ body: '{"response":true,"error":"success"}' }));
    const first = await requestRefresh(id);
    const again = await requestRefresh(id);
    assert.equal(again.jobId, first.jobId);
    assert.equal(again.alreadyQueued, true);
    const summary = await deliverIntegration(id);
    assert.equal(summary.refreshes, 1);
    const [req] = pruvan.forKey(apiKey);
    assert.equal(req!.method, "GET");
    assert.equal(req!.body, "");
    assert.equal((await jobs(id))[0]!.state, "delivered");
  });

  test('{"response":false,"error":"invalid clientCode"} is a failure', async () => {
    const { id, apiKey } = await pushIntegration();
    pruvan.answer(apiKey, () => ({ body: '{"response":false,"error":"invalid clientCode"}' }));
    await requestRefresh(id);
    await deliverIntegration(id);
    const [job] = await jobs(id);
    assert.equal(job!.state, "pending");
    assert.match(job!.lastError ?? "", /invalid clientCode/);
  });
});

describe("a status mapping change", () => {
  test("sends again the orders whose Pruvan status it moves, where the integration may set status", async () => {
    const internal = await pushIntegration({ mode: "internal" });
    const external = await pushIntegration({ mode: "external" });
    const pullOnly = await makeIntegration({ mode: "internal", pushKeyUrl: null });
    const clientStatus = "Waiting on HOA";
    const mapped = await createOrder(simpleOrder(internal.id, { clientStatus }), staffActor);
    const ownStatus = await createOrder(simpleOrder(internal.id, { clientStatus, status: "assigned" }), staffActor);
    await createOrder(simpleOrder(external.id, { clientStatus }), staffActor);
    const pulled = await createOrder(simpleOrder(pullOnly.id, { clientStatus }), staffActor);
    await deliverIntegration(internal.id);
    await deliverIntegration(external.id);
    const pulledBefore = await db().workOrder.findUniqueOrThrow({ where: { id: pulled.id }, select: { updatedAt: true } });
    const sent = (apiKey: string) => pruvan.forKey(apiKey).length;
    const [internalCalls, externalCalls] = [sent(internal.apiKey), sent(external.apiKey)];

    const change = await createStatusMapping({ clientStatus, pruvanStatus: "rush" });
    assert.deepEqual({ ordersChanged: change.ordersChanged, pushesQueued: change.pushesQueued }, { ordersChanged: 2, pushesQueued: 1 });
    assert.equal((await deliverIntegration(internal.id)).delivered, 1);
    const pushed = pruvan
      .forKey(internal.apiKey)
      .slice(internalCalls)
      .flatMap((r) => r.workOrders ?? []);
    assert.deepEqual(
      pushed.map((o) => [o.workOrderNumber, o.status]),
      [[mapped.workOrderNumber, "rush"]],
      "only the order without a status of its own",
    );
    assert.notEqual(pushed[0]?.workOrderNumber, ownStatus.workOrderNumber);
    const pulledAfter = await db().workOrder.findUniqueOrThrow({ where: { id: pulled.id }, select: { updatedAt: true } });
    assert.ok(pulledAfter.updatedAt > pulledBefore.updatedAt, "a pull-only integration's order counts as changed for incremental pulls");

    const noteOnly = await updateStatusMapping(change.mapping.id, { clientStatus, pruvanStatus: "rush", note: "HOA approval pending" });
    assert.equal(noteOnly.ordersChanged, 0, "a note moves no status");
    const toRework = await updateStatusMapping(change.mapping.id, { clientStatus, pruvanStatus: "rework" });
    assert.equal(toRework.pushesQueued, 1);
    await deliverIntegration(internal.id);
    assert.equal(pruvan.forKey(internal.apiKey).at(-1)?.workOrders?.[0]?.status, "rework");
    assert.equal(sent(external.apiKey), externalCalls, "an external integration without auto_admin never gets a status");
    assert.equal((await deleteStatusMapping(change.mapping.id)).ordersChanged, 2);
  });
});
