import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { runCli, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// Brute force against sign-in, beyond tests/foundation/auth.test.ts (which checks the
// 429 and Retry-After for a known account, and the same 401 for unknown and wrong):
// an unknown email is throttled exactly like a real one, so neither the answers nor the
// throttle tell an attacker which accounts exist; one account's lock leaves others be;
// attempts are counted before the password is checked (a 401 is a checked password, a
// 429 one that was not), per address and account, per address, and for the whole portal.
// The callers sign in from different loopback addresses (127.0.0.x) to be different addresses.

let server: RunningServer;

before(async () => {
  server = await startServer();
  assert.equal(runCli(["user:create", "--email", "real@example.com", "--role", "staff"], server.env, "the-right-password").code, 0);
  assert.equal(runCli(["user:create", "--email", "bystander@example.com", "--role", "staff"], server.env, "another-password").code, 0);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

async function attempts(email: string, n: number) {
  const b = new Browserless(server.url);
  const answers: Array<{ status: number; retryAfter: string | null; error: string | null }> = [];
  for (let i = 0; i < n; i++) {
    const res = await b.signIn(email, `guess-number-${i}`);
    const body = (await res.json()) as { url?: string; error?: string };
    answers.push({
      status: res.status,
      retryAfter: res.headers.get("retry-after") ? "set" : null,
      error: body.error ? body.error.replace(/\d+ seconds/, "N seconds") : new URL(body.url ?? "http://x").searchParams.get("error"),
    });
  }
  return answers;
}

test("an unknown email and a real one get the same answers, throttle included", async () => {
  const real = await attempts("real@example.com", 8);
  const unknown = await attempts("nobody-here@example.com", 8);
  assert.deepEqual(unknown, real);
  assert.deepEqual(
    real.map((a) => a.status),
    [401, 401, 401, 401, 401, 401, 429, 429],
  );
  assert.equal(real.at(-1)!.retryAfter, "set");
});

test("a locked account does not lock out the others; its right password waits", async () => {
  const b = new Browserless(server.url);
  assert.equal((await b.signIn("bystander@example.com", "another-password")).status, 200);
  assert.equal((await new Browserless(server.url).signIn("real@example.com", "the-right-password")).status, 429);
});

const statusesOf = async (answers: Promise<Response>[]) => (await Promise.all(answers)).map((r) => r.status);
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe("attempts are counted before the password is checked", () => {
  before(async () => {
    useDataDir(server.dataDir);
    assert.equal(runCli(["user:create", "--email", "victim@example.com", "--role", "staff"], server.env, "victims-own-password").code, 0);
  });

  test("100 parallel wrong passwords, then the right one: at most 6 passwords were checked", async () => {
    const guesses = Array.from({ length: 100 }, (_, i) =>
      new Browserless(server.url, "127.0.0.2").signIn("victim@example.com", `parallel-guess-${i}`),
    );
    const statuses = await statusesOf(guesses);
    assert.equal(count(statuses, 401) + count(statuses, 429), 100, `only 401 and 429: ${statuses.join(",")}`);
    assert.ok(count(statuses, 401) <= 6, `${count(statuses, 401)} passwords checked, at most 6 may be`);
    assert.equal(
      (await new Browserless(server.url, "127.0.0.2").signIn("victim@example.com", "victims-own-password")).status,
      429,
      "the right one waits too",
    );
    // The counter itself: 6 claims at most, one block, shared through the database.
    const row = await db().signInThrottle.findUniqueOrThrow({ where: { key: "signin:pair:127.0.0.2|victim@example.com" } });
    assert.equal(row.blocks, 1);
    assert.ok(Number(row.blockedUntilMs) > Date.now());
  });

  test("the stranger's guesses do not lock the owner out: from their own address the right password signs in", async () => {
    assert.equal((await new Browserless(server.url, "127.0.0.3").signIn("victim@example.com", "victims-own-password")).status, 200);
  });

  test("one address cannot try a password on every account: after 31 (SIGN_IN_ADDRESS_LIMIT + 1) it waits, for any account", async () => {
    const sprayer = "127.0.0.4";
    const statuses: number[] = [];
    for (let i = 0; i < 33; i++)
      statuses.push((await new Browserless(server.url, sprayer).signIn(`account-${i}@example.com`, "Summer2026!")).status);
    assert.deepEqual(statuses, [...Array<number>(31).fill(401), 429, 429]);
    assert.equal((await new Browserless(server.url, sprayer).signIn("bystander@example.com", "another-password")).status, 429);
    assert.equal(
      (await new Browserless(server.url, "127.0.0.5").signIn("bystander@example.com", "another-password")).status,
      200,
      "other addresses are not held up",
    );
  });

  test("right passwords do not add up: 40 sign-ins from one office address all succeed", async () => {
    const office = "127.0.0.6";
    for (let i = 0; i < 40; i++)
      assert.equal(
        (await new Browserless(server.url, office).signIn("bystander@example.com", "another-password")).status,
        200,
        `sign-in ${i + 1}`,
      );
  });
});

describe("a ceiling for the whole portal (SIGN_IN_PORTAL_LIMIT)", () => {
  let small: RunningServer;
  before(async () => {
    small = await startServer({ env: { SIGN_IN_PORTAL_LIMIT: "5" } });
    assert.equal(runCli(["user:create", "--email", "real@example.com", "--role", "staff"], small.env, "the-right-password").code, 0);
  });
  after(() => small.stop());

  test("guesses from many addresses: 6 are checked, then everyone waits a while", async () => {
    const statuses: number[] = [];
    for (let i = 10; i < 18; i++)
      statuses.push((await new Browserless(small.url, `127.0.1.${i}`).signIn(`someone-${i}@example.com`, "a-guess")).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 429, 429]);
    const waiting = await new Browserless(small.url, "127.0.1.99").signIn("real@example.com", "the-right-password");
    assert.equal(waiting.status, 429);
    assert.ok(Number(waiting.headers.get("retry-after")) > 60, "a block of minutes, not seconds");
  });
});

describe("after signing in, the browser stays on the portal (callbackUrl)", () => {
  // As they arrive in /sign-in?callbackUrl=...: each passed the old "starts with / and not //" filter or is plainly foreign.
  const foreign = [
    "/%5Cevil.example",
    "/%5C%5Cevil.example/x",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/.//evil.example",
    "//evil.example",
    "https://evil.example/",
  ];
  const decode = (html: string) =>
    html
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");

  /** Where the sign-in page's form sends the browser once the password is accepted. */
  async function formTarget(callbackUrl: string): Promise<string> {
    const html = await (await fetch(`${server.url}/sign-in?callbackUrl=${callbackUrl}`)).text();
    const attribute = /data-callback-url="([^"]*)"/.exec(html);
    assert.ok(attribute, "the form names its target");
    return decode(attribute[1]!);
  }

  /** A real sign-in posted with this callbackUrl: the URL next-auth answers with. */
  async function signInAnswer(callbackUrl: string): Promise<string> {
    const b = new Browserless(server.url, "127.0.0.9");
    const { csrfToken } = (await (await b.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await b.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: "bystander@example.com",
        password: "another-password",
        csrfToken,
        callbackUrl: decodeURIComponent(callbackUrl),
        json: "true",
      }),
    });
    assert.equal(res.status, 200);
    return ((await res.json()) as { url: string }).url;
  }

  for (const raw of foreign) {
    test(`callbackUrl=${raw} leads to the portal's own pages`, async () => {
      const target = await formTarget(raw);
      const resolved = new URL(target, server.url);
      assert.equal(resolved.origin, server.url, `the form would go to ${resolved.href}`);
      assert.ok(!/^[/\\]{2}/.test(target), `"${target}" reads as a host`);
      assert.equal(new URL(await signInAnswer(raw), server.url).origin, server.url);
    });
  }

  test("a path on the portal is kept, query included", async () => {
    assert.equal(await formTarget(encodeURIComponent("/orders?status=open")), "/orders?status=open");
    assert.equal(await signInAnswer(encodeURIComponent("/orders?status=open")), `${server.url}/orders?status=open`);
  });
});
