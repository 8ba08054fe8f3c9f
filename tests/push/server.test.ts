import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { db } from "@/lib/db";
import { createOrder } from "@/lib/orders/manage";
import { makeIntegration, simpleOrder, staffActor } from "../support/orders";
import { connectIntegration, credsOf, post } from "../support/pruvan";
import { eventually, startPushEndpoint, type PushEndpoint } from "../support/pruvan-push";
import { runCliAsync, startServer, type RunningServer } from "../support/server";
import { useDataDir } from "../support/work-item-fixtures";

// The push worker inside the real server process: it delivers what the CLI and the domain
// queue, keeps integrations apart, and a SIGKILL mid-delivery loses nothing.

const TIMEOUT_MS = 1500;
const pushEnv = {
  PUSH_ALLOWED_HOSTS: "http://127.0.0.1",
  PUSH_POLL_MS: "100",
  PUSH_RETRY_BASE_MS: "300",
  PUSH_TIMEOUT_MS: String(TIMEOUT_MS),
};
let pruvan: PushEndpoint;
let server: RunningServer;

before(async () => {
  pruvan = await startPushEndpoint();
  server = await startServer({ env: pushEnv });
  useDataDir(server.dataDir);
});
after(async () => {
  await server.stop();
  await pruvan.close();
  await db().$disconnect();
});

const jobOf = (workOrderId: string) => db().pushJob.findFirstOrThrow({ where: { workOrderId }, orderBy: { createdAt: "desc" } });

test("Pruvan validates (handing us the push key), an import through the CLI follows, the worker pushes it", async () => {
  const creds = connectIntegration(server, "cli-acct", ["--mode", "external"]);
  const validated = await post(server, "validate.html", {
    as: "multipart",
    payload: { ...credsOf(creds), pushkey: pruvan.url("cli-acct") },
  });
  assert.deepEqual(validated.json, { error: "", validated: true });
  const file = path.join(server.dataDir, "orders.json");
  writeFileSync(
    file,
    JSON.stringify({
      workOrders: [1, 2, 3].map((n) => ({ ...simpleOrder("x", { workOrderNumber: `SRV-${n}` }), integrationId: undefined })),
    }),
  );
  const r = await runCliAsync(["orders:import", file, "--integration", "cli-acct"], server.env);
  assert.equal(r.code, 0, r.stderr);
  assert.equal((r.json() as { created: number }).created, 3);
  await pruvan.waitFor(() => pruvan.forKey("cli-acct").flatMap((q) => q.workOrders ?? []).length === 3);
  assert.deepEqual(
    pruvan.forKey("cli-acct").flatMap((q) => q.workOrders!.map((o) => o.workOrderNumber)),
    ["SRV-1", "SRV-2", "SRV-3"],
  );
  await eventually(
    async () => (await db().pushJob.count({ where: { integration: { username: "cli-acct" }, state: "delivered" } })) === 3,
    "jobs delivered",
  );
});

test("a hanging endpoint of one integration does not stall another", async () => {
  const slow = await makeIntegration({ pushKeyUrl: pruvan.url("slow") });
  const fast = await makeIntegration({ pushKeyUrl: pruvan.url("fast") });
  pruvan.answer("slow", () => ({ hang: true }));
  const slowOrder = await createOrder(simpleOrder(slow.id), staffActor);
  await pruvan.waitFor(() => pruvan.forKey("slow").length === 1);
  const hungAt = pruvan.forKey("slow")[0]!.at;
  await createOrder(simpleOrder(fast.id), staffActor);
  await pruvan.waitFor(() => pruvan.forKey("fast").length === 1);
  assert.ok(pruvan.forKey("fast")[0]!.at - hungAt < TIMEOUT_MS, "served while the other call hangs");
  const failed = await eventually(async () => {
    const job = await jobOf(slowOrder.id);
    return job.attempts >= 1 ? job : null;
  }, "the hanging call to time out");
  assert.match(failed.lastError ?? "", new RegExp(`No answer within ${TIMEOUT_MS} ms`));
  pruvan.answer("slow", () => ({}));
  await eventually(async () => (await jobOf(slowOrder.id)).state === "delivered", "the retry after the backoff");
});

test("a server killed mid-delivery (SIGKILL) sends the jobs again after restart", async () => {
  const integration = await makeIntegration({ pushKeyUrl: pruvan.url("crash") });
  pruvan.answer("crash", () => ({ hang: true }));
  const order = await createOrder(simpleOrder(integration.id), staffActor);
  await pruvan.waitFor(() => pruvan.forKey("crash").length === 1);
  assert.equal((await jobOf(order.id)).state, "sending");
  await server.stop("SIGKILL");

  pruvan.answer("crash", () => ({}));
  server = await startServer({ dataDir: server.dataDir, env: pushEnv });
  await pruvan.waitFor(() => pruvan.forKey("crash").length === 2, 30_000);
  assert.deepEqual(pruvan.forKey("crash")[1]!.workOrders, pruvan.forKey("crash")[0]!.workOrders);
  const job = await eventually(async () => {
    const j = await jobOf(order.id);
    return j.state === "delivered" ? j : null;
  }, "delivered after restart");
  assert.equal(job.attempts, 1);
  assert.match(job.lastResponse ?? "", /"updated":1/);
  const batches = await db().pushBatch.findMany({ where: { integrationId: integration.id }, orderBy: { startedAt: "asc" } });
  assert.deepEqual(
    batches.map((b) => b.outcome),
    ["interrupted", "delivered"],
  );
});

test("killed after recording Pruvan's answer but before its jobs: the jobs go again and the Push log calls that call interrupted", async () => {
  const integration = await makeIntegration({ pushKeyUrl: pruvan.url("half") });
  pruvan.answer("half", () => ({ hang: true }));
  const order = await createOrder(simpleOrder(integration.id), staffActor);
  await pruvan.waitFor(() => pruvan.forKey("half").length === 1);
  await server.stop("SIGKILL");
  // The moment between the two writes of a delivery: the call's answer is recorded, its jobs are not.
  await db().pushBatch.updateMany({
    where: { integrationId: integration.id, outcome: "sending" },
    data: { outcome: "delivered", finishedAt: new Date() },
  });
  assert.equal((await jobOf(order.id)).state, "sending");

  pruvan.answer("half", () => ({}));
  server = await startServer({ dataDir: server.dataDir, env: pushEnv });
  await pruvan.waitFor(() => pruvan.forKey("half").length === 2, 30_000);
  await eventually(async () => (await jobOf(order.id)).state === "delivered", "delivered after restart");
  const batches = await db().pushBatch.findMany({ where: { integrationId: integration.id }, orderBy: { startedAt: "asc" } });
  assert.deepEqual(
    batches.map((b) => b.outcome),
    ["interrupted", "delivered"],
    "the repeat shows in the Push log",
  );
});

test("PUSH_WORKER=off: the server sends nothing; `push:run` drains the queue once", async () => {
  await server.stop();
  server = await startServer({ dataDir: server.dataDir, env: { ...pushEnv, PUSH_WORKER: "off" } });
  const integration = await makeIntegration({ pushKeyUrl: pruvan.url("cron") });
  const order = await createOrder(simpleOrder(integration.id), staffActor);
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(pruvan.forKey("cron").length, 0);
  const r = await runCliAsync(["push:run"], { ...server.env, PUSH_WORKER: "off" }); // the endpoint answers from this process
  assert.equal(r.code, 0, r.stderr);
  const summary = (r.json() as { integration: string; delivered: number }[]).find((s) => s.integration === integration.username);
  assert.equal(summary?.delivered, 1);
  assert.equal(pruvan.forKey("cron").length, 1);
  assert.equal((await jobOf(order.id)).state, "delivered");
});
