import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { connectIntegration, credsOf, post, rawMultipartUpload, type Creds } from "../support/pruvan";
import { eventually, startPushEndpoint, type PushEndpoint } from "../support/pruvan-push";
import { runCliAsync, startServer, type RunningServer } from "../support/server";
import { traceSyscalls, type Syscall } from "../support/strace";
import { ageStoredFiles, onS3, readStored, temporaryFiles, writeStored } from "../support/storage";
import { jpeg, useDataDir } from "../support/work-item-fixtures";

// Crash safety with SIGKILL, on the real server: nothing Pruvan was told is stored gets
// lost, no row points at a missing file, leftovers are swept after restart, and an order
// change made just before the kill is still pushed. A power cut cannot be staged here, so
// what it would undo is checked where it is decided: the order of the server's own system
// calls (strace), flush before rename before answer.

const pushEnv = { PUSH_ALLOWED_HOSTS: "http://127.0.0.1", PUSH_RETRY_BASE_MS: "300", PUSH_TIMEOUT_MS: "1500" };
let server: RunningServer;
let pruvan: PushEndpoint;
let creds: Creds;
let photo: Buffer;

before(async () => {
  pruvan = await startPushEndpoint();
  // The worker polls once at start and then only every 10 minutes: a change queued later stays queued until a restart.
  server = await startServer({ env: { ...pushEnv, PUSH_POLL_MS: "600000" } });
  useDataDir(server.dataDir);
  creds = connectIntegration(server, "crash", ["--mode", "internal", "--client-code", "CR"]);
  const validated = await post(server, "validate", { as: "multipart", payload: { ...credsOf(creds), pushkey: pruvan.url("crash") } });
  assert.deepEqual(validated.json, { error: "", validated: true });
  photo = await jpeg("crash test", "#334155", 320, 240);
});
after(async () => {
  await server.stop();
  await pruvan.close();
  await db().$disconnect();
});

const upload = (uuId: string) =>
  post(server, "uploadPictures.html", {
    as: "multipart",
    payload: { ...credsOf(creds), uuId, fileType: "picture", key2: "CR::CR-1" },
    file: { bytes: photo, name: "p.jpg" },
  });

async function rowsWithoutFiles(): Promise<string[]> {
  const rows = await db().workItem.findMany({ where: { storagePath: { not: null } }, select: { uuId: true, storagePath: true } });
  const present = await Promise.all(rows.map((r) => storage().exists(r.storagePath!)));
  return rows.filter((_, i) => !present[i]).map((r) => r.uuId);
}

describe("SIGKILL in the middle of uploads", () => {
  const done = [randomUUID(), randomUUID(), randomUUID()];
  const interrupted = [randomUUID(), randomUUID(), randomUUID()];
  const orphan = "items/2026/01/left-by-a-crash.jpg";
  const young = "items/2026/01/renamed-a-moment-ago.jpg";

  test("uploads answered before the kill are kept; those cut off leave no row", async () => {
    for (const uuId of done) assert.deepEqual((await upload(uuId)).json, { status: true, error: null });
    // Three uploads stream 12 MB of a 20 MB file each (in a bucket: two parts of a multipart upload), then hold the connection open.
    const cutOff = interrupted.map(
      (uuId) =>
        rawMultipartUpload(server.url, { ...credsOf(creds), uuId, fileType: "picture", key2: "CR::CR-1" }, 20 * 1024 * 1024, {
          holdAfter: 12 * 1024 * 1024,
        }).answered.catch(() => undefined), // the server dies: there is no answer to read
    );
    await eventually(
      async () => (await temporaryFiles()).length === interrupted.length || null,
      "the three uploads are streaming to storage",
    );
    await server.stop("SIGKILL");
    await Promise.all(cutOff);

    assert.equal((await temporaryFiles()).length, 3, "the killed uploads left their temporary files");
    assert.equal(await db().workItem.count({ where: { uuId: { in: interrupted } } }), 0, "and no row");
    assert.deepEqual(await rowsWithoutFiles(), []);
  });

  test("after a restart the sweep removes temporary leftovers and files no row references, once past the grace period", async () => {
    // A crash between the rename (or copy) and the insert leaves a complete file no row references.
    await writeStored(orphan, photo);
    ageStoredFiles(server.dataDir, 2);
    await writeStored(young, photo); // within the grace period: it may be an upload about to get its row
    const kept = await db().workItem.findMany({ where: { uuId: { in: done } }, select: { storagePath: true } });

    server = await startServer({ dataDir: server.dataDir, env: { ...pushEnv, PUSH_POLL_MS: "600000" } });
    await eventually(async () => (/"storage":"swept"/.test(server.output()) ? true : null), "the sweep at start");
    assert.deepEqual(await temporaryFiles(), []);
    assert.equal(await storage().exists(orphan), false, "the old orphan is removed");
    assert.ok(await storage().exists(young), "a file younger than the grace period is kept");
    for (const k of kept) assert.ok(await storage().exists(k.storagePath!), `${k.storagePath} is referenced: kept`);
    assert.match(server.output(), /"temporary":3,"originals":1/);
    assert.deepEqual(await rowsWithoutFiles(), []);
    await storage().remove(young);
  });

  test("Pruvan's retries of the cut-off uploads are stored, once each", async () => {
    for (const uuId of [...interrupted, ...done]) assert.deepEqual((await upload(uuId)).json, { status: true, error: null });
    assert.equal(await db().workItem.count({ where: { uuId: { in: [...interrupted, ...done] } } }), 6);
    assert.deepEqual(await rowsWithoutFiles(), []);
  });
});

describe("a row whose file is gone (a restore from an old backup, a file deleted by hand)", () => {
  test("is flagged by the check at start, with a log line, and unflagged once the file is back", async () => {
    const uuId = randomUUID();
    await upload(uuId);
    const row = await db().workItem.findUniqueOrThrow({ where: { uuId } });
    const original = await readStored(row.storagePath!);
    await storage().remove(row.storagePath!);

    await server.stop("SIGKILL");
    server = await startServer({ dataDir: server.dataDir, env: { ...pushEnv, PUSH_POLL_MS: "600000" } });
    const flagged = await eventually(
      async () => (await db().workItem.findUniqueOrThrow({ where: { uuId } })).fileMissingAt,
      "the row flagged",
    );
    assert.ok(flagged);
    // The row is written before the line reaches this process through the server's stdout pipe.
    await eventually(
      async () => new RegExp(`"storage":"stored files missing".*${uuId}`).test(server.output()),
      "the log line about the missing file",
    );
    const refused = await fetch(`${server.url}/api/health`);
    assert.equal(refused.status, 200, "the server runs on");

    await writeStored(row.storagePath!, original);
    await server.stop();
    server = await startServer({ dataDir: server.dataDir, env: { ...pushEnv, PUSH_POLL_MS: "600000" } });
    await eventually(
      async () => ((await db().workItem.findUniqueOrThrow({ where: { uuId } })).fileMissingAt === null ? true : null),
      "the flag cleared",
    );
    assert.deepEqual(await readStored(row.storagePath!), photo);
  });
});

describe("SIGKILL between an order change and its push", () => {
  test("the change was queued with the order (one transaction); after restart the worker delivers it", async () => {
    const file = path.join(server.dataDir, "orders.json");
    const order = {
      workOrderNumber: "CR-1",
      address1: "110 East Main Street",
      city: "Round Rock",
      state: "TX",
      zip: "78664",
      clientStatus: "Order Created",
      services: [{ serviceName: "Lawn" }],
    };
    writeFileSync(file, JSON.stringify({ workOrders: [order] }));
    assert.equal((await runCliAsync(["orders:import", file, "--integration", "crash"], server.env)).code, 0);
    writeFileSync(file, JSON.stringify({ workOrders: [{ ...order, clientStatus: "Rush Order" }] }));
    const before = pruvan.forKey("crash").length;
    assert.equal((await runCliAsync(["orders:import", file, "--integration", "crash"], server.env)).code, 0);
    const job = await db().pushJob.findFirstOrThrow({ where: { workOrder: { workOrderNumber: "CR-1" }, state: "pending" } });
    await server.stop("SIGKILL");
    assert.equal(pruvan.forKey("crash").length, before, "not pushed before the kill");

    server = await startServer({ dataDir: server.dataDir, env: { ...pushEnv, PUSH_POLL_MS: "100" } });
    await pruvan.waitFor(() => pruvan.forKey("crash").some((q) => q.workOrders?.some((o) => o.clientStatus === "Rush Order")), 30_000);
    await eventually(
      async () => ((await db().pushJob.findUniqueOrThrow({ where: { id: job.id } })).state === "delivered" ? true : null),
      "the job delivered",
    );
  });
});

describe("durable before acknowledged (what a power cut would undo)", () => {
  const SYNC = new Set(["fsync", "fdatasync"]);
  // A new item's name is placed with link(2) (an exclusive rename: it fails rather than replace a file).
  const PLACE = new Set(["rename", "renameat", "renameat2", "link", "linkat"]);
  const WRITES = new Set(["write", "writev", "pwrite64", "sendmsg", "sendto"]);

  // On a bucket the object is durable when S3 answers the copy; this is the local disk's part.
  const skip = onS3 && "files in an S3 bucket: no local flushes to check";
  test(
    "the file is flushed, renamed into place, its folder flushed, then the row is committed to disk, then Pruvan is answered",
    { skip },
    async () => {
      const uuId = randomUUID();
      const trace = await traceSyscalls(server.process.pid!, [...SYNC, ...PLACE, ...WRITES]);
      let calls: Syscall[];
      try {
        assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
        await trace.seen(/HTTP\/1\.1 200/); // the trace is live: it saw the server answer that
        assert.deepEqual((await upload(uuId)).json, { status: true, error: null });
      } finally {
        calls = await trace.stop();
      }
      const row = await db().workItem.findUniqueOrThrow({ where: { uuId } });
      const storageFolder = path.join(server.dataDir, "storage");
      const finalPath = path.join(storageFolder, row.storagePath!);
      const describeCalls = () => calls.map((c) => `${c.start}: ${c.text.slice(0, 160)}`).join("\n") || trace.log().slice(-3000);
      const find = (what: string, after: number, match: (c: Syscall) => boolean) => {
        const call = calls.find((c) => c.start > after && match(c));
        assert.ok(call, `${what} not seen after trace line ${after}:\n${describeCalls()}`);
        return call;
      };

      const rename = find("the rename into place", -1, (c) => PLACE.has(c.name) && c.text.includes(`"${finalPath}"`));
      const tmpPath = /"([^"]+\.part)"/.exec(rename.text)?.[1];
      assert.ok(tmpPath?.startsWith(path.join(storageFolder, ".tmp")), rename.text);
      const fileSync = calls.find((c) => SYNC.has(c.name) && c.text.includes(`<${tmpPath}>`));
      assert.ok(fileSync && fileSync.end < rename.start, `the file's bytes are flushed before the rename:\n${describeCalls()}`);
      const dirSync = find("the folder's fsync", rename.end, (c) => SYNC.has(c.name) && c.text.includes(`<${path.dirname(finalPath)}>`));
      const walSync = find("the commit's WAL flush", dirSync.end, (c) => SYNC.has(c.name) && c.text.includes("portal.db-wal>"));
      const answer = find("the answer", rename.end, (c) => WRITES.has(c.name) && c.text.includes("HTTP/1.1 200"));
      assert.ok(answer.start > walSync.end, `Pruvan is answered only after the row is on disk:\n${describeCalls()}`);
      const walWrites = calls.filter(
        (c) => WRITES.has(c.name) && c.text.includes("portal.db-wal>") && c.start > rename.start && c.start < dirSync.end,
      );
      assert.deepEqual(walWrites, [], "nothing is committed while the file's name is not yet durable");
    },
  );
});
