import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { lookup } from "node:dns";
import { Agent } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { loadConfig } from "@/lib/config";
import { FileTooLargeError, KeyTakenError, StorageFailure, type FileStorage } from "@/lib/storage";
import { LocalDiskStorage } from "@/lib/storage/local-disk";
import { S3Storage } from "@/lib/storage/s3";
import type { S3Settings } from "@/lib/storage/settings";
import { startS3Server, TEST_BUCKET, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server";

// The storage contract, on both storages: a folder and a bucket of an S3-protocol server
// (s3rver, in this process). What the routes and the sweep rely on, checked directly.

let s3: S3TestServer;
before(async () => {
  s3 = await startS3Server();
});
after(async () => {
  await s3.close();
});

const settings = (more: Partial<S3Settings> = {}): S3Settings => ({
  bucket: TEST_BUCKET,
  prefix: `run-${randomBytes(4).toString("hex")}/files`,
  endpoint: s3.endpoint,
  region: "us-east-1",
  credentials: TEST_CREDENTIALS,
  forcePathStyle: true,
  ...more,
});
const storages: Record<string, () => FileStorage> = {
  "local disk": () => new LocalDiskStorage(mkdtempSync(path.join(tmpdir(), "storage-"))),
  "S3 bucket": () => new S3Storage(settings()),
};
const bytes = (n: number) => randomBytes(n);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

for (const [name, make] of Object.entries(storages)) {
  describe(name, () => {
    let store: FileStorage;
    before(() => {
      store = make();
    });

    test("a staged file is invisible until committed, then read back whole and by range", async () => {
      const data = bytes(7 * 1024 * 1024 + 13); // over one part of a multipart upload
      const staged = await store.stage(Readable.from([data.subarray(0, 1000), data.subarray(1000)]), { maxBytes: data.length });
      assert.equal(staged.size, data.length);
      assert.equal(staged.sha256, sha256(data));
      assert.deepEqual(staged.head, data.subarray(0, 4100));
      assert.deepEqual(await all(store.list("items")), []);
      assert.equal((await all(store.listTemporary())).length, 1);

      const stored = await staged.commit("items/2026/03/a.jpg", { contentType: "image/jpeg" });
      await staged.discard(); // after a commit: nothing
      assert.equal(stored.key, "items/2026/03/a.jpg");
      assert.deepEqual(await readAll(store.read("items/2026/03/a.jpg")), data);
      assert.deepEqual(await readAll(store.read("items/2026/03/a.jpg", { start: 5, end: 5 })), data.subarray(5, 6));
      assert.deepEqual(
        await readAll(store.read("items/2026/03/a.jpg", { start: data.length - 100, end: data.length - 1 })),
        data.subarray(-100),
      );
      const info = await store.stat("items/2026/03/a.jpg");
      assert.equal(info?.size, data.length);
      assert.deepEqual(
        (await all(store.list("items"))).map((f) => f.key),
        ["items/2026/03/a.jpg"],
      );
      assert.deepEqual(await all(store.listTemporary()), [], "the temporary copy is gone");
    });

    test("an exclusive commit never replaces a stored file: it throws KeyTakenError and the file stays staged for another key", async () => {
      const first = bytes(3000);
      const second = bytes(3000);
      await (await store.stage(Readable.from([first]), { maxBytes: 10_000 })).commit("items/2026/04/u.jpg", { exclusive: true });
      const staged = await store.stage(Readable.from([second]), { maxBytes: 10_000 });
      await assert.rejects(staged.commit("items/2026/04/u.jpg", { exclusive: true }), KeyTakenError);
      assert.deepEqual(await readAll(store.read("items/2026/04/u.jpg")), first, "the stored file is untouched");
      await staged.commit("items/2026/04/u.other.jpg", { exclusive: true });
      assert.deepEqual(await readAll(store.read("items/2026/04/u.other.jpg")), second);
      assert.deepEqual(await all(store.listTemporary()), []);
    });

    test("a discarded upload leaves nothing; a missing key is not found", async () => {
      const staged = await store.stage(Readable.from([bytes(100)]), { maxBytes: 100 });
      await staged.discard();
      assert.deepEqual(await all(store.listTemporary()), []);
      assert.equal(await store.stat("items/none.jpg"), null);
      assert.equal(await store.exists("items/none.jpg"), false);
      await store.remove("items/none.jpg"); // removing what is not there is fine
    });

    test("past maxBytes: FileTooLargeError, and nothing stored or left in progress", async () => {
      const tooMuch = Readable.from(
        (function* () {
          for (let i = 0; i < 14; i++) yield bytes(1024 * 1024); // 14 MB: two parts sent before the limit is seen
        })(),
      );
      await assert.rejects(store.stage(tooMuch, { maxBytes: 12 * 1024 * 1024 }), FileTooLargeError);
      assert.deepEqual(await all(store.listTemporary()), []);
    });

    test("write puts a file in place at once; keys that could leave the root are refused before any byte is read", async () => {
      await store.write("thumbs/x.jpg", Readable.from([Buffer.from("thumb")]), { maxBytes: 100, contentType: "image/jpeg" });
      assert.deepEqual(await readAll(store.read("thumbs/x.jpg")), Buffer.from("thumb"));
      for (const bad of ["../x", "/etc/passwd", "items/../../x", ".tmp/x"]) {
        assert.throws(() => store.read(bad), /invalid storage key/, bad);
      }
    });

    test("a read opens its file only when first read (a ZIP appends thousands)", async () => {
      const stream = store.read("items/never-there.jpg");
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(stream.destroyed, false, "no error before reading: nothing was opened");
      await assert.rejects(readAll(stream));
    });

    test("an upload cut off mid-stream is listed as temporary and swept once old", async () => {
      const body = new PassThrough();
      const staging = store.stage(body, { maxBytes: 50 * 1024 * 1024 });
      body.write(bytes(11 * 1024 * 1024)); // the upload still open
      for (let i = 0; i < 200 && (await all(store.listTemporary())).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      assert.equal((await all(store.listTemporary())).length, 1);
      assert.equal(await store.sweepTemporary(3600_000), 0, "a young upload is kept");
      assert.equal(await store.sweepTemporary(-1000), 1, "an old one is removed");
      assert.deepEqual(await all(store.listTemporary()), []);
      body.destroy(new Error("client gone"));
      await assert.rejects(staging);
    });

    test("probe passes", async () => {
      await store.probe();
    });
  });
}

describe("local disk only", () => {
  test("a temporary folder removed by hand is made again by the next upload", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "storage-"));
    const store = new LocalDiskStorage(root);
    await (await store.stage(Readable.from([bytes(10)]), { maxBytes: 10 })).commit("items/one.jpg");
    rmSync(path.join(root, ".tmp"), { recursive: true });
    await (await store.stage(Readable.from([bytes(10)]), { maxBytes: 10 })).commit("items/two.jpg");
    assert.deepEqual((await all(store.list("items"))).map((f) => f.key).sort(), ["items/one.jpg", "items/two.jpg"]);
  });
});

describe("S3 only", () => {
  test("a bucket that cannot be reached is a StorageFailure naming it, without credentials", async () => {
    const store = new S3Storage(settings({ bucket: "no-such-bucket" }));
    await assert.rejects(
      store.probe(),
      (err: Error) => err instanceof StorageFailure && /no-such-bucket/.test(err.message) && !err.message.includes("S3RVER"),
    );
    // An upload waits on this machine until its commit, which is the bucket's first sight of it.
    const staged = await store.stage(Readable.from([bytes(10)]), { maxBytes: 100 });
    await assert.rejects(staged.commit("items/unreachable.bin"), StorageFailure);
    await staged.discard();
  });

  test("virtual-host addressing (AWS, R2): requests go to <bucket>.<endpoint host>", async () => {
    // *.s3.localhost is this machine; node's resolver does not know it, so the test's agent answers for it.
    const hosts: string[] = [];
    const agent = new Agent({
      lookup: ((host: string, options: object, callback: (...args: unknown[]) => void) => {
        hosts.push(host);
        return host.endsWith(".localhost") ? lookup("127.0.0.1", options, callback as never) : lookup(host, options, callback as never);
      }) as never,
    });
    const port = new URL(s3.endpoint).port;
    const store = new S3Storage(settings({ endpoint: `http://s3.localhost:${port}`, forcePathStyle: false }), {
      requestHandler: new NodeHttpHandler({ httpAgent: agent }),
    });
    await store.write("items/v.jpg", Readable.from([Buffer.from("vhost")]), { maxBytes: 100 });
    assert.deepEqual(await readAll(store.read("items/v.jpg")), Buffer.from("vhost"));
    assert.ok(hosts.length > 0 && hosts.every((h) => h === `${TEST_BUCKET}.s3.localhost`), hosts.join(", "));
  });
});

describe("configuration", () => {
  const base = { NODE_ENV: "test" as const, AUTH_SECRET: "x".repeat(32), DATA_DIR: "/tmp/portal-config" };
  test("STORAGE_DIR (or DATA_DIR/storage) by default; STORAGE_URL=s3://bucket/prefix with the S3 settings", () => {
    assert.deepEqual(loadConfig(base).storage, { kind: "disk", dir: "/tmp/portal-config/storage" });
    const s3Config = loadConfig({
      ...base,
      STORAGE_URL: "s3://photos.example/portal/prod/",
      S3_ENDPOINT: "http://minio:9000",
      S3_REGION: "auto",
      S3_ACCESS_KEY_ID: "AK",
      S3_SECRET_ACCESS_KEY: "SK",
      S3_FORCE_PATH_STYLE: "true",
    }).storage;
    assert.deepEqual(s3Config, {
      kind: "s3",
      bucket: "photos.example",
      prefix: "portal/prod",
      endpoint: "http://minio:9000",
      region: "auto",
      credentials: { accessKeyId: "AK", secretAccessKey: "SK" },
      forcePathStyle: true,
    });
    assert.deepEqual(loadConfig({ ...base, STORAGE_URL: "s3://bucket" }).storage, {
      kind: "s3",
      bucket: "bucket",
      prefix: "",
      endpoint: undefined,
      region: "us-east-1",
      credentials: undefined,
      forcePathStyle: false,
    });
  });

  test("bad settings stop the configuration with the variable named", () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ STORAGE_URL: "s3://Bad_Bucket/x" }, /STORAGE_URL/],
      [{ STORAGE_URL: "https://bucket/x" }, /STORAGE_URL/],
      [{ STORAGE_URL: "s3://bucket/../x" }, /STORAGE_URL/],
      [{ STORAGE_URL: "s3://bucket", S3_ENDPOINT: "minio:9000" }, /S3_ENDPOINT/],
      [{ STORAGE_URL: "s3://bucket", S3_ACCESS_KEY_ID: "AK" }, /S3_ACCESS_KEY_ID/],
      [{ STORAGE_URL: "s3://bucket", STORAGE_DIR: "/srv/files" }, /STORAGE_DIR/],
      [{ STORAGE_URL: "s3://bucket", S3_FORCE_PATH_STYLE: "yes" }, /S3_FORCE_PATH_STYLE/],
      [{ STORAGE_URL: "s3://bucket", UPLOAD_MAX_BYTES: String(6 * 1024 ** 3) }, /UPLOAD_MAX_BYTES/],
    ];
    for (const [env, named] of bad) assert.throws(() => loadConfig({ ...base, ...env }), named, JSON.stringify(env));
  });
});
