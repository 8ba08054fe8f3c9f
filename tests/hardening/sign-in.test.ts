import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runCli, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";

// Brute force against sign-in, beyond tests/foundation/auth.test.ts (which checks the
// 429 and Retry-After for a known account, and the same 401 for unknown and wrong):
// an unknown email is throttled exactly like a real one, so neither the answers nor the
// throttle tell an attacker which accounts exist; and one account's lock leaves others be.

let server: RunningServer;

before(async () => {
  server = await startServer();
  assert.equal(runCli(["user:create", "--email", "real@example.com", "--role", "staff"], server.env, "the-right-password").code, 0);
  assert.equal(runCli(["user:create", "--email", "bystander@example.com", "--role", "staff"], server.env, "another-password").code, 0);
});
after(() => server.stop());

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
  assert.deepEqual(real.map((a) => a.status), [401, 401, 401, 401, 401, 401, 429, 429]);
  assert.equal(real.at(-1)!.retryAfter, "set");
});

test("a locked account does not lock out the others; its right password waits", async () => {
  const b = new Browserless(server.url);
  assert.equal((await b.signIn("bystander@example.com", "another-password")).status, 200);
  assert.equal((await new Browserless(server.url).signIn("real@example.com", "the-right-password")).status, 429);
});
