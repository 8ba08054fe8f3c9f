import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runCli, startServer, type RunningServer } from "../support/server";
import { fetchPage, formWithField, postForm, submitForm } from "../support/forms";
import { Browserless } from "../support/session";

let server: RunningServer;
const admin = { email: "boss@example.com", password: "correct-horse-1" };
const staff = { email: "clerk@example.com", password: "correct-horse-2" };

before(async () => {
  server = await startServer();
  const made = runCli(["user:create", "--email", admin.email, "--role", "admin"], server.env, admin.password);
  assert.equal(made.code, 0, made.stderr);
  assert.equal(runCli(["user:create", "--email", staff.email, "--role", "staff"], server.env, staff.password).code, 0);
});
after(() => server.stop());

describe("sign-in", () => {
  test("right password: a session that carries the role", async () => {
    const b = new Browserless(server.url);
    const res = await b.signIn(admin.email, admin.password);
    assert.equal(res.status, 200);
    const session = await b.session();
    assert.equal(session.user?.email, admin.email);
    assert.equal(session.user?.role, "admin");
  });

  test("email is matched case-insensitively", async () => {
    const b = new Browserless(server.url);
    await b.signIn(staff.email.toUpperCase(), staff.password);
    assert.equal((await b.session()).user?.role, "staff");
  });

  test("wrong password and unknown user get the same refusal and no session", async () => {
    const wrong = new Browserless(server.url);
    const r1 = await wrong.signIn(admin.email, "not-the-password");
    const unknown = new Browserless(server.url);
    const r2 = await unknown.signIn("nobody@example.com", "not-the-password");
    assert.equal(r1.status, 401);
    assert.equal(r2.status, r1.status);
    const u1 = new URL(((await r1.json()) as { url: string }).url);
    const u2 = new URL(((await r2.json()) as { url: string }).url);
    assert.equal(u1.searchParams.get("error"), "CredentialsSignin");
    assert.equal(u2.searchParams.get("error"), u1.searchParams.get("error"));
    assert.deepEqual(await wrong.session(), {});
  });

  test("repeated failures for one account are throttled with 429 and Retry-After", async () => {
    const email = "target@example.com";
    runCli(["user:create", "--email", email, "--role", "staff"], server.env, "some-long-password");
    const b = new Browserless(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await b.signIn(email, `guess-${i}`)).status);
    assert.deepEqual(statuses.slice(0, 6), [401, 401, 401, 401, 401, 401]);
    const blocked = await b.signIn(email, "some-long-password");
    assert.equal(blocked.status, 429, "even the right password waits while blocked");
    assert.ok(Number(blocked.headers.get("retry-after")) > 0);
    assert.match(((await blocked.json()) as { error: string }).error, /Too many failed sign-ins/);
  });

  test("a disabled account cannot sign in", async () => {
    const email = "gone@example.com";
    runCli(["user:create", "--email", email, "--role", "staff"], server.env, "another-long-pass");
    const Database = (await import("better-sqlite3")).default;
    const sqlite = new Database(`${server.dataDir}/portal.db`);
    sqlite.prepare("update User set disabledAt = ? where email = ?").run(new Date().toISOString(), email);
    sqlite.close();
    const b = new Browserless(server.url);
    assert.equal((await b.signIn(email, "another-long-pass")).status, 401);
  });
});

describe("pages need a session, admin pages need the admin role", () => {
  const pages = ["/", "/orders", "/integrations", "/status-mapping", "/uploads", "/push-log", "/users"];

  test("without a session every page redirects to sign-in", async () => {
    for (const path of pages) {
      const res = await fetch(server.url + path, { redirect: "manual" });
      assert.equal(res.status, 307, path);
      assert.match(res.headers.get("location") ?? "", /\/sign-in/, path);
    }
  });

  test("staff get 403 on admin pages and 200 on the rest", async () => {
    const b = new Browserless(server.url);
    await b.signIn(staff.email, staff.password);
    for (const path of ["/integrations", "/status-mapping", "/users"]) {
      assert.equal((await b.fetch(path)).status, 403, path);
    }
    for (const path of ["/", "/orders", "/uploads", "/push-log"]) {
      assert.equal((await b.fetch(path)).status, 200, path);
    }
  });

  test("admins open admin pages", async () => {
    const b = new Browserless(server.url);
    await b.signIn(admin.email, admin.password);
    for (const path of ["/integrations", "/status-mapping", "/users"]) {
      assert.equal((await b.fetch(path)).status, 200, path);
    }
  });
});

describe("a staff member changes their own password", () => {
  const own = { email: "self@example.com", password: "first-own-password" };
  before(() => assert.equal(runCli(["user:create", "--email", own.email, "--role", "staff"], server.env, `${own.password}\n`).code, 0));

  const changeForm = async (b: Browserless) => formWithField(await fetchPage(b, "/account"), "currentPassword");

  test("a wrong current password is refused beside the field; nothing changes", async () => {
    const b = new Browserless(server.url);
    await b.signIn(own.email, own.password);
    const { status, text } = await postForm(b, "/account", await changeForm(b), {
      currentPassword: "not-my-password",
      password: "second-own-password",
    });
    assert.equal(status, 200);
    assert.match(text, /current password is not right/);
    assert.equal((await new Browserless(server.url).signIn(own.email, own.password)).status, 200);
  });

  test("the right one: the new password signs in, the old one and the open session do not", async () => {
    const b = new Browserless(server.url);
    await b.signIn(own.email, own.password);
    const res = await submitForm(b, "/account", await changeForm(b), { currentPassword: own.password, password: "second-own-password" });
    assert.equal(res.status, 303);
    assert.match(res.headers.get("location") ?? "", /\/sign-in\?passwordChanged=1/);
    assert.equal((await b.fetch("/orders")).status, 307, "the session opened with the old password ended");
    assert.equal((await new Browserless(server.url).signIn(own.email, own.password)).status, 401);
    assert.equal((await new Browserless(server.url).signIn(own.email, "second-own-password")).status, 200);
  });
});

test("the sign-in page says how to get in on a fresh install", async () => {
  const html = await (await fetch(`${server.url}/sign-in`)).text();
  assert.match(html, /A fresh install\?/);
  assert.match(html, /user:set-password --email admin@demo.local/);
  assert.doesNotMatch(html, /demo-admin-pass/);
});
