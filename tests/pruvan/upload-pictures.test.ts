import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { db } from "@/lib/db";
import { deleteOrder } from "@/lib/orders/manage";
import {
  connectIntegration,
  credsOf,
  isAscii,
  post,
  rawMultipartUpload,
  type Creds,
  type FilePart,
  type RawUploadOptions,
} from "../support/pruvan";
import { startServer, type RunningServer } from "../support/server";
import { readStored, storedFiles, temporaryFiles } from "../support/storage";
import { createOrder, jpeg, minimalPdf, useDataDir } from "../support/work-item-fixtures";

// uploadPictures over real HTTP: every item type, content sniffing, matching, idempotency
// under concurrency, interrupted and oversize uploads. The server's limit is 16 MB here.

const LIMIT_MB = 16;
let server: RunningServer;
let up: Creds;
let photo: Buffer;

before(async () => {
  server = await startServer({ env: { UPLOAD_MAX_BYTES: String(LIMIT_MB * 1024 * 1024) } });
  useDataDir(server.dataDir);
  up = connectIntegration(server, "uploader", ["--mode", "external", "--client-code", "UPC"]);
  await createOrder("UP-1", [{ serviceName: "Lawn Maintenance" }, { serviceName: "Exterior Photos" }], "uploader");
  await createOrder("FOREIGN-1", [{ serviceName: "Lawn Maintenance" }], "someone-else");
  photo = await jpeg("upload test", "#1d4ed8", 800, 600);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const meta = (fileType: string, extra: Record<string, unknown> = {}) => ({
  ...credsOf(up),
  uuId: randomUUID(),
  key1: "148",
  key2: "UPC::UP-1",
  key3: "9001",
  key4: "Lawn Maintenance",
  fileType,
  fileExt: { picture: "jpg", csr: "jpg", survey: "pdf", "check-in": "json", file: "pdf" }[fileType] ?? "bin",
  evidenceType: "before",
  fileName: String(Date.now()),
  gpsLatitude: "30.50881246",
  gpsLongitude: "-97.67852886",
  gpsAccuracy: "10.0",
  gpsTimestamp: "1414434574",
  authenticated: "1",
  csrCertifiedTime: "1",
  csrCertifiedLocation: null,
  csrPictureCount: "1",
  locationDifference: "24",
  attribute1: "110 East Main Street",
  attribute7: "LOAN-7731",
  creationDate: "2014-10-27 13:29:35",
  timestamp: 1414434590,
  createdBy: "vendor1",
  createdBySubUser: "jsmith",
  videoUri: null,
  ...extra,
});
const jpgPart = (bytes = photo): FilePart => ({ bytes, name: "1415913831993.jpg", type: "image/jpeg" });
const upload = (payload: object, file?: FilePart) => post(server, "uploadPictures.html", { as: "multipart", payload, file });
const item = (uuId: string) => db().workItem.findUnique({ where: { uuId }, include: { service: true } });
const leftovers = () => temporaryFiles();
const OK = { status: true, error: null };

async function eventually(check: () => Promise<boolean> | boolean, what: string) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("photos", () => {
  test("stored under items/<yyyy>/<mm>/<uuId>.jpg with its metadata, matched to order and task", async () => {
    const p = meta("picture", { notes: "Caf\u00e9 \u2615 \u201Cfront\u201D" });
    const r = await upload(p, jpgPart());
    assert.equal(r.status, 200);
    assert.equal(r.text, '{"status":true,"error":null}');
    const row = (await item(p.uuId))!;
    const now = new Date();
    assert.equal(row.storagePath, `items/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${p.uuId}.jpg`);
    assert.deepEqual(await readStored(row.storagePath!), photo);
    assert.equal(row.sha256, sha256(photo));
    assert.equal(row.fileSize, photo.length);
    assert.equal(row.contentType, "image/jpeg");
    assert.equal(row.match, "matched");
    assert.equal(row.service?.serviceName, "Lawn Maintenance");
    assert.equal(row.service?.pruvanTaskId, "9001", "key3 remembered on the task");
    assert.equal(row.notes, "Caf\u00e9 \u2615 \u201Cfront\u201D", "text is kept as sent");
    assert.equal(row.gpsLatitude, 30.50881246);
    assert.equal(row.authenticated, 1);
    assert.equal(row.csrCertifiedLocation, null);
    assert.equal(row.gpsTimestamp?.toISOString(), "2014-10-27T18:29:34.000Z");
    assert.equal(row.sentAt?.toISOString(), "2014-10-27T18:29:50.000Z");
    assert.deepEqual(row.attributes, { attribute1: "110 East Main Street", attribute7: "LOAN-7731" });
    const stored = row.payload as Record<string, unknown>;
    assert.equal(stored.uuId, p.uuId);
    assert.ok(!("token" in stored) && !("password" in stored) && !("username" in stored), "credentials are never stored");
  });

  test("numbers past 2^53 in a float field (a phone's garbage GPS) are stored as they read, not an internal error", async () => {
    const p = meta("picture", { gpsLatitude: "1939051252723918000", gpsAccuracy: "1e300", locationDifference: "-9007199254740993" });
    assert.deepEqual((await upload(p, jpgPart())).json, OK);
    const row = (await item(p.uuId))!;
    assert.deepEqual([row.gpsLatitude, row.gpsAccuracy, row.locationDifference], [1939051252723918000, 1e300, -9007199254740993]);
  });

  test("the task matches by Pruvan's task id (key3) once known, and by name in any case; the bare order number works", async () => {
    const byId = meta("picture", { key2: "UP-1", key4: "renamed task" });
    assert.deepEqual((await upload(byId, jpgPart())).json, OK);
    assert.equal((await item(byId.uuId))!.service?.serviceName, "Lawn Maintenance");
    const byName = meta("picture", { key3: "777", key4: "exterior PHOTOS" });
    assert.deepEqual((await upload(byName, jpgPart())).json, OK);
    assert.equal((await item(byName.uuId))!.service?.serviceName, "Exterior Photos");
  });

  test("a PNG is a photo too; a video arrives as a still with its videoUri", async () => {
    const png = await sharp(photo).png().toBuffer();
    const p = meta("picture", { videoUri: "https://video.example.com/v/1.mp4" });
    assert.deepEqual((await upload(p, { bytes: png, name: "x.jpg", type: "image/jpeg" })).json, OK);
    const row = (await item(p.uuId))!;
    assert.equal(row.contentType, "image/png", "sniffed, not taken from the part header");
    assert.match(row.storagePath!, /\.png$/);
    assert.equal(row.videoUri, "https://video.example.com/v/1.mp4");
  });

  test("a CSR is stored like a photo", async () => {
    const p = meta("csr", { authenticated: "5", csrPictureCount: "6" });
    assert.deepEqual((await upload(p, jpgPart())).json, OK);
    const row = (await item(p.uuId))!;
    assert.deepEqual([row.fileType, row.authenticated, row.csrPictureCount], ["csr", 5, 6]);
  });

  const refused: Array<[string, () => FilePart | undefined, RegExp]> = [
    [
      "a picture whose file is a PDF",
      () => ({ bytes: minimalPdf(["not a photo"]), name: "a.jpg", type: "image/jpeg" }),
      /A picture upload must be a JPEG or PNG image/,
    ],
    [
      "a picture whose file is HTML",
      () => ({ bytes: Buffer.from("<html><script>alert(1)</script></html>"), name: "a.jpg", type: "image/jpeg" }),
      /must be a JPEG or PNG image/,
    ],
    ["a picture with no file", () => undefined, /A picture upload must include its file/],
    ["a picture with an empty file", () => ({ bytes: Buffer.alloc(0), name: "a.jpg" }), /must include its file/],
  ];
  for (const [name, file, message] of refused) {
    test(`${name} is refused and leaves no file and no row`, async () => {
      const before = (await storedFiles("items")).length;
      const p = meta("picture");
      const r = await upload(p, file());
      assert.equal(r.status, 200);
      assert.equal((r.json as { status: boolean }).status, false);
      assert.match((r.json as { error: string }).error, message);
      assert.equal(await item(p.uuId), null);
      assert.equal((await storedFiles("items")).length, before);
      assert.deepEqual(await leftovers(), []);
    });
  }
  test("a CSR must be an image too", async () => {
    const r = await upload(meta("csr"), { bytes: minimalPdf(["x"]), name: "c.jpg" });
    assert.deepEqual(r.json, { status: false, error: "A CSR upload must be a JPEG or PNG image; the file received is not one." });
  });
});

describe("surveys, check-ins, files", () => {
  const surveyJson = (surveyId: string, answer: string) => ({
    meta: { currentQuestionIndex: 1, surveyId, parentId: "148", surveyTemplateId: "vendor1::Simple-v1" },
    answers: [
      {
        answer: [answer],
        id: "question1",
        picIds: ["a52eafbf"],
        picFileNames: ["1415913831993.jpg"],
        question: "Favorite color?",
        answerType: "chooseOne",
        answerOptions: [{ answer: "blue", display: "Blue" }],
      },
    ],
  });

  test("the survey JSON is kept parsed beside its PDF; a republished survey supersedes the older one, which stays", async () => {
    const surveyId = randomUUID();
    const first = meta("survey", {
      evidenceType: "Survey",
      template: "vendor1::Simple-v1",
      survey: JSON.stringify(surveyJson(surveyId, "red")),
    });
    assert.deepEqual((await upload(first, { bytes: minimalPdf(["red"]), name: "s.pdf", type: "application/pdf" })).json, OK);
    const one = (await item(first.uuId))!;
    assert.deepEqual(one.survey, surveyJson(surveyId, "red"));
    assert.equal(one.surveyId, surveyId);
    assert.equal(one.contentType, "application/pdf");
    assert.equal(one.template, "vendor1::Simple-v1");

    const second = meta("survey", { evidenceType: "Survey", survey: surveyJson(surveyId, "blue") }); // an object works too
    assert.deepEqual((await upload(second, { bytes: minimalPdf(["blue"]), name: "s.pdf" })).json, OK);
    assert.ok((await item(first.uuId))!.supersededAt, "the older submission is superseded");
    assert.equal((await item(second.uuId))!.supersededAt, null);
    assert.deepEqual(((await item(second.uuId))!.survey as { answers: Array<{ answer: string[] }> }).answers[0]!.answer, ["blue"]);
  });

  test("a survey supersedes only the same integration's submissions: another account's surveyId never hides this one's", async () => {
    const other = connectIntegration(server, "uploader-two", ["--mode", "external", "--client-code", "UP2"]);
    await createOrder("UP2-1", [{ serviceName: "Lawn Maintenance" }], "uploader-two");
    const surveyId = randomUUID();
    const ours = meta("survey", { survey: JSON.stringify(surveyJson(surveyId, "red")) });
    assert.deepEqual((await upload(ours, { bytes: minimalPdf(["red"]), name: "s.pdf" })).json, OK);
    const theirs = { ...meta("survey", { key2: "UP2::UP2-1", survey: JSON.stringify(surveyJson(surveyId, "blue")) }), ...credsOf(other) };
    assert.deepEqual((await upload(theirs, { bytes: minimalPdf(["blue"]), name: "s.pdf" })).json, OK);
    assert.equal((await item(theirs.uuId))!.match, "matched");
    assert.equal((await item(ours.uuId))!.supersededAt, null, "another integration's survey does not supersede ours");
    const again = meta("survey", { survey: JSON.stringify(surveyJson(surveyId, "blue")) });
    assert.deepEqual((await upload(again, { bytes: minimalPdf(["blue"]), name: "s.pdf" })).json, OK);
    assert.ok((await item(ours.uuId))!.supersededAt, "our own republished survey does");
    assert.equal((await item(theirs.uuId))!.supersededAt, null, "and theirs is left alone");
  });

  test("an unreadable survey JSON does not lose the upload: the PDF and the raw text are kept", async () => {
    const p = meta("survey", { survey: "{not json" });
    assert.deepEqual((await upload(p, { bytes: minimalPdf(["x"]), name: "s.pdf" })).json, OK);
    const row = (await item(p.uuId))!;
    assert.equal(row.survey, null);
    assert.equal((row.payload as { survey: string }).survey, "{not json");
  });

  test("a check-in's JSON file is kept parsed; one sent in the payload without a file too", async () => {
    const checkIn = { checkInTime: "2026-03-03 09:12:00", status: "on site", gateLocked: true };
    const p = meta("check-in");
    assert.deepEqual((await upload(p, { bytes: Buffer.from(JSON.stringify(checkIn)), name: "c.json", type: "application/json" })).json, OK);
    const row = (await item(p.uuId))!;
    assert.deepEqual(row.checkIn, checkIn);
    assert.equal(row.contentType, "application/json");
    const bare = meta("check-in", { checkin: checkIn });
    assert.deepEqual((await upload(bare)).json, OK);
    const bareRow = (await item(bare.uuId))!;
    assert.deepEqual(bareRow.checkIn, checkIn);
    assert.equal(bareRow.storagePath, null);
  });

  test("a file (pdf) is stored", async () => {
    const p = meta("file", { evidenceType: "documents" });
    assert.deepEqual((await upload(p, { bytes: minimalPdf(["invoice"]), name: "i.pdf" })).json, OK);
    assert.equal((await item(p.uuId))!.contentType, "application/pdf");
  });
});

describe("matching and names", () => {
  test("an item for an unknown order, or another account's order, is kept unmatched and answered true", async () => {
    for (const key2 of ["UPC::NO-SUCH-ORDER", "FOREIGN-1", null]) {
      const p = meta("picture", { key2 });
      assert.deepEqual((await upload(p, jpgPart())).json, OK, String(key2));
      const row = (await item(p.uuId))!;
      assert.equal(row.match, "unmatched", String(key2));
      assert.equal(row.workOrderId, null);
      assert.ok(row.storagePath);
    }
  });

  test("an item for an order deleted here waits in the inbox marked as such, not on the deleted order", async () => {
    const order = await createOrder("UP-DEL", [{ serviceName: "Lawn Maintenance" }], "uploader");
    const before = meta("picture", { key2: "UPC::UP-DEL" });
    assert.deepEqual((await upload(before, jpgPart())).json, OK);
    assert.equal((await item(before.uuId))!.workOrderId, order.id, "matched while the order lives");
    await deleteOrder(order.id, { source: "cli", actor: "cli" }, { confirm: true });

    const queued = meta("picture", { key2: "UPC::UP-DEL" });
    assert.deepEqual((await upload(queued, jpgPart())).json, OK, "answered true: Pruvan must not resend it");
    const row = (await item(queued.uuId))!;
    assert.equal(row.match, "unmatched");
    assert.equal(row.workOrderId, null);
    assert.equal(row.serviceId, null);
    assert.equal(row.inboxReason, "order-deleted");
    assert.ok(row.storagePath, "the file is kept for staff to look at");
    const unknown = meta("picture", { key2: "UPC::NEVER-EXISTED" });
    assert.deepEqual((await upload(unknown, jpgPart())).json, OK);
    assert.equal((await item(unknown.uuId))!.inboxReason, null, "an unknown number is not marked deleted");
  });

  test("a file name or uuId from the payload never becomes a path", async () => {
    const evil = meta("picture", { fileName: "../../../../etc/passwd", fileExt: "sh" });
    assert.deepEqual((await upload(evil, { ...jpgPart(), name: "../../evil.sh" })).json, OK);
    const row = (await item(evil.uuId))!;
    assert.equal(
      row.storagePath,
      `items/${row.receivedAt.getUTCFullYear()}/${String(row.receivedAt.getUTCMonth() + 1).padStart(2, "0")}/${evil.uuId}.jpg`,
    );
    assert.equal(row.fileName, "../../../../etc/passwd", "kept as text for display");

    const odd = meta("picture", { uuId: "../../x/..\\y" });
    assert.deepEqual((await upload(odd, jpgPart())).json, OK);
    const oddRow = (await item("../../x/..\\y"))!;
    assert.match(oddRow.storagePath!, /^items\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.jpg$/);
  });
});

describe("metadata that is wrong", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["no uuId", { uuId: undefined }, "uuId is required (the item's UUID)"],
    ["empty uuId", { uuId: "  " }, "uuId is required (the item's UUID)"],
    ["uuId not text", { uuId: 12345 }, "uuId is required (the item's UUID)"],
    ["uuId too long", { uuId: "u".repeat(300) }, "uuId is too long"],
    ["no fileType", { fileType: undefined }, "fileType is required (picture, csr, survey, check-in or file)"],
    ["a field of the wrong type", { gpsLatitude: { lat: 1 } }, "gpsLatitude must be text"],
    ["a huge string", { notes: "n".repeat(20_000) }, "notes must be at most 10000 characters"],
    ["a survey that is a number", { fileType: "survey", survey: 5 }, "survey must be a JSON object or a JSON string"],
  ];
  for (const [name, extra, error] of cases) {
    test(`${name}: status false, a clear message, nothing stored`, async () => {
      const before = (await storedFiles("items")).length;
      const r = await upload(meta("picture", extra), jpgPart());
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { status: false, error });
      assert.equal((await storedFiles("items")).length, before);
      assert.deepEqual(await leftovers(), []);
    });
  }
});

describe("idempotency and concurrency", () => {
  test("the same uuId again answers true and stores once; with other bytes it is a re-publish (tests/work-items/republish.test.ts)", async () => {
    const p = meta("picture");
    assert.deepEqual((await upload(p, jpgPart())).json, OK);
    assert.deepEqual((await upload(p, jpgPart())).json, OK);
    assert.equal((await item(p.uuId))!.version, 1, "a retry changes nothing");
    const other = await jpeg("different bytes", "#000", 200, 100);
    assert.deepEqual((await upload(p, jpgPart(other))).json, OK);
    assert.equal(await db().workItem.count({ where: { uuId: p.uuId } }), 1);
    const row = (await item(p.uuId))!;
    assert.equal(row.version, 2);
    assert.equal(row.sha256, sha256(other));
    assert.deepEqual(await readStored(row.storagePath!), other);
    assert.equal((await storedFiles("items")).filter((f) => f.includes(p.uuId)).length, 2, "the first version's file is kept");
  });

  test("20 concurrent uploads of one uuId: all answered true, one row, one file", async () => {
    const p = meta("picture");
    const answers = await Promise.all(Array.from({ length: 20 }, () => upload(p, jpgPart())));
    assert.deepEqual(
      answers.map((a) => a.json),
      Array(20).fill(OK),
    );
    assert.equal(await db().workItem.count({ where: { uuId: p.uuId } }), 1);
    assert.equal((await storedFiles("items")).filter((f) => f.includes(p.uuId)).length, 1);
    assert.deepEqual(await leftovers(), []);
  });

  test("20 concurrent uploads of different items: none lost, none duplicated", async () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      p: meta("picture", { evidenceType: `burst-${i}` }),
      bytes: Buffer.concat([photo, Buffer.from(`#${i}`)]),
    }));
    const answers = await Promise.all(items.map(({ p, bytes }) => upload(p, jpgPart(bytes))));
    assert.deepEqual(
      answers.map((a) => a.json),
      Array(20).fill(OK),
    );
    for (const { p, bytes } of items) {
      const row = (await item(p.uuId))!;
      assert.equal(row.sha256, sha256(bytes), p.uuId);
      assert.deepEqual(await readStored(row.storagePath!), bytes);
    }
    assert.deepEqual(await leftovers(), []);
  });
});

describe("large, oversize and interrupted uploads", () => {
  const rawUpload = (payload: object, fileBytes: number, opts: RawUploadOptions = {}) =>
    rawMultipartUpload(server.url, payload, fileBytes, opts);

  test("a 12 MB photo arrives whole (bodies are streamed, not cut at 10 MB)", async () => {
    const p = meta("picture");
    const { answered } = rawUpload(p, 12 * 1024 * 1024);
    const answer = await answered;
    assert.equal(answer.body, '{"status":true,"error":null}');
    const row = (await item(p.uuId))!;
    assert.equal(row.fileSize, 12 * 1024 * 1024);
    assert.equal(row.sha256, sha256(await readStored(row.storagePath!)));
  });

  test(`a file over ${LIMIT_MB} MB: 413 in the endpoint's shape, no file, no row`, async () => {
    const before = (await storedFiles("items")).length;
    const p = meta("picture");
    const answer = await rawUpload(p, (LIMIT_MB + 1) * 1024 * 1024).answered;
    assert.equal(answer.status, 413);
    assert.deepEqual(JSON.parse(answer.body), { status: false, error: `The file is larger than the limit of ${LIMIT_MB} MB.` });
    assert.equal(await item(p.uuId), null);
    assert.equal((await storedFiles("items")).length, before);
    await eventually(async () => (await leftovers()).length === 0, "temporary file removed");
  });

  test("a declared length far over the limit is refused before the body is read", async () => {
    const p = meta("picture");
    const { req, answered } = rawUpload(p, 1024 * 1024, { declaredLength: 10 * 1024 * 1024 * 1024 });
    const answer = await answered;
    req.destroy();
    assert.equal(answer.status, 413);
    assert.equal((JSON.parse(answer.body) as { status: boolean }).status, false);
    assert.equal(await item(p.uuId), null);
  });

  test("an upload interrupted mid-stream leaves no partial file and no row", async () => {
    const before = (await storedFiles("items")).length;
    const p = meta("picture");
    const { answered } = rawUpload(p, 8 * 1024 * 1024, { stopAfter: 4 * 1024 * 1024 });
    await answered.catch(() => undefined); // the client hung up: there is no answer to read
    await eventually(
      async () =>
        (await leftovers()).length === 0 && (await db().pruvanCall.count({ where: { message: { contains: "ended early" } } })) > 0,
      "the server noticed",
    );
    assert.equal(await item(p.uuId), null);
    assert.equal((await storedFiles("items")).length, before);
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200, "the server is fine");
  });
});

describe("answers and the call log", () => {
  test("answers are ASCII and every upload is recorded with its item count", async () => {
    const p = meta("picture", { notes: "\u00fcber \u2603" });
    const r = await upload(p, jpgPart());
    assert.ok(isAscii(r.text));
    const call = await db().pruvanCall.findFirstOrThrow({
      where: { endpoint: "uploadPictures", outcome: "ok" },
      orderBy: { createdAt: "desc" },
    });
    assert.equal(call.itemCount, 1);
    assert.equal(call.username, "uploader");
    assert.match(call.message ?? "", /picture stored \(matched\)/);
  });
});
