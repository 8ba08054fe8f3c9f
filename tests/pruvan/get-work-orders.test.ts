import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db, type Prisma } from "@/lib/db";
import { lastSentToPruvan } from "@/lib/orders/last-sent";
import { connectIntegration, credsOf, isAscii, post, type Creds } from "../support/pruvan";
import { startServer, type RunningServer } from "../support/server";
import { useDataDir } from "../support/work-item-fixtures";

// getWorkOrders over real HTTP: full and incremental pulls, the field rules of each
// integration mode, status mapping, dates, ASCII, deletions, and the 5000-order cap.

let server: RunningServer;
const creds: Record<string, Creds> = {};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  server = await startServer();
  useDataDir(server.dataDir);
  creds.internal = connectIntegration(server, "wo-internal", ["--mode", "internal", "--client-code", "INT"]);
  creds.external = connectIntegration(server, "wo-external", ["--mode", "external", "--no-auto-admin"]);
  creds.auto = connectIntegration(server, "wo-auto", ["--mode", "external", "--auto-admin"]);
  creds.empty = connectIntegration(server, "wo-empty", ["--mode", "internal"]);
  creds.bulk = connectIntegration(server, "wo-bulk", ["--mode", "internal"]);
  creds.rotate = connectIntegration(server, "wo-rotate", ["--mode", "internal"]);
  // Every install starts with Pruvan's suggested mappings (a migration); these two are what the test relies on.
  for (const m of [
    { clientStatus: "Rush Order", pruvanStatus: "rush" as const },
    { clientStatus: "Order Created", pruvanStatus: null },
  ]) {
    await db().statusMapping.upsert({ where: { clientStatus: m.clientStatus }, create: m, update: { pruvanStatus: m.pruvanStatus } });
  }
  for (const [key, prefix] of [
    ["internal", "IN"],
    ["external", "EX"],
    ["auto", "AU"],
  ] as const) {
    await order(key, `${prefix}-1`, FULL);
    await order(key, `${prefix}-2`, { clientStatus: "Rush Order", status: null, assignedTo: null });
    await order(key, `${prefix}-GONE`, { deletedAt: new Date() });
  }
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const FULL = {
  workOrderInfo: "Lock box 4412",
  assignedTo: "jsmith",
  status: "assigned",
  dueDate: new Date(Date.UTC(2026, 4, 25, 12)),
  instructions: "Photograph the \u201Cfront\u201D \u2014 then the back. Caf\u00e9 sign.",
  clientStatus: "Order Created",
  clientDueDate: new Date(Date.UTC(2026, 4, 28, 9, 5)),
  clientInstructions: "Call office",
  description: "Initial inspection",
  reference: "REF-9",
  attribute7: "LOAN-7731",
  gpsLatitude: 30.50881246,
  gpsLongitude: -97.67852886,
  options: { camera_orientation: "landscape" },
  startDate: new Date(Date.UTC(2026, 4, 20, 14, 30)),
  sourceWoId: "SW-1",
} satisfies Partial<Prisma.WorkOrderUncheckedCreateInput>;

async function order(integration: string, number: string, fields: Partial<Prisma.WorkOrderUncheckedCreateInput> = {}) {
  const { id } = await db().integration.findUniqueOrThrow({ where: { username: creds[integration]!.username } });
  return db().workOrder.create({
    data: {
      workOrderNumber: number,
      integrationId: id,
      address1: "110 East Main Street",
      city: "Round Rock",
      state: "TX",
      zip: "78664",
      ...fields,
      services: {
        create: [
          { serviceName: "Winterize", position: 1, survey: "vendor1::Simple-v1" },
          { serviceName: "Lawn", position: 0, options: { required: true } },
        ],
      },
    },
  });
}

type Answer = { workOrders: Array<Record<string, unknown>>; error: string };
async function pull(key: string, timestamp: number | null): Promise<Answer> {
  const r = await post(server, "getWorkOrders.html", { as: "multipart", payload: { ...credsOf(creds[key]!), timestamp } });
  assert.equal(r.status, 200, r.text);
  assert.ok(isAscii(r.text), "ASCII only");
  return r.json as Answer;
}
const numbers = (a: Answer) => a.workOrders.map((o) => o.workOrderNumber).sort();
const byNumber = (a: Answer, n: string) => a.workOrders.find((o) => o.workOrderNumber === n)!;
// Sent in full (a create), a task's empty shared fields go as "" (docs/sync.md, "A cleared field").
const services = [
  { serviceName: "Lawn", options: { required: true }, instructions: "" },
  { serviceName: "Winterize", survey: "vendor1::Simple-v1", instructions: "", options: "" },
];
const createOnly = {
  address1: "110 East Main Street",
  city: "Round Rock",
  state: "TX",
  zip: "78664",
  attribute7: "LOAN-7731",
  gpsLatitude: 30.50881246,
  gpsLongitude: -97.67852886,
  options: { camera_orientation: "landscape" },
  startDate: "2026-05-20 1430 +0",
  source_wo_id: "SW-1",
  services,
};
// Shared fields "can be set on remote order creation" (remote-fields): a first pull is Pruvan's create.
const onCreate = { description: "Initial inspection", reference: "REF-9" };
const clientFields = {
  workOrderInfo: "Lock box 4412",
  clientStatus: "Order Created",
  clientDueDate: "2026-05-28 0905 +0",
  clientInstructions: "Call office",
};

describe("full refresh: every current order, under the mode's field rules", () => {
  test("internal: everything, dueDate at noon UTC, ASCII text", async () => {
    const a = await pull("internal", null);
    assert.equal(a.error, "");
    assert.deepEqual(numbers(a), ["IN-1", "IN-2"], "deleted orders are not current");
    assert.deepEqual(byNumber(a, "IN-1"), {
      workOrderNumber: "IN-1",
      ...clientFields,
      ...createOnly,
      assignedTo: "jsmith",
      status: "assigned",
      dueDate: "2026-05-25 1200 +0",
      instructions: 'Photograph the "front" - then the back. Cafe sign.',
      description: "Initial inspection",
      reference: "REF-9",
    });
    assert.equal(byNumber(a, "IN-2").status, "rush", "a status not set comes from the client status mapping");
  });

  test("internal: a full refresh after one Pruvan is known to have read leaves out the shared fields it holds (issue 11, delta updates)", async () => {
    // Only an incremental's timestamp shows that Pruvan read the full refresh before it
    // (docs/sync.md); unconfirmed, the next full refresh would carry that answer again.
    await sleep(1100); // timestamps are whole seconds
    assert.deepEqual(numbers(await pull("internal", Math.floor(Date.now() / 1000))), [], "nothing changed since");
    const again = await pull("internal", null);
    assert.deepEqual(numbers(again), ["IN-1", "IN-2"], "every current order, still");
    // Not workOrderInfo, assignedTo, status, dueDate, instructions, reference, nor a task's options: shared, and unchanged.
    assert.deepEqual(byNumber(again, "IN-1"), {
      workOrderNumber: "IN-1",
      clientStatus: "Order Created",
      clientDueDate: "2026-05-28 0905 +0",
      clientInstructions: "Call office",
      ...createOnly,
      description: "Initial inspection",
      services: [{ serviceName: "Lawn" }, { serviceName: "Winterize", survey: "vendor1::Simple-v1" }],
    });
  });

  test("external: client fields and create-only fields; of the shared ones only description and reference, on create", async () => {
    const a = await pull("external", null);
    assert.deepEqual(numbers(a), ["EX-1", "EX-2"]);
    assert.deepEqual(byNumber(a, "EX-1"), { workOrderNumber: "EX-1", ...clientFields, ...createOnly, ...onCreate });
    assert.equal(byNumber(a, "EX-2").status, undefined, "no status at all without auto_admin");
  });

  test("external with auto_admin: also status (never an assignment status), dueDate, instructions", async () => {
    const a = await pull("auto", null);
    assert.deepEqual(byNumber(a, "AU-1"), {
      workOrderNumber: "AU-1",
      ...clientFields,
      ...createOnly,
      ...onCreate,
      dueDate: "2026-05-25 1200 +0",
      instructions: 'Photograph the "front" - then the back. Cafe sign.',
    });
    assert.equal(byNumber(a, "AU-2").status, "rush");
  });

  test("nothing to send: the doc's exact empty answer; lastPullAt recorded", async () => {
    const r = await post(server, "getWorkOrders", { as: "multipart", payload: { ...credsOf(creds.empty!), timestamp: null } });
    assert.equal(r.text, '{"workOrders":[],"error":""}');
    const integration = await db().integration.findUniqueOrThrow({ where: { username: "wo-empty" } });
    assert.ok(integration.lastPullAt);
  });
});

describe("incremental: created, changed and deleted since the timestamp", () => {
  test("only what changed; deletions as status deleted where the mode may set status", async () => {
    await pull("internal", null);
    await pull("external", null);
    const sent = await db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: "IN-1" }, include: { integration: true } });
    assert.equal(sent.lastSentAt, null, "a full refresh within the cap writes no order row");
    assert.ok(lastSentToPruvan(sent, sent.integration.lastFullPullAt), "it is recorded once, on the integration");
    await sleep(1100); // timestamps are whole seconds
    const since = Math.floor(Date.now() / 1000);
    await sleep(1100);
    assert.deepEqual(await pull("internal", since), { workOrders: [], error: "" }, "being sent is not a change");

    await db().workOrder.update({ where: { workOrderNumber: "IN-1" }, data: { clientStatus: "Rush Order", status: null } });
    await db().workOrder.update({ where: { workOrderNumber: "IN-2" }, data: { deletedAt: new Date() } });
    await order("internal", "IN-3");
    await db().workOrder.update({ where: { workOrderNumber: "EX-2" }, data: { deletedAt: new Date() } });
    await db().workOrder.update({ where: { workOrderNumber: "EX-1" }, data: { clientInstructions: "Call first" } });

    const a = await pull("internal", since);
    assert.deepEqual(numbers(a), ["IN-1", "IN-2", "IN-3"]);
    assert.equal(byNumber(a, "IN-1").status, "rush");
    assert.deepEqual(byNumber(a, "IN-2"), { workOrderNumber: "IN-2", status: "deleted" });
    const ex = await pull("external", since);
    assert.deepEqual(numbers(ex), ["EX-1"], "an external integration without auto_admin cannot delete: the deletion is left out");
    assert.equal((await pull("internal", String(since) as unknown as number)).workOrders.length, 3, "digits as a string work too");
  });
});

describe("the 5000-order cap", () => {
  test("a full refresh over the cap is refused with the count and sent by push instead; an incremental sends the 5000 least recently sent", async () => {
    const bulk = await db().integration.findUniqueOrThrow({ where: { username: "wo-bulk" } });
    await db().integration.update({ where: { id: bulk.id }, data: { pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=bulk" } });
    const ids = Array.from({ length: 5003 }, (_, i) => `bulk${String(i).padStart(5, "0")}`);
    await db().workOrder.createMany({
      data: ids.map((id, i) => ({
        id,
        workOrderNumber: `BULK-${i}`,
        integrationId: bulk.id,
        address1: "1 Main St",
        city: "Austin",
        state: "TX",
        zip: "78701",
        clientStatus: "Order Created",
      })),
    });
    await db().service.createMany({
      data: ids.flatMap((workOrderId) =>
        ["Lawn", "Photos", "Survey"].map((serviceName, position) => ({ workOrderId, serviceName, position })),
      ),
    });

    // A partial full refresh would delete the rest in Pruvan (managing-integrations "Importing Projects").
    const refused = await pull("bulk", null);
    assert.equal(refused.workOrders, undefined, JSON.stringify(refused).slice(0, 300));
    assert.match(refused.error, /has 5,003 current work orders, more than the 5,000 one Full Refresh can carry/);
    assert.match(refused.error, /is now sending all of them through the push key/);
    assert.equal(await db().workOrder.count({ where: { integrationId: bulk.id, lastSentAt: { not: null } } }), 0, "nothing marked sent");
    const jobs = await db().pushJob.findMany({ where: { integrationId: bulk.id } });
    assert.equal(jobs.length, 5003);
    assert.equal(new Set(jobs.map((j) => j.fullSyncId)).size, 1, "one full sync by push");
    assert.deepEqual(new Set(jobs.map((j) => j.workOrderId)), new Set(ids));
    const call = await db().pruvanCall.findFirstOrThrow({ where: { integrationId: bulk.id }, orderBy: { createdAt: "desc" } });
    assert.deepEqual([call.outcome, call.message], ["refused", "full refresh refused: 5003 current orders; full sync by push started"]);
    assert.match((await pull("bulk", null)).error, /is already sending all of them/, "a second refresh starts no second sync");
    assert.equal(await db().pushJob.count({ where: { integrationId: bulk.id } }), 5003);

    const first = await pull("bulk", 1);
    assert.equal(first.workOrders.length, 5000);
    assert.equal(new Set(numbers(first)).size, 5000);
    assert.ok(first.workOrders.every((o) => (o.services as unknown[]).length === 3));
    const unsent = await db().workOrder.findMany({
      where: { integrationId: bulk.id, lastSentAt: null },
      select: { id: true, workOrderNumber: true },
    });
    assert.equal(unsent.length, 3);
    const owed = await db().integration.findUniqueOrThrow({ where: { id: bulk.id } });
    assert.equal(owed.pullOwedFrom?.getTime(), 1000, "the next incremental pulls reach back for the rest");

    const second = await pull("bulk", Math.floor(Date.now() / 1000) + 60);
    for (const u of unsent)
      assert.ok(numbers(second).includes(u.workOrderNumber), `${u.workOrderNumber} goes out next, though Pruvan asks only from later`);
  });

  test("after a full refresh, orders never sent come before those it carried", async () => {
    const rotate = await db().integration.findUniqueOrThrow({ where: { username: "wo-rotate" } });
    const bulkOrders = (from: number, count: number) =>
      db().workOrder.createMany({
        data: Array.from({ length: count }, (_, i) => ({
          workOrderNumber: `ROT-${from + i}`,
          integrationId: rotate.id,
          address1: "1 Main St",
          city: "Austin",
          state: "TX",
          zip: "78701",
        })),
      });
    await bulkOrders(0, 4999);
    assert.equal((await pull("rotate", null)).workOrders.length, 4999);
    const after = await db().integration.findUniqueOrThrow({ where: { id: rotate.id } });
    assert.ok(after.lastFullPullAt, "the full refresh is recorded on the integration");
    assert.equal(await db().workOrder.count({ where: { integrationId: rotate.id, lastSentAt: { not: null } } }), 0);

    await sleep(5);
    await bulkOrders(4999, 3); // 5002 changed since the timestamp: over the cap
    const next = await pull("rotate", 1);
    assert.equal(next.workOrders.length, 5000);
    for (const n of ["ROT-4999", "ROT-5000", "ROT-5001"]) assert.ok(numbers(next).includes(n), `${n} was never sent: it goes first`);
    assert.match((await pull("rotate", null)).error, /has 5,002 current work orders.*Use Import Orders instead/, "no push key: what to do");
  });
});
