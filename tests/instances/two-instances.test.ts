import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import pg from "pg";
import { db, Prisma } from "@/lib/db";
import { claimJobs, enqueuePush } from "@/lib/push/outbox";
import { storage } from "@/lib/storage";
import { testPostgres } from "../support/postgres";
import { eventually, pruvanCounts, startPushEndpoint, type PushEndpoint } from "../support/pruvan-push";
import { acquireLease, releaseLeases } from "@/lib/server/leases";
import { STORAGE_SWEEP_LEASE } from "@/lib/work-items/file-sweep";
import { credsOf, post, uploadInTwoHalves, type Creds } from "../support/pruvan";
import { s3StorageEnv, startS3Server, type S3TestServer } from "../support/s3-server";
import { freshDataDir, runCliAsync, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { jpeg } from "../support/work-item-fixtures";

// Two portal instances on one PostgreSQL database and one S3 bucket, no sticky sessions
// (docs/several-machines.md), with Pruvan's traffic split between them:
// 10,000 queued orders are pushed with each change sent once and each order's changes in
// order; an instance SIGKILLed mid-push leaves nothing lost; one uuId uploaded to both at
// once is one row and one object; a full pull from either answers the same; a photo sent
// to one is served by the other; the storage sweep runs on one instance at a time; failed
// sign-ins count across both; SIGTERM of one mid-upload loses nothing.

const ORDERS = 10_000;
const ACCOUNTS = 4; // each integration is delivered by one instance at a time: four let both push
const PER_ACCOUNT = ORDERS / ACCOUNTS;

let pruvan: PushEndpoint;
let s3: S3TestServer;
let shared: Record<string, string>;
const instances: RunningServer[] = [];
const accounts: Creds[] = [];
const workDir = freshDataDir("two-instances");

const instance = (i: number) => instances[i % instances.length]!;

before(async () => {
  pruvan = await startPushEndpoint();
  s3 = await startS3Server();
  const database = await (await testPostgres()).createDatabase();
  shared = {
    DATABASE_URL: database,
    ...s3StorageEnv(s3.endpoint, workDir), // one bucket and prefix for both
    AUTH_SECRET: randomUUID() + randomUUID(), // one secret: a session works on either
    PUSH_ALLOWED_HOSTS: "http://127.0.0.1",
    PUSH_POLL_MS: "100",
    // The lease of a killed instance runs out after 2 x 10 s + 5 s. Not shorter: on a loaded
    // machine (load 11 on two cores) an instance busy with four deliveries read Pruvan's
    // answer after a 4 s timeout had fired, and sent the call again.
    PUSH_TIMEOUT_MS: "10000",
    PUSH_RETRY_BASE_MS: "200",
    PUSH_HOURLY_LIMIT: "1000000",
    PUSH_BATCH_SIZE: "100",
    STORAGE_SWEEP_INTERVAL_MS: "1000", // both reach for the sweep every second: the lease decides
  };
  // Started together: they migrate the empty database once between them.
  instances.push(...(await Promise.all([startServer({ env: shared }), startServer({ env: shared })])));
  Object.assign(process.env, shared); // this process reads the same database and bucket
  for (let i = 0; i < ACCOUNTS; i++) {
    // Not connectIntegration: its spawnSync would hold this process while a server closes an
    // idle keep-alive connection, which the next fetch would then write into (EPIPE).
    const made = await runCliAsync(["integration:create", "--username", `acct${i}`, "--mode", "internal"], instance(0).env);
    assert.equal(made.code, 0, made.stderr);
    const creds = made.json() as Creds;
    accounts.push(creds);
    // Pruvan's validate reaches one instance or the other.
    const r = await post(instance(i), "validate.html", {
      as: "multipart",
      payload: { ...credsOf(creds), pushkey: pruvan.url(creds.username) },
    });
    assert.equal(r.status, 200, r.text);
  }
});

after(async () => {
  await Promise.all(instances.map((s) => s.stop()));
  await db().$disconnect();
  await pruvan.close();
  await s3.close();
});

const orderNumber = (account: number, i: number) => `A${account}-${i}`;

/**
 * Queues every account's orders for push in one state: new orders on the first call, then
 * updates of them, each written with its push jobs in one transaction through the outbox
 * (lib/push/outbox.ts), as the portal's order commands do. (orders:import writes the same rows
 * and jobs; 10,000 of them through it take minutes on a loaded machine.)
 */
async function queueAll(clientStatus: string, instructions: string) {
  for (const creds of accounts) {
    const a = accounts.indexOf(creds);
    const { id: integrationId } = await db().integration.findUniqueOrThrow({ where: { username: creds.username } });
    const numbers = Array.from({ length: PER_ACCOUNT }, (_, i) => orderNumber(a, i));
    await db().$transaction(
      async (tx) => {
        const existing = await tx.workOrder.count({ where: { integrationId } });
        if (existing === 0) {
          await tx.workOrder.createMany({
            data: numbers.map((workOrderNumber, i) => ({
              integrationId,
              workOrderNumber,
              address1: `${i} Main Street`,
              city: "Round Rock",
              state: "TX",
              zip: "78664",
              clientStatus,
              instructions,
            })),
          });
        } else {
          await tx.workOrder.updateMany({ where: { integrationId }, data: { clientStatus, instructions, updatedAt: new Date() } });
        }
        const ids = (
          await tx.workOrder.findMany({ where: { integrationId }, orderBy: { workOrderNumber: "asc" }, select: { id: true } })
        ).map((o) => o.id);
        await enqueuePush(tx, { integrationId, workOrderIds: ids });
      },
      { timeout: 120_000 },
    );
  }
}

/** The orders Pruvan received, in the order received: number -> the states sent. */
function received(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  for (const request of pruvan.requests) {
    for (const o of request.workOrders ?? []) {
      const number = String(o.workOrderNumber);
      seen.set(number, [...(seen.get(number) ?? []), `${String(o.clientStatus)}/${String(o.instructions)}`]);
    }
  }
  return seen;
}

const receivedCount = () => pruvan.requests.reduce((n, r) => n + (r.workOrders?.length ?? 0), 0);

async function allDelivered(timeoutMs: number) {
  await eventually(
    async () => (await db().pushJob.count({ where: { state: { not: "delivered" } } })) === 0 && (await db().pushJob.count()) > 0,
    "every push job delivered",
    timeoutMs,
  );
}

const everyNumber = () =>
  Array.from({ length: ACCOUNTS }, (_, a) => Array.from({ length: PER_ACCOUNT }, (_, i) => orderNumber(a, i))).flat();

test(
  "10,000 queued orders, both instances pushing: each change sent once, each order's changes in order",
  { timeout: 900_000 },
  async () => {
    await queueAll("Order Created", "v1");
    // The update of every order is queued while the first round is still going out.
    await eventually(async () => receivedCount() >= ORDERS / 4 || null, "a quarter of the orders pushed", 300_000);
    await queueAll("Rush Order", "v2");
    await allDelivered(600_000);

    const seen = received();
    for (const number of everyNumber()) {
      const states = seen.get(number) ?? [];
      assert.ok(states.length >= 1, `${number} was pushed`);
      assert.equal(new Set(states).size, states.length, `${number}: no state sent twice (${states.join(", ")})`);
      assert.equal(states.at(-1), "Rush Order/v2", `${number}: its last push is its current state`);
      assert.ok(!(states.length === 2 && states[0] !== "Order Created/v1"), `${number}: in order (${states.join(", ")})`);
    }
    assert.equal(seen.size, ORDERS, "no order Pruvan was not sent");
    const batches = await db().pushBatch.groupBy({ by: ["outcome", "error"], _count: { _all: true } });
    assert.deepEqual(
      batches.map((b) => b.outcome),
      ["delivered"],
      `every call answered, none interrupted: ${JSON.stringify(batches)}`,
    );
  },
);

test("an instance SIGKILLed mid-push: the other finishes, nothing lost", { timeout: 900_000 }, async () => {
  const before = receivedCount();
  for (const creds of accounts) pruvan.answer(creds.username, (req) => ({ ...pruvanCounts(req), delayMs: 100 })); // calls in flight to cut off
  await queueAll("Rush Order", "v3");
  await eventually(async () => receivedCount() - before >= ORDERS / 4 || null, "a quarter of the changes pushed", 300_000);
  await instance(1).stop("SIGKILL");
  try {
    await allDelivered(600_000);
  } finally {
    instances[1] = await startServer({ env: shared }); // back for the tests below, whatever this one found
  }

  const seen = received();
  let repeats = 0;
  for (const number of everyNumber()) {
    const states = seen.get(number)!;
    assert.equal(states.at(-1), "Rush Order/v3", `${number}: its last push is its current state`);
    const v3 = states.filter((s) => s === "Rush Order/v3").length;
    assert.ok(v3 >= 1, `${number}: the change reached Pruvan`);
    repeats += v3 - 1;
  }
  // Only the calls in flight at the kill go again (Pruvan upserts by workOrderNumber).
  // Besides those, a call whose answer never came (timed out under load) goes again too, and
  // so does a call of an instance that stalled past its lease (the next holder marks it
  // interrupted: run 2 of a loaded series showed 100 repeats recorded as delivered before).
  const orderCount = (where: Prisma.PushBatchWhereInput) =>
    db().pushBatch.aggregate({ where, _sum: { orderCount: true }, _count: { _all: true } });
  const interrupted = await orderCount({ outcome: "interrupted" });
  const unanswered = await orderCount({
    outcome: "failed",
    OR: [{ error: { startsWith: "No answer" } }, { error: { startsWith: "Network error" } }],
  });
  const resendable = (interrupted._sum.orderCount ?? 0) + (unanswered._sum.orderCount ?? 0);
  const outcomes = JSON.stringify(await db().pushBatch.groupBy({ by: ["outcome", "error"], _count: { _all: true } }));
  assert.ok(repeats <= resendable, `${repeats} orders sent twice, at most the ${resendable} of calls cut off or unanswered: ${outcomes}`);
});

test("a job locked by another instance's claim is skipped, not waited for (FOR UPDATE SKIP LOCKED)", async () => {
  const integration = await db().integration.findUniqueOrThrow({ where: { username: accounts[0]!.username } });
  const job = await db().pushJob.create({
    data: { integrationId: integration.id, kind: "refresh", nextAttemptAt: new Date(Date.now() + 3600_000) },
  });
  const other = new pg.Client({ connectionString: shared.DATABASE_URL });
  await other.connect();
  try {
    await other.query("BEGIN");
    await other.query(`SELECT "id" FROM "PushJob" WHERE "id" = $1 FOR UPDATE`, [job.id]); // another instance mid-claim
    const started = Date.now();
    assert.deepEqual(await claimJobs([job.id], "batch-of-test", new Date()), [], "not ours");
    assert.ok(Date.now() - started < 2000, "answered at once");
    await other.query("ROLLBACK");
    assert.deepEqual(await claimJobs([job.id], "batch-of-test", new Date()), [job.id], "free again: claimed");
  } finally {
    await other.end();
    await db().pushJob.delete({ where: { id: job.id } });
  }
});

test("the same uuId uploaded to both instances at once: one row, one object", async () => {
  const photo = await jpeg("two instances", "#0f766e", 640, 480);
  const uuId = randomUUID();
  const payload = {
    ...credsOf(accounts[0]!),
    uuId,
    key1: "",
    key2: orderNumber(0, 1),
    key3: "",
    key4: "Lawn",
    fileType: "picture",
    fileExt: "jpg",
    evidenceType: "before",
    fileName: "1415913831993",
    timestamp: 1414434590,
    createdBy: "vendor1",
    createdBySubUser: "jsmith",
  };
  const file = { bytes: photo, name: "1415913831993.jpg", type: "image/jpeg" };
  const answers = await Promise.all(instances.map((s) => post(s, "uploadPictures.html", { as: "multipart", payload, file })));
  for (const a of answers) assert.deepEqual(a.json, { status: true, error: null }, a.text);

  assert.equal(await db().workItem.count({ where: { uuId } }), 1, "one row");
  const objects: string[] = [];
  for await (const f of storage().list("items")) if (f.key.includes(uuId)) objects.push(f.key);
  const row = await db().workItem.findUniqueOrThrow({ where: { uuId } });
  assert.deepEqual(objects, [row.storagePath], "one object, the row's");
});

test("a full pull from either instance gives the same answer", async () => {
  for (const creds of accounts) {
    const [a, b] = await Promise.all(
      instances.map((s) => post(s, "getWorkOrders.html", { as: "multipart", payload: { ...credsOf(creds), timestamp: null } })),
    );
    assert.equal(a!.status, 200, a!.text);
    const orders = (a!.json as { workOrders: unknown[] }).workOrders;
    assert.equal(orders.length, PER_ACCOUNT);
    assert.equal(b!.text, a!.text, `${creds.username}: the same answer`);
  }
});

const STAFF = { email: "desk@example.com", password: "correct-horse-9" };
let staff: Browserless | undefined;

/** A staff member signed in on the first instance; the session cookie is good on either. */
async function signedInStaff(): Promise<Browserless> {
  if (staff) return staff;
  const made = await runCliAsync(["user:create", "--email", STAFF.email, "--role", "staff"], instance(0).env, STAFF.password);
  assert.equal(made.code, 0, made.stderr);
  staff = new Browserless(instance(0).url);
  assert.equal((await staff.signIn(STAFF.email, STAFF.password)).status, 200);
  return staff;
}

/** GET a portal path from a given instance with the staff session of the first. */
async function fetchAs(session: Browserless, server: RunningServer, path: string): Promise<Response> {
  return fetch(`${server.url}${path}`, { headers: { cookie: session.cookieHeader() }, redirect: "manual" });
}

const uploadPayload = (uuId: string) => ({
  ...credsOf(accounts[1]!),
  uuId,
  key2: orderNumber(1, 7),
  key4: "Lawn",
  fileType: "picture",
  fileExt: "jpg",
  evidenceType: "after",
  timestamp: 1414434590,
});

test("a photo sent to either instance is served by the other", async () => {
  const session = await signedInStaff();
  for (const [to, from] of [
    [0, 1],
    [1, 0],
  ] as const) {
    const photo = await jpeg(`to ${to}`, "#b45309", 800, 600);
    const uuId = randomUUID();
    const answer = await post(instance(to), "uploadPictures.html", {
      as: "multipart",
      payload: uploadPayload(uuId),
      file: { bytes: photo, name: "a.jpg", type: "image/jpeg" },
    });
    assert.deepEqual(answer.json, { status: true, error: null }, answer.text);
    const item = await db().workItem.findUniqueOrThrow({ where: { uuId } });
    const original = await fetchAs(session, instance(from), `/files/${item.id}`);
    assert.equal(original.status, 200, `instance ${from} serves what ${to} stored`);
    assert.ok(Buffer.from(await original.arrayBuffer()).equals(photo), "the same bytes");
    const thumb = await fetchAs(session, instance(from), `/files/${item.id}/thumb`);
    assert.equal(thumb.status, 200);
    assert.match(thumb.headers.get("content-type") ?? "", /^image\//);
  }
});

const sweepsIn = (server: RunningServer) =>
  server
    .output()
    .split("\n")
    .filter((l) => l.startsWith('{"storage":"swept"')).length;

test("the storage sweep runs on one instance at a time: while a third holds its lease, neither sweeps", async () => {
  // Both sweep every second while the lease is free.
  const before = instances.map(sweepsIn);
  await eventually(async () => instances.every((s, i) => sweepsIn(s) > before[i]!) || null, "both instances sweeping in turn", 30_000);
  // Another holder (a third instance mid-sweep) takes it between their sweeps: 4 s of ticks,
  // no sweep on either.
  await eventually(() => acquireLease(STORAGE_SWEEP_LEASE, 60_000, "a-third-instance"), "the lease between two sweeps");
  try {
    await new Promise((r) => setTimeout(r, 300)); // the log line of the sweep that just released it
    const held = instances.map(sweepsIn);
    await new Promise((r) => setTimeout(r, 4000));
    assert.deepEqual(instances.map(sweepsIn), held, "no sweep while another instance holds the lease");
  } finally {
    await releaseLeases("a-third-instance");
  }
  const released = instances.map(sweepsIn);
  await eventually(async () => instances.some((s, i) => sweepsIn(s) > released[i]!) || null, "sweeping again once released", 60_000);
});

test("failed sign-ins count across both instances (the throttle lives in the database)", async () => {
  await signedInStaff();
  // One caller's guesses split between the two instances, from an address of its own.
  const guess = (i: number) => {
    const server = instance(i);
    return new Browserless(server.url, "127.0.0.9").signIn(STAFF.email, `wrong-guess-${i}`);
  };
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await guess(i)).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401], "three checked passwords on each");
  assert.equal((await guess(6)).status, 429, "the seventh waits, though this instance saw three");
  const right = await new Browserless(instance(1).url, "127.0.0.9").signIn(STAFF.email, STAFF.password);
  assert.equal(right.status, 429, "on the other instance too, the right password included");
  // From another address the owner still signs in (the lock is per address and account).
  assert.equal((await new Browserless(instance(1).url, "127.0.0.10").signIn(STAFF.email, STAFF.password)).status, 200);
});

test("SIGTERM of one instance while an upload is in flight: the upload is stored and served by the other", async () => {
  const session = await signedInStaff();
  const photo = await jpeg("in flight", "#be123c", 1600, 1200);
  const uuId = randomUUID();
  const draining = instance(1);
  const upload = uploadInTwoHalves(draining.url, uploadPayload(uuId), photo);
  await new Promise((r) => setTimeout(r, 500)); // the first half on its way
  const exited = new Promise<number | null>((resolve) => draining.process.once("exit", (code) => resolve(code)));
  draining.process.kill("SIGTERM");
  await eventually(async () => /"shutdown":"SIGTERM"/.test(draining.output()), "the shutdown begun");
  // Meanwhile the other instance takes the traffic.
  assert.equal((await fetch(`${instance(0).url}/api/health`)).status, 200);

  upload.finish();
  const answer = await upload.answered;
  assert.equal(answer.status, 200, answer.body);
  assert.deepEqual(JSON.parse(answer.body), { status: true, error: null });
  assert.equal(await exited, 0, "exits 0");
  assert.match(draining.output(), /"shutdown":"done","cutOff":0/, "nothing was cut off");
  const item = await db().workItem.findUniqueOrThrow({ where: { uuId } });
  const served = await fetchAs(session, instance(0), `/files/${item.id}`);
  assert.equal(served.status, 200);
  assert.ok(Buffer.from(await served.arrayBuffer()).equals(photo), "every byte, served by the instance that stayed");
  instances[1] = await startServer({ env: shared });
});
