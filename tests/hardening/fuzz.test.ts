import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import fc from "fast-check";
import { db } from "@/lib/db";
import { answerSchemas, PRUVAN_ENDPOINTS, type PruvanEndpoint } from "@/lib/pruvan/api-wire";
import { connectIntegration, credsOf, isAscii, post, type Body, type Creds } from "../support/pruvan";
import { everyStoredKey, temporaryFiles } from "../support/storage";
import { startServer, type RunningServer } from "../support/server";
import { createOrder, jpeg, minimalPdf, useDataDir } from "../support/work-item-fixtures";

// Property-based fuzzing of the four Pruvan endpoints over real HTTP: thousands of
// generated payloads (JSON values of every type in every field, right and wrong
// credentials, every body encoding, files that are and are not what they claim). The
// properties: never a 5xx, always JSON in the endpoint's contract shape, ASCII only, and
// no internal error hidden in a 200. FUZZ_RUNS scales the runs (default 1000 per property).

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
let server: RunningServer;
let good: Creds;
let photo: Buffer;

before(async () => {
  server = await startServer({ env: { UPLOAD_MAX_BYTES: String(256 * 1024) } });
  useDataDir(server.dataDir);
  good = connectIntegration(server, "fuzz", ["--mode", "internal", "--client-code", "FZ"]);
  await createOrder("FZ-1", [{ serviceName: "Lawn" }, { serviceName: "Photos" }], "fuzz");
  await createOrder("FZ-2", [{ serviceName: "Lawn" }], "fuzz");
  photo = await jpeg("fuzz", "#0f766e", 64, 48);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

// ---- generators ------------------------------------------------------------------------

/** Any JSON value, unicode and control characters included. */
const anyJson = fc.jsonValue({ maxDepth: 3 });
const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(
    "",
    " ",
    "null",
    "undefined",
    "0",
    "-1",
    "1e309",
    "NaN",
    "{}",
    "[]",
    "\u0000",
    "\ud800",
    "../../etc/passwd",
    "<script>",
    "Caf\u00e9 \u2603",
  ),
  fc.integer({ min: 9_990, max: 10_010 }).map((n) => "x".repeat(n)), // around the 10,000-character field limit
);
/** What one field may hold: any JSON, odd text, or a value of the right type. */
const fieldOf = (right: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: oddText });

const credentials = fc.oneof(
  { weight: 6, arbitrary: fc.constant("good") },
  { weight: 1, arbitrary: fc.constant("password only") },
  { weight: 1, arbitrary: fc.constant("wrong") },
  { weight: 1, arbitrary: fc.record({ username: anyJson, password: anyJson, token: anyJson }, { requiredKeys: [] }) },
);
function credsFor(kind: unknown): Record<string, unknown> {
  if (kind === "good") return credsOf(good);
  if (kind === "password only") return { username: good.username.toUpperCase(), password: credsOf(good).password };
  if (kind === "wrong") return { username: good.username, token: "pk_wrong", password: "0".repeat(40) };
  return kind as Record<string, unknown>;
}

const unixSeconds = fc.integer({ min: 0, max: 2_000_000_000 });
/** A date field's value: usual Unix seconds, or numbers and texts whose date no database stores. */
const dateValue = fc.oneof(
  { weight: 3, arbitrary: unixSeconds },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom(-2.1e12, 1e15, 253402300800)) },
  { weight: 1, arbitrary: fc.constantFrom("0050-01-01", "9999-12-31 2359 -12", "99999999999", "-2100000000000") },
);
const orderNumber = fc.constantFrom("FZ::FZ-1", "FZ-1", "FZ::FZ-2", "FZ::NOPE", "NOPE", "::", "FZ::");
const statusWord = fc.constantFrom("assigned", "ACCEPTED", "complete", "rework", "deleted", "bogus", "", null);

const fieldsByEndpoint: Record<PruvanEndpoint, fc.Arbitrary<Record<string, unknown>>> = {
  validate: fc.record(
    {
      pushkey: fieldOf(
        fc.constantFrom("https://direct.pruvan.com/api/?apiKey=abc", "http://example.com/x", "javascript:alert(1)", "not a url"),
      ),
    },
    { requiredKeys: [] },
  ),
  getWorkOrders: fc.record(
    { timestamp: fieldOf(fc.oneof(fc.constant(null), dateValue, unixSeconds.map(String), fc.constant(Date.now()), fc.constant(2.25e15))) },
    { requiredKeys: [] },
  ),
  uploadPictures: fc.record(
    {
      uuId: fieldOf(fc.uuid()),
      fileType: fieldOf(fc.constantFrom("picture", "csr", "survey", "check-in", "file", "video", "")),
      key2: fieldOf(orderNumber),
      key3: fieldOf(fc.constantFrom("9001", "1")),
      key4: fieldOf(fc.constantFrom("Lawn", "photos", "Nope")),
      fileName: fieldOf(fc.constantFrom("1415913831993.jpg", "../../x.sh", "C:\\evil.jpg")),
      gpsLatitude: fieldOf(fc.double().map(String)),
      gpsTimestamp: fieldOf(dateValue.map(String)),
      timestamp: fieldOf(dateValue),
      authenticated: fieldOf(fc.constantFrom("0", "1", "7")),
      notes: fieldOf(fc.string({ maxLength: 200 })),
      survey: fieldOf(
        fc.oneof(
          fc.constant('{"meta":{"surveyId":"s-1"},"answers":[]}'),
          fc.constant('{"meta":{"surveyId":"\\ud800"},"answers":["\\udfff"]}'), // half surrogate pairs, escaped inside the JSON text
          fc.record({ meta: fc.record({ surveyId: fc.string() }), answers: fc.array(anyJson, { maxLength: 3 }) }),
        ),
      ),
      checkIn: fieldOf(fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 })),
      attribute30: fieldOf(fc.string({ maxLength: 30 })),
    },
    { requiredKeys: [] },
  ),
  status: fc.record(
    {
      workOrders: fieldOf(
        fc.array(
          fieldOf(
            fc.record(
              {
                workOrderNumber: fieldOf(orderNumber),
                status: fieldOf(statusWord),
                clientStatus: fieldOf(fc.string({ maxLength: 20 })),
                fieldStatus: fieldOf(fc.string({ maxLength: 50 })),
                dueDate: fieldOf(fc.oneof(dateValue, fc.constantFrom("2026-05-25", "2026-05-25 1200 +0", "yesterday"))),
              },
              { requiredKeys: [] },
            ),
          ),
          { maxLength: 6 },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
};

/** A file part as a phone might send one, or not. */
const filePart = fc.oneof(
  fc.constant(undefined),
  fc.constant("photo"),
  fc.constant("pdf"),
  fc.constant("html"),
  fc.constant("too large"),
  fc.constant("check-in json"),
  fc.uint8Array({ maxLength: 2048 }),
);
function fileFor(kind: unknown) {
  if (kind === undefined) return undefined;
  if (kind === "photo") return { bytes: photo, name: "p.jpg", type: "image/jpeg" };
  if (kind === "pdf") return { bytes: minimalPdf(["fuzz"]), name: "p.jpg", type: "image/jpeg" };
  if (kind === "html") return { bytes: Buffer.from("<html><script>alert(1)</script></html>"), name: "p.jpg", type: "image/jpeg" };
  if (kind === "too large") return { bytes: Buffer.alloc(300 * 1024, 0xff), name: "big.jpg" };
  if (kind === "check-in json")
    return { bytes: Buffer.from('{"checkInTime":"2026-03-03 09:12:00","note":"\\ud83d"}'), name: "c.json", type: "application/json" };
  return { bytes: Buffer.from(kind as Uint8Array), name: "random.bin" };
}

const encoding = fc.constantFrom("multipart", "multipart", "multipart", "urlencoded", "json", "payload as file part");
function bodyFor(how: string, payload: unknown, file?: ReturnType<typeof fileFor>): Body {
  const text = JSON.stringify(payload);
  if (how === "urlencoded") return { as: "urlencoded", payload: text };
  if (how === "json") return { as: "json", payload: text };
  if (how === "payload as file part")
    return { as: "multipart", file: { bytes: Buffer.from(text), name: "payload.json", field: "payload" } };
  return { as: "multipart", payload: text, file };
}

/** Whole bodies that are not what any endpoint expects. */
const garbageBody: fc.Arbitrary<Body> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }).map((s): Body => ({ as: "raw", body: s, contentType: "application/json" })),
  fc.string({ maxLength: 300 }).map((s): Body => ({ as: "raw", body: s, contentType: "multipart/form-data; boundary=xyz" })),
  fc.string({ maxLength: 100 }).map((s): Body => ({ as: "raw", body: `payload=${s}`, contentType: "application/x-www-form-urlencoded" })),
  fc.uint8Array({ maxLength: 500 }).map((b): Body => ({ as: "raw", body: Buffer.from(b), contentType: "application/octet-stream" })),
  anyJson.map((v): Body => ({ as: "json", payload: JSON.stringify(v) })),
  anyJson.map((v): Body => ({ as: "multipart", payload: JSON.stringify(v) })),
);

// ---- the property ------------------------------------------------------------------------

async function answersInShape(endpoint: PruvanEndpoint, body: Body): Promise<void> {
  const r = await post(server, `${endpoint}.html`, body);
  assert.ok([200, 400, 413].includes(r.status), `HTTP ${r.status}: ${r.text.slice(0, 300)}`);
  assert.match(r.contentType, /^application\/json/);
  assert.ok(isAscii(r.text), "ASCII only");
  const parsed = answerSchemas[endpoint].safeParse(r.json);
  assert.ok(parsed.success, `not in the ${endpoint} shape: ${r.text.slice(0, 300)}`);
  if (r.status !== 200) assert.ok("error" in (r.json as object) && (r.json as { error: unknown }).error, "a refusal says why");
}

describe("fuzzing the four endpoints (fast-check, real HTTP)", () => {
  for (const endpoint of PRUVAN_ENDPOINTS) {
    test(`${endpoint}: generated payloads, credentials and encodings`, async () => {
      await fc.assert(
        fc.asyncProperty(
          credentials,
          fieldsByEndpoint[endpoint],
          fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 3 }),
          encoding,
          filePart,
          async (who, fields, extra, how, file) => {
            const payload = { ...extra, ...credsFor(who), ...fields };
            await answersInShape(endpoint, bodyFor(how, payload, endpoint === "uploadPictures" ? fileFor(file) : undefined));
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  test("whole bodies that are not a payload at all, on every endpoint", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PRUVAN_ENDPOINTS), garbageBody, async (endpoint, body) => answersInShape(endpoint, body)),
      { numRuns: RUNS },
    );
  });

  test("afterwards: no internal error was recorded, no temporary file is left, the server is healthy", async () => {
    const errors = await db().pruvanCall.findMany({ where: { outcome: "error" }, select: { endpoint: true, message: true } });
    assert.deepEqual(errors, []);
    assert.ok((await db().pruvanCall.count()) >= RUNS * 5, "every call was recorded");
    assert.deepEqual(await temporaryFiles(), []);
    assert.equal((await fetch(`${server.url}/api/health`)).status, 200);
  });

  test("afterwards: whatever the file names and uuIds, every stored file is under items/ in storage, nothing else in the data folder", async () => {
    const files = readdirSync(server.dataDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(server.dataDir, path.join(e.parentPath, e.name)));
    const outside = files.filter((f) => !/^(portal\.db(-wal|-shm)?|auth-secret)$/.test(f) && !f.startsWith("storage/"));
    assert.deepEqual(outside, []);
    const stored = everyStoredKey(server.dataDir);
    assert.deepEqual(
      stored.filter((key) => !key.startsWith("items/")),
      [],
    );
    assert.ok(stored.length > 0, "uploads were stored");
  });
});
