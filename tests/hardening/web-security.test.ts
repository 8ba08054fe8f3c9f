import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { callFormAction, readForms, submitForm, type FormField } from "../support/forms";
import { resolveStreamedHtml } from "../support/html";
import { connectIntegration, credsOf, post, type Creds } from "../support/pruvan";
import { runCli, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { jpeg, useDataDir } from "../support/work-item-fixtures";

// The staff side against forged requests, on the production server: server actions
// posted from another Origin, admin actions called directly by staff, and the security
// headers on every kind of response (pages, the Pruvan API, files).

let server: RunningServer;
let admin: Browserless;
let staff: Browserless;
let creds: Creds;
const users = {
  admin: { email: "boss@example.com", password: "correct-horse-1", role: "admin" },
  staff: { email: "clerk@example.com", password: "correct-horse-2", role: "staff" },
  other: { email: "other@example.com", password: "correct-horse-3", role: "staff" },
};

before(async () => {
  server = await startServer();
  useDataDir(server.dataDir);
  for (const u of Object.values(users)) {
    assert.equal(runCli(["user:create", "--email", u.email, "--role", u.role], server.env, u.password).code, 0);
  }
  admin = new Browserless(server.url);
  assert.equal((await admin.signIn(users.admin.email, users.admin.password)).status, 200);
  staff = new Browserless(server.url);
  assert.equal((await staff.signIn(users.staff.email, users.staff.password)).status, 200);
  creds = connectIntegration(server, "websec", ["--mode", "internal"]);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

/** An upload no order matches: it waits in the inbox, where staff may discard it. */
async function inboxItem(): Promise<string> {
  const uuId = randomUUID();
  const r = await post(server, "uploadPictures", {
    as: "multipart",
    payload: { ...credsOf(creds), uuId, fileType: "picture", key2: "NO-SUCH-ORDER" },
    file: { bytes: await jpeg("x", "#000", 40, 30) },
  });
  assert.deepEqual(r.json, { status: true, error: null });
  return (await db().workItem.findUniqueOrThrow({ where: { uuId } })).id;
}

async function formsOf(session: Browserless, path: string): Promise<FormField[][]> {
  const res = await session.fetch(path);
  assert.equal(res.status, 200, path);
  return readForms(resolveStreamedHtml(await res.text()));
}

const withValue = (forms: FormField[][], name: string, value: string) =>
  forms.filter((f) => f.some((x) => x.name === name && x.value === value));

describe("server actions from another Origin are refused", () => {
  test("a staff action (discard an upload) posted with a foreign Origin changes nothing", async () => {
    const itemId = await inboxItem();
    const [discard] = withValue(await formsOf(staff, "/uploads"), "itemId", itemId).filter(
      (f) => !f.some((x) => x.name === "workOrderNumber"),
    );
    assert.ok(discard, "the discard form");

    const forged = await submitForm(new Forged(staff, "https://evil.example"), "/uploads", discard);
    assert.equal(forged.status, 403);
    assert.match(((await forged.json()) as { error: string }).error, /another site/);
    assert.equal((await db().workItem.findUniqueOrThrow({ where: { id: itemId } })).match, "unmatched", "not discarded");

    const sameSite = await submitForm(new Forged(staff, server.url), "/uploads", discard);
    assert.ok([200, 303].includes(sameSite.status), `HTTP ${sameSite.status}`);
    assert.equal(
      (await db().workItem.findUniqueOrThrow({ where: { id: itemId } })).match,
      "discarded",
      "the same form from our own Origin works",
    );
  });

  test("an admin action (disable a user) posted by the admin's own session from a foreign Origin changes nothing", async () => {
    const target = await db().user.findUniqueOrThrow({ where: { email: users.other.email } });
    const [disable] = withValue(await formsOf(admin, "/users"), "userId", target.id).filter((f) => f.some((x) => x.name === "disabled"));
    assert.ok(disable, "the disable form");
    const forged = await submitForm(new Forged(admin, "http://127.0.0.1.evil.example"), "/users", disable);
    assert.equal(forged.status, 403);
    assert.equal((await submitForm(new Forged(admin, "null"), "/users", disable)).status, 403, "a sandboxed frame's null Origin too");
    assert.equal((await db().user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt, null);
  });
});

describe("staff cannot reach admin actions by calling them directly", () => {
  // tests/portal/admin-pages.test.ts does the same for the integrations and status mapping actions.
  test("the Users page's actions, called by staff as the page's script would, are refused; the admin's call works", async () => {
    const target = await db().user.findUniqueOrThrow({ where: { email: users.other.email } });
    const calls: Array<[string, Record<string, string>]> = [
      ["addUserAction", { email: "intruder@example.com", password: "intruder-pass-1", role: "admin", name: "Intruder" }],
      ["setDisabledAction", { userId: target.id, disabled: "true" }],
      ["resetPasswordAction", { userId: target.id, password: "taken-over-123" }],
    ];
    for (const [action, fields] of calls) {
      assert.equal((await callFormAction(staff, "/users", action, fields)).status, 403, action);
      // Through a page staff may open, the action runs and its role check throws forbidden() into the answer.
      const viaDashboard = await callFormAction(staff, "/", action, fields);
      assert.match(viaDashboard.text, /NEXT_HTTP_ERROR_FALLBACK;403/, `${action} via /`);
    }
    const after = await db().user.findUniqueOrThrow({ where: { id: target.id } });
    assert.equal(after.disabledAt, null, "not disabled");
    assert.equal(after.passwordHash, target.passwordHash, "password unchanged");
    assert.equal(await db().user.count({ where: { email: "intruder@example.com" } }), 0, "no user added");

    // The very same call from the admin's session does what it says: the refusal above is the role check.
    assert.equal((await callFormAction(admin, "/users", "setDisabledAction", { userId: target.id, disabled: "true" })).status, 200);
    assert.ok((await db().user.findUniqueOrThrow({ where: { id: target.id } })).disabledAt, "disabled by the admin");
  });
});

describe("security headers on every kind of response", () => {
  const expectHeaders = (res: Response, what: string) => {
    const csp = res.headers.get("content-security-policy") ?? "";
    assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP frame-ancestors`);
    assert.match(csp, /default-src 'self'/, `${what}: CSP default-src`);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", `${what}: nosniff`);
    assert.equal(res.headers.get("referrer-policy"), "same-origin", `${what}: referrer policy`);
    assert.equal(res.headers.get("x-frame-options"), "DENY", `${what}: X-Frame-Options`);
  };

  test("pages, sign-in, redirects and the health check", async () => {
    expectHeaders(await staff.fetch("/"), "dashboard");
    expectHeaders(await staff.fetch("/orders"), "orders list");
    expectHeaders(await fetch(`${server.url}/sign-in`), "sign-in page");
    expectHeaders(await fetch(`${server.url}/orders`, { redirect: "manual" }), "redirect to sign-in");
    expectHeaders(await staff.fetch("/users"), "403 page");
    expectHeaders(await fetch(`${server.url}/no-such-page`), "404 page");
    expectHeaders(await fetch(`${server.url}/api/health`), "health");
  });

  test("the Pruvan API: answers, refusals, 404 and 405", async () => {
    const form = new FormData();
    form.append("payload", JSON.stringify({ ...credsOf(creds), timestamp: null }));
    expectHeaders(await fetch(`${server.url}/api/pruvan/getWorkOrders.html`, { method: "POST", body: form }), "getWorkOrders");
    expectHeaders(await fetch(`${server.url}/api/pruvan/validate`, { method: "POST", body: "{" }), "400");
    expectHeaders(await fetch(`${server.url}/api/pruvan/nope`, { method: "POST" }), "404");
    expectHeaders(await fetch(`${server.url}/api/pruvan/validate`), "405");
  });

  test("files: originals, thumbnails, and their refusals", async () => {
    const itemId = await inboxItem();
    expectHeaders(await staff.fetch(`/files/${itemId}`), "original");
    expectHeaders(await staff.fetch(`/files/${itemId}/thumb`), "thumbnail");
    expectHeaders(await fetch(`${server.url}/files/${itemId}`), "401");
    expectHeaders(await staff.fetch("/files/nope"), "404");
  });
});

/** A session whose requests carry a chosen Origin header (as a page on that site would send). */
class Forged extends Browserless {
  constructor(
    private readonly signedIn: Browserless,
    private readonly origin: string,
  ) {
    super(signedIn.baseUrl);
  }
  override fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("origin", this.origin);
    return this.signedIn.fetch(path, { ...init, headers });
  }
}
