import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { runCli, startServer, type RunningServer } from "../support/server";
import { readStored, writeStored } from "../support/storage";
import { Browserless } from "../support/session";
import { readZip } from "../support/unzip";
import { claimsHugeSize, createOrder, jpeg, loadGalleryFixture, storeItem, useDataDir } from "../support/work-item-fixtures";

// The file routes of the work results, against the real server: originals, thumbnails
// and the "Download all" ZIP, with files in the server's storage (its folder, or a bucket
// with TEST_STORAGE=s3).

let server: RunningServer;
let staff: Browserless;
let orderId: string;
const ORDER = "IT-1001";
const login = { email: "clerk@example.com", password: "correct-horse-9" };

before(async () => {
  server = await startServer();
  assert.equal(runCli(["user:create", "--email", login.email, "--role", "staff"], server.env, login.password).code, 0);
  useDataDir(server.dataDir);
  ({ orderId } = await loadGalleryFixture(ORDER));
  staff = new Browserless(server.url);
  assert.equal((await staff.signIn(login.email, login.password)).status, 200);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const items = (where: object = {}) =>
  db().workItem.findMany({ where: { workOrderId: orderId, ...where }, include: { service: true }, orderBy: { receivedAt: "asc" } });
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const body = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("file routes need a signed-in user", () => {
  test("without a session: 401 JSON, never a redirect", async () => {
    const [photo] = await items({ fileType: "picture" });
    for (const url of [`/files/${photo!.id}`, `/files/${photo!.id}/thumb`, `/orders/${orderId}/download`]) {
      const res = await fetch(server.url + url, { redirect: "manual" });
      assert.equal(res.status, 401, url);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/, url);
      assert.match(((await res.json()) as { error: string }).error, /Sign in/, url);
    }
  });

  test("unknown items and orders: 404 JSON; a bad size: 400", async () => {
    for (const url of ["/files/nope", "/files/nope/thumb", "/files/%2E%2E%2Fetc/thumb", "/orders/nope/download"]) {
      const res = await staff.fetch(url);
      assert.equal(res.status, 404, url);
      assert.ok(((await res.json()) as { error: string }).error, url);
    }
    const [photo] = await items({ fileType: "picture" });
    const bad = await staff.fetch(`/files/${photo!.id}/thumb?size=huge`);
    assert.equal(bad.status, 400);
  });
});

describe("originals", () => {
  test("each type streams its stored bytes with its content type, as an attachment", async () => {
    const expected = { picture: "image/jpeg", survey: "application/pdf", "check-in": "application/json", csr: "image/jpeg" } as const;
    for (const [fileType, contentType] of Object.entries(expected)) {
      const [item] = await items({ fileType });
      const res = await staff.fetch(`/files/${item!.id}`);
      assert.equal(res.status, 200, fileType);
      assert.equal(res.headers.get("content-type"), contentType, fileType);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.match(res.headers.get("content-disposition") ?? "", /^attachment; filename="IT-1001_[A-Za-z0-9._-]+"$/, fileType);
      const bytes = await body(res);
      assert.equal(sha256(bytes), item!.sha256, fileType);
      assert.deepEqual(bytes, await readStored(item!.storagePath!), fileType);
    }
  });

  test("a Range request gets that part (206) so a video can seek; past the end: 416; several ranges: the whole file", async () => {
    const [photo] = await items({ fileType: "picture" });
    const whole = await readStored(photo!.storagePath!);
    const size = whole.length;
    const whole200 = await staff.fetch(`/files/${photo!.id}`);
    assert.equal(whole200.headers.get("accept-ranges"), "bytes");
    // No Content-Length assertions: Next frames a streamed route answer as chunked, whatever the handler sets.
    await body(whole200);
    const cases: [string, number, number][] = [
      ["bytes=0-99", 0, 99],
      ["bytes=100-", 100, size - 1],
      ["bytes=-50", size - 50, size - 1],
      [`bytes=10-${size + 1000}`, 10, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await staff.fetch(`/files/${photo!.id}`, { headers: { range } });
      assert.equal(res.status, 206, range);
      assert.equal(res.headers.get("content-range"), `bytes ${start}-${end}/${size}`, range);
      assert.deepEqual(await body(res), whole.subarray(start, end + 1), range);
    }
    const past = await staff.fetch(`/files/${photo!.id}`, { headers: { range: `bytes=${size}-` } });
    assert.equal(past.status, 416);
    assert.equal(past.headers.get("content-range"), `bytes */${size}`);
    const several = await staff.fetch(`/files/${photo!.id}`, { headers: { range: "bytes=0-1,5-9" } });
    assert.equal(several.status, 200);
    assert.deepEqual(await body(several), whole);
  });

  test("names a device sent never reach the header unfiltered; unexpected types are served as bytes, under .bin", async () => {
    const order = await createOrder("IT-ODD", [{ serviceName: 'Säge / "Cut"' }]);
    const item = await storeItem(order, {
      fileType: "file",
      service: 'Säge / "Cut"',
      evidenceType: "after\r\nSet-Cookie: x=1",
      file: Buffer.from("<script>alert(1)</script>"),
      ext: "html",
      meta: { fileName: '..\\..\\"evil"; name=é.jpg' },
    });
    const res = await staff.fetch(`/files/${item.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/octet-stream");
    assert.equal(res.headers.get("set-cookie"), null);
    const disposition = res.headers.get("content-disposition") ?? "";
    assert.match(disposition, /^attachment; filename="[A-Za-z0-9._-]+"$/);
    assert.doesNotMatch(disposition, /\.\.|\\|evil"/);
    assert.match(disposition, /\.bin"$/, "the extension comes from what the bytes are, not from the declared fileExt html");
  });

  test("a photo declared as .exe downloads as .jpg: the extension follows the sniffed type", async () => {
    const order = await createOrder("IT-EXT", [{ serviceName: "Lawn" }]);
    const item = await storeItem(order, {
      fileType: "picture",
      service: "Lawn",
      file: await jpeg("x", "#123", 40, 30),
      ext: "exe",
      meta: { fileName: "setup.exe" },
    });
    const disposition = (await staff.fetch(`/files/${item.id}`)).headers.get("content-disposition") ?? "";
    assert.match(disposition, /\.jpg"$/, disposition);
    assert.doesNotMatch(disposition, /\.exe"$/);
  });
});

describe("thumbnails", () => {
  test("made on first view at most 400 px, kept under thumbs/<uuId>.jpg, served from there after", async () => {
    const [photo] = await items({ fileType: "picture" });
    const key = `thumbs/${photo!.uuId}.jpg`;
    assert.equal(await storage().exists(key), false, "no thumbnail before the first view");
    const first = await staff.fetch(`/files/${photo!.id}/thumb`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("content-type"), "image/jpeg");
    assert.equal(first.headers.get("x-thumbnail"), "image");
    const bytes = await body(first);
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.format, "jpeg");
    assert.ok(Math.max(meta.width!, meta.height!) <= 400, `${meta.width}x${meta.height}`);
    assert.ok(await storage().exists(key), "cached in storage");
    assert.deepEqual(bytes, await readStored(key));
    assert.deepEqual(await body(await staff.fetch(`/files/${photo!.id}/thumb`)), bytes);

    const large = await sharp(await body(await staff.fetch(`/files/${photo!.id}/thumb?size=large`))).metadata();
    assert.equal(large.width, 1200, "never enlarged past the original (1200 px)");
  });

  test("an image over the pixel limit, a broken one, an SVG posing as a photo and a PDF get a placeholder, and the server stays up", async () => {
    const order = await createOrder("IT-BAD", [{ serviceName: "Task" }]);
    const bomb = await storeItem(order, {
      fileType: "picture",
      service: "Task",
      evidenceType: "before",
      file: claimsHugeSize(await jpeg("x", "#000", 64, 48)),
    });
    // JPEG magic bytes (so the upload is accepted as a photo), then garbage.
    const broken = await storeItem(order, {
      fileType: "picture",
      service: "Task",
      evidenceType: "before",
      file: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("not a jpeg at all".repeat(100))]),
    });
    // Uploads are sniffed, so an SVG cannot arrive as a photo; it can still replace one in storage.
    const svg = await storeItem(order, {
      fileType: "picture",
      service: "Task",
      evidenceType: "before",
      file: await jpeg("svg", "#000", 64, 48),
    });
    await writeStored(
      svg.storagePath!,
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const [survey] = await items({ fileType: "survey" });
    for (const item of [bomb, broken, svg, survey!]) {
      const res = await staff.fetch(`/files/${item.id}/thumb`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get("content-type"), "image/svg+xml");
      assert.equal(res.headers.get("x-thumbnail"), "placeholder");
      assert.match((await body(res)).toString(), /^<svg /);
    }
    assert.match(server.output(), /exceeds pixel limit/);
    assert.match(server.output(), /not a raster photo: svg/);
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  });
});

describe("Download all", () => {
  test("one folder per service and evidence type, each file's original bytes, survey answers beside the PDF", async () => {
    const res = await staff.fetch(`/orders/${orderId}/download`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/zip");
    assert.equal(res.headers.get("content-disposition"), 'attachment; filename="IT-1001-work-results.zip"');
    const entries = new Map(readZip(await body(res)).map((e) => [e.name, e.data]));

    const folder = { csr: "CSR", survey: "Surveys", "check-in": "Check-ins" } as Record<string, string>;
    const all = await items();
    for (const item of all) {
      const name = `IT-1001/${item.service!.serviceName}/${folder[item.fileType] ?? item.evidenceType}/${item.fileName}.${item.fileExt}`;
      const data = entries.get(name);
      assert.ok(data, `${name} in ${[...entries.keys()].join(", ")}`);
      assert.equal(sha256(data), item.sha256, name);
    }
    const surveys = all.filter((i) => i.fileType === "survey");
    for (const s of surveys) {
      const json = entries.get(`IT-1001/Lawn Maintenance/Surveys/${s.fileName}.json`);
      assert.deepEqual(JSON.parse(json!.toString()), s.survey);
    }
    assert.equal(entries.size, all.length + surveys.length, "nothing else in the archive");
    assert.ok([...entries.keys()].some((n) => n.startsWith("IT-1001/Lawn Maintenance/before/")));
    assert.ok([...entries.keys()].some((n) => n.startsWith("IT-1001/Exterior Photos/after/")));
  });

  test("a file missing from storage is listed in MISSING-FILES.txt; the rest still arrives", async () => {
    const order = await createOrder("IT-GONE", [{ serviceName: "Task" }]);
    const kept = await storeItem(order, { fileType: "picture", service: "Task", evidenceType: "after", file: await jpeg("kept", "#333") });
    const lost = await storeItem(order, { fileType: "picture", service: "Task", evidenceType: "after", file: await jpeg("lost", "#666") });
    await storage().remove(lost.storagePath!);
    const res = await staff.fetch(`/orders/${order.id}/download`);
    assert.equal(res.status, 200);
    const entries = new Map(readZip(await body(res)).map((e) => [e.name, e.data]));
    assert.equal(sha256(entries.get(`IT-GONE/Task/after/${kept.fileName}.jpg`)!), kept.sha256);
    assert.match(entries.get("IT-GONE/MISSING-FILES.txt")!.toString(), new RegExp(`IT-GONE/Task/after/${lost.fileName}.jpg`));
  });
});

describe("order detail page", () => {
  test("lists the order's thumbnails for a signed-in user; an unknown order shows not-found", async () => {
    const res = await staff.fetch(`/orders/${orderId}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const pictures = await items({ fileType: "picture" });
    for (const p of pictures) assert.ok(html.includes(`/files/${p.id}/thumb`), p.id);
    assert.match(html, /What color is the fence\?/);
    const gone = await staff.fetch("/orders/does-not-exist");
    assert.equal(gone.status, 404);
    const missing = await gone.text();
    assert.match(missing, /This work order does not exist/);
    assert.doesNotMatch(missing, /Download all/);
  });
});
