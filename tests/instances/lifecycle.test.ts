import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { acquireLease, extendLease, releaseLeases, runExclusive } from "@/lib/server/leases";
import { connectIntegration, credsOf, post, uploadInTwoHalves, type Creds } from "../support/pruvan";
import { eventually } from "../support/pruvan-push";
import { startServer, type RunningServer } from "../support/server";
import { onS3 } from "../support/storage";
import { createOrder, jpeg, useDataDir } from "../support/work-item-fixtures";

// One instance's life among several (docs/several-machines.md): what
// GET /api/health reports, draining on SIGTERM (new requests 503, the upload in flight
// finishes, exit 0), and the leases that keep background sweeps on one instance at a time.

let server: RunningServer;
let creds: Creds;

before(async () => {
  server = await startServer({ env: { SHUTDOWN_GRACE_MS: "20000" } });
  useDataDir(server.dataDir);
  creds = connectIntegration(server, "drain", ["--mode", "internal"]);
  await createOrder("DR-1", [{ serviceName: "Lawn" }], "drain");
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const health = async (s: RunningServer) => {
  const res = await fetch(`${s.url}/api/health`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe("GET /api/health", () => {
  test("reports the database and the storage reachable", async () => {
    assert.deepEqual(await health(server), { status: 200, body: { ok: true, database: "ok", storage: "ok", draining: false } });
  });

  test("503 naming the storage when the files cannot be written", { skip: onS3 && "the bucket is shared by the run" }, async () => {
    const other = await startServer();
    try {
      const folder = path.join(other.dataDir, "storage");
      rmSync(folder, { recursive: true, force: true });
      writeFileSync(folder, "not a folder"); // the storage folder is gone, a file in its place
      assert.deepEqual(await health(other), { status: 503, body: { ok: false, database: "ok", storage: "unreachable", draining: false } });
    } finally {
      await other.stop();
    }
  });
});

describe("SIGTERM", () => {
  test("drains: new requests and the health check get 503, the upload in flight is stored, exit 0", async () => {
    const photo = await jpeg("drain", "#7c3aed", 1600, 1200);
    const uuId = randomUUID();
    const payload = {
      ...credsOf(creds),
      uuId,
      key2: "DR-1",
      key4: "Lawn",
      fileType: "picture",
      fileExt: "jpg",
      evidenceType: "before",
      timestamp: 1414434590,
    };
    const upload = uploadInTwoHalves(server.url, payload, photo);
    await new Promise((r) => setTimeout(r, 500)); // the first half on its way

    const exited = new Promise<number | null>((resolve) => server.process.once("exit", (code) => resolve(code)));
    server.process.kill("SIGTERM");
    await eventually(async () => /"shutdown":"SIGTERM"/.test(server.output()), "the shutdown begun");

    assert.deepEqual(await health(server), { status: 503, body: { ok: false, draining: true } });
    const refused = await post(server, "validate.html", { as: "multipart", payload: credsOf(creds) });
    assert.equal(refused.status, 503);
    assert.match(String((refused.json as { error: string }).error), /shutting down/);

    upload.finish();
    const answer = await upload.answered;
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual(JSON.parse(answer.body), { status: true, error: null });
    assert.equal(await exited, 0, "exits 0");
    assert.match(server.output(), /"shutdown":"done","cutOff":0/, "nothing was cut off");
    assert.equal(await db().workItem.count({ where: { uuId } }), 1, "the upload is stored");
    server = await startServer({ dataDir: server.dataDir }); // for after()
  });
});

describe("leases (background work on one instance at a time)", () => {
  test("taken by one holder, refused to another until it runs out or is released", async () => {
    const name = `test-${randomUUID()}`;
    assert.equal(await acquireLease(name, 60_000, "instance-a"), true);
    assert.equal(await acquireLease(name, 60_000, "instance-b"), false, "held by a");
    assert.equal(await acquireLease(name, 60_000, "instance-a"), true, "a renews its own");
    assert.equal(await extendLease(name, new Date(Date.now() - 1), "instance-a"), true);
    assert.equal(await acquireLease(name, 60_000, "instance-b"), true, "a's lease ran out: b takes it");
    assert.equal(await releaseLeases("instance-b"), 1);
    assert.equal(await acquireLease(name, 60_000, "instance-c"), true, "released: c takes it at once");
  });

  test("runExclusive: while one runs the work, another skips it", async () => {
    const name = `test-${randomUUID()}`;
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 200));
      inside--;
    };
    const ran = await Promise.all(["a", "b", "c"].map((holder) => runExclusive(name, 5_000, work, `instance-${holder}`)));
    assert.equal(ran.filter(Boolean).length, 1, "one of three ran");
    assert.equal(most, 1);
    assert.equal(await runExclusive(name, 5_000, work, "instance-d"), true, "free again once done");
  });
});
