import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { connectIntegration, credsOf, isAscii, post, sha1, type Body, type Creds } from "../support/pruvan";
import { runCli, startServer, type RunningServer } from "../support/server";
import { createOrder, useDataDir } from "../support/work-item-fixtures";

// The wire rules of all four web services, validate and status, over real HTTP against
// the production server: URLs, methods, bodies, credentials, the exact answer shapes,
// and what each call leaves in the database.

let server: RunningServer;
let acme: Creds;
const PUSH_KEY = "https://direct.pruvan.com/api/?apiKey=Qc71lby4C_cQUco";

before(async () => {
  server = await startServer({ env: { PUSH_ALLOWED_HOSTS: "direct.pruvan.com,http://127.0.0.1" } });
  useDataDir(server.dataDir);
  acme = connectIntegration(server, "acme", ["--mode", "internal", "--client-code", "ACME"]);
  await createOrder("ST-1", [{ serviceName: "Lawn" }], "acme");
  await createOrder("ST-2", [{ serviceName: "Lawn" }], "acme");
  await createOrder("OTHER-1", [{ serviceName: "Lawn" }], "other");
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const multipart = (payload: unknown): Body => ({ as: "multipart", payload });
const validate = (extra: object = {}, creds: object = credsOf(acme)) =>
  post(server, "validate.html", multipart({ ...creds, pushkey: PUSH_KEY, ...extra }));

/** Each endpoint's refusal, exactly as the doc shapes it. */
const refusal = {
  validate: (error: string) => ({ error, validated: false }),
  getWorkOrders: (error: string) => ({ error }),
  uploadPictures: (error: string) => ({ status: false, error }),
  status: (error: string) => ({ status: false, error }),
} as const;
const ENDPOINTS = Object.keys(refusal) as Array<keyof typeof refusal>;
const BAD_CREDS = "invalid username or password";

describe("URLs and methods", () => {
  for (const name of ["validate", "validate.html", "validate.php", "validate.svc", "validate.aspx", "VALIDATE.HTML"]) {
    test(`POST ${name} is validate`, async () => {
      const r = await post(server, name, multipart({ ...credsOf(acme), pushkey: PUSH_KEY }));
      assert.equal(r.status, 200);
      assert.match(r.contentType, /^application\/json/);
      assert.deepEqual(r.json, { error: "", validated: true });
    });
  }
  for (const name of ["getWorkOrders", "getWorkOrders.html", "uploadPictures.php", "status.svc"]) {
    test(`POST ${name} answers in its endpoint's shape`, async () => {
      const r = await post(server, name, multipart({ username: "nobody", token: "x" }));
      assert.equal(r.status, 200);
      const endpoint = ENDPOINTS.find((e) => name.startsWith(e))!;
      assert.deepEqual(r.json, refusal[endpoint](BAD_CREDS));
    });
  }
  for (const name of ["nope", "nope.html", "validate/extra", "uploadPicture.html", ""]) {
    test(`unknown web service ${JSON.stringify(name)}: 404 JSON`, async () => {
      const r = await post(server, name, multipart({ ...credsOf(acme) }));
      assert.equal(r.status, 404);
      assert.match(r.contentType, /^application\/json/);
      assert.match((r.json as { error: string }).error, /Unknown Pruvan web service/);
    });
  }
  for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
    test(`${method} validate.html: 405 JSON`, async () => {
      const r = await post(server, "validate.html", { as: "raw", body: "" }, method);
      assert.equal(r.status, 405);
      assert.match(r.contentType, /^application\/json/);
      assert.deepEqual(r.json, { error: "validate accepts POST only." });
    });
  }
});

describe("bodies: multipart (Pruvan), url-encoded, raw JSON (integrators testing by hand)", () => {
  const payload = () => ({ ...credsOf(acme), pushkey: PUSH_KEY });
  const bodies: Array<[string, () => Body]> = [
    ["multipart payload field", () => ({ as: "multipart", payload: payload() })],
    [
      "multipart payload sent as a file part",
      () => ({ as: "multipart", file: { field: "payload", bytes: Buffer.from(JSON.stringify(payload())), type: "application/json" } }),
    ],
    ["application/x-www-form-urlencoded", () => ({ as: "urlencoded", payload: payload() })],
    ["application/json", () => ({ as: "json", payload: payload() })],
    ["text/plain JSON", () => ({ as: "raw", body: JSON.stringify(payload()), contentType: "text/plain" })],
    ["no content type", () => ({ as: "raw", body: Buffer.from(JSON.stringify(payload())) })],
  ];
  for (const [name, body] of bodies) {
    test(name, async () => {
      const r = await post(server, "validate", body());
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json, { error: "", validated: true });
    });
  }
});

describe("bad input: a clear JSON error in the endpoint's shape, never a 500", () => {
  type Case = { name: string; body: () => Body; status: number; error: string | RegExp };
  const cases: Case[] = [
    { name: "malformed JSON", body: () => multipart('{"username": "acme", '), status: 400, error: "The payload is not valid JSON." },
    { name: "empty body", body: () => ({ as: "raw", body: "" }), status: 400, error: /has no payload/ },
    { name: "empty multipart form", body: () => ({ as: "multipart", fields: { other: "x" } }), status: 400, error: /has no payload/ },
    { name: "payload is a JSON array", body: () => multipart([credsOf(acme)]), status: 400, error: "The payload must be a JSON object." },
    { name: "payload is a JSON string", body: () => multipart('"acme"'), status: 400, error: "The payload must be a JSON object." },
    {
      name: "file without payload",
      body: () => ({ as: "multipart", file: { bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) } }),
      status: 400,
      error: /has no payload/,
    },
    {
      name: "unsupported content type",
      body: () => ({ as: "raw", body: "<payload/>", contentType: "application/xml" }),
      status: 400,
      error: /not supported/,
    },
    {
      name: "multipart without a boundary",
      body: () => ({ as: "raw", body: "--x\r\n", contentType: "multipart/form-data" }),
      status: 400,
      error: /needs a boundary/,
    },
    {
      name: "truncated multipart",
      body: () => ({
        as: "raw",
        body: '--b\r\nContent-Disposition: form-data; name="payload"\r\n\r\n{}',
        contentType: "multipart/form-data; boundary=b",
      }),
      status: 400,
      error: /ended early|not valid multipart/,
    },
    {
      name: "payload field over 4 MB",
      body: () => multipart({ ...credsOf(acme), notes: "x".repeat(5 * 1024 * 1024) }),
      status: 413,
      error: /payload is larger than the limit of 4 MB/,
    },
    {
      name: "raw JSON body over 4 MB",
      body: () => ({ as: "json", payload: { ...credsOf(acme), notes: "x".repeat(5 * 1024 * 1024) } }),
      status: 413,
      error: /payload is larger than the limit/,
    },
    {
      name: "wrong key",
      body: () => multipart({ ...credsOf(acme), token: "pk_wrong", password: sha1("pk_wrong") }),
      status: 200,
      error: BAD_CREDS,
    },
    { name: "unknown username", body: () => multipart({ ...credsOf(acme), username: "nobody" }), status: 200, error: BAD_CREDS },
    { name: "no credentials", body: () => multipart({ timestamp: null }), status: 200, error: BAD_CREDS },
    {
      name: "credentials of the wrong type",
      body: () => multipart({ username: ["acme"], token: { key: acme.token } }),
      status: 200,
      error: BAD_CREDS,
    },
    {
      name: "token of the wrong type with a right password",
      body: () => multipart({ username: "acme", password: sha1(acme.token), token: 12345 }),
      status: 200,
      error: BAD_CREDS,
    },
    {
      name: "non-ASCII username",
      body: () => multipart({ ...credsOf(acme), username: "acm\u00e9 \u2603" }),
      status: 200,
      error: BAD_CREDS,
    },
    {
      name: "huge username",
      body: () => multipart({ ...credsOf(acme), username: "a".repeat(1024 * 1024) }),
      status: 200,
      error: BAD_CREDS,
    },
  ];
  for (const c of cases) {
    for (const endpoint of ENDPOINTS) {
      test(`${c.name}: ${endpoint}`, async () => {
        const r = await post(server, `${endpoint}.html`, c.body());
        assert.equal(r.status, c.status, r.text);
        assert.match(r.contentType, /^application\/json/);
        assert.ok(isAscii(r.text), r.text);
        const body = r.json as Record<string, unknown>;
        assert.deepEqual(Object.keys(body).sort(), Object.keys(refusal[endpoint]("x")).sort(), r.text);
        if (typeof c.error === "string") assert.deepEqual(body, refusal[endpoint](c.error));
        else assert.match(String(body.error), c.error);
      });
    }
  }

  test("unknown user and wrong key get the very same answer", async () => {
    const unknown = await validate({}, { username: "nobody", token: acme.token });
    const wrong = await validate({}, { username: "acme", token: "pk_nope" });
    assert.equal(unknown.text, wrong.text);
  });

  test("wrong-typed fields past the credentials are named", async () => {
    const r = await post(server, "getWorkOrders", multipart({ ...credsOf(acme), timestamp: "yesterday" }));
    assert.deepEqual(r.json, { error: "timestamp must be Unix seconds or null" });
    // milliseconds of the year 73293: a date, but none a database stores (found by the fuzz test)
    const far = await post(server, "getWorkOrders", multipart({ ...credsOf(acme), timestamp: 2.25e15 }));
    assert.deepEqual([far.status, far.json], [r.status, r.json]);
    const s = await post(server, "status", multipart({ ...credsOf(acme), workOrders: { workOrderNumber: "ST-1" } }));
    assert.deepEqual(s.json, { status: false, error: "workOrders must be a list of work orders" });
    const v = await validate({ pushkey: 42 });
    assert.equal((v.json as { validated: boolean }).validated, false);
    assert.match((v.json as { error: string }).error, /pushkey/);
  });
});

describe("credentials", () => {
  test("token alone, sha1 password alone (any hex case), or an empty token with the password", async () => {
    for (const creds of [
      { username: "acme", token: acme.token },
      { username: "acme", password: sha1(acme.token) },
      { username: "ACME", password: sha1(acme.token).toUpperCase() },
      { username: "acme", token: "", password: sha1(acme.token) },
      { username: "acme", token: null, password: sha1(acme.token) },
    ]) {
      assert.deepEqual((await validate({}, creds)).json, { error: "", validated: true }, JSON.stringify(creds));
    }
  });

  test("a wrong token is refused even with the right password", async () => {
    assert.deepEqual(
      (await validate({}, { username: "acme", token: "pk_nope", password: sha1(acme.token) })).json,
      refusal.validate(BAD_CREDS),
    );
  });

  test("rotate-key: the old key stops working, the new one works; revoke: nothing works", async () => {
    const beta = connectIntegration(server, "beta", ["--mode", "external"]);
    assert.deepEqual((await validate({}, credsOf(beta))).json, { error: "", validated: true });
    const rotated = runCli(["integration:rotate-key", "--username", "beta"], server.env).json() as Creds;
    assert.notEqual(rotated.token, beta.token);
    assert.deepEqual((await validate({}, credsOf(beta))).json, refusal.validate(BAD_CREDS));
    assert.deepEqual((await validate({}, credsOf(rotated))).json, { error: "", validated: true });
    assert.equal(runCli(["integration:revoke", "--username", "beta"], server.env).code, 0);
    assert.deepEqual((await validate({}, credsOf(rotated))).json, refusal.validate(BAD_CREDS));
  });

  test("a disabled integration is refused with a message saying so", async () => {
    const gamma = connectIntegration(server, "gamma");
    await db().integration.update({ where: { username: "gamma" }, data: { disabledAt: new Date() } });
    const r = await validate({}, credsOf(gamma));
    assert.deepEqual(r.json, refusal.validate("This integration is disabled in the work-order portal. Ask the office to enable it."));
  });

  test("only hashes are stored; lastUsedAt is kept; no secret reaches the call log or the server output", async () => {
    await validate();
    const keys = await db().apiKey.findMany({ where: { integration: { username: "acme" } } });
    assert.equal(keys.length, 1);
    const key = keys[0]!;
    assert.equal(key.prefix, acme.token.slice(0, 8));
    assert.ok(key.lastUsedAt, "lastUsedAt set");
    assert.ok(![key.tokenHash, key.passwordVerifier].some((h) => h.includes(acme.token) || h === sha1(acme.token)));
    const calls = JSON.stringify(await db().pruvanCall.findMany());
    assert.ok(!calls.includes(acme.token) && !calls.includes(sha1(acme.token)), "call log holds no key");
    assert.ok(!server.output().includes(acme.token) && !server.output().includes(sha1(acme.token)), "server output holds no key");
  });
});

describe("validate", () => {
  test("stores the push key and validatedAt; a new key replaces the old one", async () => {
    const first = `${PUSH_KEY}-first`;
    await validate({ pushkey: first });
    const one = await db().integration.findUniqueOrThrow({ where: { username: "acme" } });
    assert.equal(one.pushKeyUrl, first);
    assert.ok(one.validatedAt && one.pushKeyAt);
    await validate({ pushkey: `${PUSH_KEY}-second` });
    const two = await db().integration.findUniqueOrThrow({ where: { username: "acme" } });
    assert.equal(two.pushKeyUrl, `${PUSH_KEY}-second`);
    assert.ok(two.pushKeyAt! > one.pushKeyAt!);
  });

  test("without a push key: validated, the stored key kept", async () => {
    const before = await db().integration.findUniqueOrThrow({ where: { username: "acme" } });
    assert.deepEqual((await validate({ pushkey: null })).json, { error: "", validated: true });
    const after = await db().integration.findUniqueOrThrow({ where: { username: "acme" } });
    assert.equal(after.pushKeyUrl, before.pushKeyUrl);
  });

  const refused: Array<[string, string, RegExp]> = [
    [
      "a host that is not Pruvan's",
      "https://evil.example.com/api/?apiKey=x",
      /points to https:\/\/evil\.example\.com, which is not an allowed Pruvan host/,
    ],
    ["not a URL", "Qc71lby4C_cQUco", /not a valid URL/],
    ["another scheme", "ftp://direct.pruvan.com/api", /must be an https URL/],
    ["credentials in the URL", "https://u:p@direct.pruvan.com/api", /must not contain credentials/],
  ];
  for (const [name, pushkey, message] of refused) {
    test(`a push key with ${name} is refused and kept as the last error`, async () => {
      const before = await db().integration.findUniqueOrThrow({ where: { username: "acme" } });
      const r = await validate({ pushkey });
      assert.equal(r.status, 200);
      const body = r.json as { error: string; validated: boolean };
      assert.equal(body.validated, false);
      assert.match(body.error, message);
      const after = await db().integration.findUniqueOrThrow({ where: { username: "acme" } });
      assert.equal(after.pushKeyUrl, before.pushKeyUrl, "the stored push key is kept");
      assert.match(after.lastError ?? "", message);
    });
  }
});

describe("status", () => {
  const report = (workOrders: unknown) => post(server, "status.html", multipart({ ...credsOf(acme), workOrders }));
  const order = (n: string) => db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: n } });
  const events = async (n: string) =>
    db().statusEvent.findMany({ where: { workOrderId: (await order(n)).id }, orderBy: { createdAt: "asc" } });

  test("a change is applied, keeps our client status, and is recorded in the history", async () => {
    const before = await order("ST-1");
    const r = await report([
      { workOrderNumber: "ACME::ST-1", clientStatus: "assigned", status: "assigned", fieldStatus: "viewed", dueDate: 1414434590 },
    ]);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: true, error: null });
    const now = await order("ST-1");
    assert.equal(now.pruvanStatus, "assigned");
    assert.equal(now.fieldStatus, "viewed");
    assert.equal(now.pruvanDueDate?.toISOString(), "2014-10-27T18:29:50.000Z");
    assert.ok(now.pruvanStatusAt);
    assert.equal(now.clientStatus, before.clientStatus, "our client status is ours");
    assert.equal(now.updatedAt.getTime(), before.updatedAt.getTime(), "not a change to send back to Pruvan");
    const [event] = await events("ST-1");
    assert.equal(event!.source, "pruvan");
    assert.equal(event!.actor, "acme");
    assert.equal(event!.toStatus, "assigned");
    assert.equal(event!.fieldStatus, "viewed");
    assert.match(event!.note ?? "", /Pruvan shows client status "assigned"\. Pruvan due date 2014-10-27\./);
  });

  test("the bare number works too; statuses are read case-insensitively; a repeat changes nothing", async () => {
    const r = await report([{ workOrderNumber: "ST-1", status: "Complete", fieldStatus: "complete" }]);
    assert.deepEqual(r.json, { status: true, error: null });
    assert.equal((await order("ST-1")).pruvanStatus, "complete");
    const count = (await events("ST-1")).length;
    assert.deepEqual((await report([{ workOrderNumber: "ST-1", status: "complete", fieldStatus: "complete" }])).json, {
      status: true,
      error: null,
    });
    assert.equal((await events("ST-1")).length, count, "no event for a repeated report");
  });

  test("failures are reported per order, in order, and the rest is still processed", async () => {
    const r = await report([
      { workOrderNumber: "ACME::NOPE-9", status: "assigned" },
      { workOrderNumber: "ST-2", status: "rush", fieldStatus: "in-process" },
      { workOrderNumber: "ST-2", status: "bogus" },
      { status: "assigned" },
      { workOrderNumber: "OTHER-1", status: "assigned" },
      { workOrderNumber: "\u00d1-1", status: "assigned" },
    ]);
    assert.equal(r.status, 200);
    assert.ok(isAscii(r.text), r.text);
    assert.deepEqual(r.json, {
      status: false,
      error: [
        { workOrderNumber: "ACME::NOPE-9", error: "work order does not exist" },
        { workOrderNumber: "ST-2", error: 'status "bogus" is not a Pruvan status' },
        { workOrderNumber: "", error: "workOrderNumber is required" },
        { workOrderNumber: "OTHER-1", error: "work order does not exist" },
        { workOrderNumber: "\u00d1-1", error: "work order does not exist" },
      ],
    });
    assert.equal((await order("ST-2")).pruvanStatus, "rush", "the good entry was applied");
    assert.equal((await order("OTHER-1")).pruvanStatus, null, "another integration's order is untouched");
  });

  test("an empty list is fine", async () => {
    assert.deepEqual((await report([])).json, { status: true, error: null });
  });
});

describe("the call log", () => {
  test("every call is recorded with endpoint, outcome, status and duration", async () => {
    const since = new Date();
    await validate();
    await post(server, "getWorkOrders.html", multipart({ username: "acme", token: "nope", timestamp: null }));
    await post(server, "status.html", multipart("{bad"));
    await post(server, "nope.html", multipart({}));
    const calls = await db().pruvanCall.findMany({ where: { createdAt: { gte: since } }, orderBy: { createdAt: "asc" } });
    const seen = calls.map((c) => [c.endpoint, c.outcome, c.httpStatus, c.username]);
    assert.deepEqual(seen, [
      ["validate", "ok", 200, "acme"],
      ["getWorkOrders", "refused", 200, "acme"],
      ["status", "invalid", 400, null],
      ["nope.html", "invalid", 404, null],
    ]);
    assert.ok(calls.every((c) => c.durationMs >= 0));
    assert.ok(calls[0]!.integrationId && calls[1]!.integrationId, "known integrations are linked");
    assert.equal(calls[1]!.message, BAD_CREDS);
  });
});
