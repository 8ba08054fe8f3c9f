import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { PAYLOAD_MAX_BYTES } from "@/lib/pruvan/api-wire";
import { connectIntegration, credsOf, post, type Creds } from "../support/pruvan";
import { runCli, startServer, type RunningServer } from "../support/server";
import { storedFiles, temporaryFiles } from "../support/storage";
import { Browserless } from "../support/session";
import { claimsHugeSize, jpeg, useDataDir } from "../support/work-item-fixtures";

// Uploads that try to hurt us, over real HTTP. Covered elsewhere and not repeated here:
// a "photo" that is HTML or a PDF, a file over the limit (413, no temporary file), path-like
// file names and uuIds, 20 concurrent uploads of one uuId (tests/pruvan/upload-pictures.test.ts);
// thumbnails of broken images and SVGs (tests/work-items/files.test.ts); every stored file
// under STORAGE_DIR/items after thousands of generated uploads (tests/hardening/fuzz.test.ts).

let server: RunningServer;
let creds: Creds;
let staff: Browserless;

before(async () => {
  server = await startServer();
  useDataDir(server.dataDir);
  creds = connectIntegration(server, "hostile", ["--mode", "external"]);
  assert.equal(runCli(["user:create", "--email", "clerk@example.com", "--role", "staff"], server.env, "correct-horse-7").code, 0);
  staff = new Browserless(server.url);
  assert.equal((await staff.signIn("clerk@example.com", "correct-horse-7")).status, 200);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const meta = (extra: Record<string, unknown> = {}) => ({
  ...credsOf(creds),
  uuId: randomUUID(),
  fileType: "picture",
  key2: "H-1",
  ...extra,
});
const tooLarge = { status: false, error: `The payload is larger than the limit of ${PAYLOAD_MAX_BYTES / 1024 / 1024} MB.` };

function peakRssMb(): number {
  const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}

describe("an oversize payload field", () => {
  const huge = "n".repeat(PAYLOAD_MAX_BYTES + 10);

  test("as a form field, after the photo has been streamed to disk: 413, no row, no temporary file", async () => {
    const p = meta();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await jpeg("x", "#000", 40, 30))]), "p.jpg"); // the file first: it is staged before the payload is seen
    form.append("payload", JSON.stringify({ ...p, notes: huge }));
    const res = await fetch(`${server.url}/api/pruvan/uploadPictures.html`, { method: "POST", body: form });
    assert.equal(res.status, 413);
    assert.deepEqual(await res.json(), tooLarge);
    assert.equal(await db().workItem.count({ where: { uuId: p.uuId } }), 0);
    assert.deepEqual(await temporaryFiles(), []);
  });

  test("as a file part named payload, url-encoded, or as a raw JSON body: 413 each time", async () => {
    const payload = JSON.stringify(meta({ notes: huge }));
    const asFile = await post(server, "uploadPictures", {
      as: "multipart",
      file: { bytes: Buffer.from(payload), name: "payload.json", field: "payload" },
    });
    const urlEncoded = await post(server, "uploadPictures", { as: "urlencoded", payload });
    const rawJson = await post(server, "uploadPictures", { as: "json", payload });
    for (const r of [asFile, urlEncoded, rawJson]) {
      assert.equal(r.status, 413);
      assert.deepEqual(r.json, tooLarge);
    }
    assert.deepEqual(await temporaryFiles(), []);
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  });
});

describe("an image over the pixel limit (a decompression bomb)", () => {
  test("is stored as sent, gets a placeholder instead of a thumbnail, and does not grow the server's memory", async () => {
    const bomb = claimsHugeSize(await jpeg("bomb", "#7f1d1d", 64, 48)); // claims 20000 x 20000: 1.2 GB once decoded
    const p = meta();
    const r = await post(server, "uploadPictures", {
      as: "multipart",
      payload: p,
      file: { bytes: bomb, name: "bomb.jpg", type: "image/jpeg" },
    });
    assert.deepEqual(r.json, { status: true, error: null }, "Pruvan's upload is kept: it is the crew's evidence");
    const item = await db().workItem.findUniqueOrThrow({ where: { uuId: p.uuId } });

    const before = peakRssMb();
    for (const size of ["small", "large"]) {
      const res = await staff.fetch(`/files/${item.id}/thumb?size=${size}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("x-thumbnail"), "placeholder", size);
      assert.equal(res.headers.get("content-type"), "image/svg+xml");
    }
    assert.ok(peakRssMb() - before < 64, `peak RSS grew ${Math.round(peakRssMb() - before)} MB`);
    assert.deepEqual(await storedFiles("thumbs"), [], "no thumbnail was written");
    assert.match(server.output(), /exceeds pixel limit/);
    const original = await staff.fetch(`/files/${item.id}`);
    assert.deepEqual(Buffer.from(await original.arrayBuffer()), bomb, "the original is served as stored");
  });
});
