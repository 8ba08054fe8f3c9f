import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { db } from "@/lib/db";
import { S3Storage } from "@/lib/storage/s3";
import { MESSAGES } from "@/lib/pruvan/api-wire";
import { connectIntegration, credsOf, post, type Creds } from "../support/pruvan";
import { s3StorageEnv, startS3Server, TEST_BUCKET, TEST_CREDENTIALS, type S3TestServer } from "../support/s3-server";
import { freshDataDir, startServer, type RunningServer } from "../support/server";
import { jpeg, useDataDir } from "../support/work-item-fixtures";

// A bucket that fails while Pruvan uploads: the upload is answered at once, in the contract's
// shape, with our internal-error message (Pruvan sends it again later), and leaves neither a
// row without its file nor a file without its row. The portal's bucket is reached through a
// gate in this process that passes requests on to an S3 server, or refuses writes.

let s3: S3TestServer;
let gate: Server;
let refuseWrites = false;
let server: RunningServer;
let bucket: S3Storage;
let creds: Creds;

before(async () => {
  s3 = await startS3Server();
  const target = new URL(s3.endpoint);
  gate = createServer((req, res) => {
    if (refuseWrites && (req.method === "PUT" || req.method === "POST")) {
      req.resume();
      res.writeHead(500, { "content-type": "application/xml" });
      return void res.end(
        `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>disk on fire</Message></Error>`,
      );
    }
    const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => gate.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
  const dataDir = freshDataDir();
  const storageEnv = s3StorageEnv(endpoint, dataDir);
  server = await startServer({ dataDir, env: storageEnv });
  useDataDir(dataDir);
  creds = connectIntegration(server, "leaky");
  const prefix = storageEnv.STORAGE_URL!.slice(`s3://${TEST_BUCKET}/`.length);
  bucket = new S3Storage({
    bucket: TEST_BUCKET,
    prefix,
    endpoint: s3.endpoint,
    region: "us-east-1",
    credentials: TEST_CREDENTIALS,
    forcePathStyle: true,
  });
});
after(async () => {
  await db().$disconnect();
  await server.stop();
  gate.close();
  await s3.close();
});

const within = <T>(ms: number, p: Promise<T>) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms))]);

async function keys(): Promise<string[]> {
  const found: string[] = [];
  for await (const f of bucket.list("items")) found.push(f.key);
  for await (const t of bucket.listTemporary()) found.push(t.id);
  return found;
}

test("writes refused by the bucket mid-upload: a JSON error in the contract's shape, no row, no object; accepted once it works again", async () => {
  // 12 MB: a multipart upload, refused while the request is still streaming in.
  const head = await jpeg("bucket", "#b91c1c", 64, 48);
  const photo = { bytes: Buffer.concat([head, Buffer.alloc(12 * 1024 * 1024 - head.length)]), name: "p.jpg", type: "image/jpeg" };
  const payload = { ...credsOf(creds), uuId: randomUUID(), fileType: "picture", key2: "NO-SUCH-ORDER" };
  refuseWrites = true;
  for (let i = 0; i < 3; i++) {
    const answer = await within(60_000, post(server, "uploadPictures.html", { as: "multipart", payload, file: photo }));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json, { status: false, error: MESSAGES.internal });
  }
  assert.equal(await db().workItem.count({ where: { uuId: payload.uuId } }), 0);
  assert.deepEqual(await keys(), []);
  const logged = await db().pruvanCall.findFirst({ where: { endpoint: "uploadPictures" }, orderBy: { createdAt: "desc" } });
  assert.equal(logged?.outcome, "error");
  assert.match(logged?.message ?? "", /s3:\/\/portal-tests/);

  refuseWrites = false;
  const answer = await post(server, "uploadPictures.html", { as: "multipart", payload, file: photo });
  assert.deepEqual(answer.json, { status: true, error: null });
  const row = await db().workItem.findUniqueOrThrow({ where: { uuId: payload.uuId } });
  assert.deepEqual(await keys(), [row.storagePath]);
});
