import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { callFormAction, fetchPage, findForm, formWithField, postForm, readForms, submitForm } from "../support/forms";
import { textOf } from "../support/html";
import { createOrder, deleteOrder } from "@/lib/orders/manage";
import { adminActor, makeIntegration, simpleOrder } from "../support/orders";
import { post as pruvan, sha1 } from "../support/pruvan";
import { startServer, type RunningServer } from "../support/server";
import { Browserless, signedInStaffAndAdmin } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// The admin pages' writes (integrations and their keys, the status mapping) and the push
// log's retry and discard, through their real server actions over HTTP: what each refuses
// and why, what it stores, and that staff cannot call what is for admins.

let server: RunningServer;
let staff: Browserless;
let admin: Browserless;

before(async () => {
  server = await startServer({ env: { PUSH_WORKER: "off" } });
  useDataDir(server.dataDir);
  ({ staff, admin } = await signedInStaffAndAdmin(server));
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const validate = (username: string, key: string) =>
  pruvan(server, "validate.html", { as: "multipart", payload: { username, password: sha1(key), token: key } });
const keyOnPage = (html: string) =>
  /data-testid="api-key"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*data-testid="api-key"/.exec(html)?.slice(1).find(Boolean) ?? null;

/** Every file under the server's data folder (the database, its WAL, storage) holding this text. */
function filesHolding(text: string): string[] {
  return readdirSync(server.dataDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => readFileSync(file).includes(text));
}

describe("integrations", () => {
  let integrationId: string;
  let firstKey: string;

  test("creating one shows its Pruvan setup with the API key once; only the key's hashes are stored", async () => {
    const form = formWithField(await fetchPage(admin, "/integrations"), "username");
    const res = await postForm(admin, "/integrations", form, {
      username: "Field-Crew",
      name: "Field crew account",
      mode: "internal",
      clientCode: "FC",
    });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes("Created integration field-crew."), res.text.slice(0, 800));
    assert.ok(res.text.includes("Copy the key now: you won't see it again."));
    assert.match(res.html, new RegExp(`id="setup-url"[^>]*value="${server.url}/api/pruvan"`));
    assert.match(res.html, /id="setup-extension"[^>]*value="html"/);
    assert.match(res.html, /id="setup-username"[^>]*value="field-crew"/);
    const key = keyOnPage(res.html);
    assert.ok(key && /^pk_[A-Za-z0-9_-]{43}$/.test(key), String(key));
    firstKey = key;

    const integration = await db().integration.findUniqueOrThrow({ where: { username: "field-crew" }, include: { apiKeys: true } });
    integrationId = integration.id;
    assert.deepEqual([integration.mode, integration.clientCode, integration.name], ["internal", "FC", "Field crew account"]);
    assert.equal(integration.apiKeys.length, 1);
    assert.equal(integration.apiKeys[0]!.tokenHash, sha256(key));
    assert.equal(integration.apiKeys[0]!.passwordVerifier, sha256(sha1(key)));
    assert.equal(integration.apiKeys[0]!.prefix, key.slice(0, 8));
    await db().$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    assert.deepEqual(filesHolding(key), [], "the key itself is nowhere on disk");

    // Never shown again: not on the list, not on the integration's page.
    assert.equal(keyOnPage(await fetchPage(admin, "/integrations")), null);
    const detail = await fetchPage(admin, `/integrations/${integrationId}`);
    assert.ok(!detail.includes(key));
    assert.ok(textOf(detail).includes("Shown once when issued and never stored."));
    // And it is the key Pruvan's calls are checked against.
    assert.deepEqual((await validate("field-crew", key)).json, { error: "", validated: true });
  });

  test("a username that is taken or malformed is refused beside the field", async () => {
    const form = formWithField(await fetchPage(admin, "/integrations"), "username");
    const taken = await postForm(admin, "/integrations", form, { username: "FIELD-crew", mode: "external" });
    assert.match(taken.html, /id="username-error"[^>]*>is already taken</);
    const bad = await postForm(admin, "/integrations", form, { username: "no spaces", mode: "external" });
    assert.match(bad.html, /id="username-error"[^>]*>may use letters, digits and \. _ @ \+ - only</);
    assert.equal(await db().integration.count(), 1);
  });

  test("the integration page shows the connection and the calls Pruvan made", async () => {
    const text = textOf(await fetchPage(admin, `/integrations/${integrationId}`));
    assert.ok(text.includes("Validated by Pruvan"));
    assert.match(text, /Recent calls from Pruvan\s*\(1\)/);
    assert.match(text, /validate\s*ok\s*200/);
    assert.ok(text.includes("not set"), "no push key: Pruvan's validate sent none");
  });

  test("rotate needs a confirmation; the new key shows once and the old one stops working", async () => {
    const refused = await callFormAction(admin, `/integrations/${integrationId}`, "rotateKeyAction", { integrationId });
    assert.ok(refused.text.includes("Confirm that the current key stops working at once."), refused.text);
    assert.deepEqual((await validate("field-crew", firstKey)).json, { error: "", validated: true });

    const rotated = await callFormAction(admin, `/integrations/${integrationId}`, "rotateKeyAction", { integrationId, confirm: "on" });
    const key = /"apiKey":"(pk_[^"]+)"/.exec(rotated.text)?.[1];
    assert.ok(key && key !== firstKey, rotated.text);
    assert.equal((await validate("field-crew", firstKey)).json && (await validate("field-crew", firstKey)).status, 200);
    assert.equal(((await validate("field-crew", firstKey)).json as { validated: boolean }).validated, false);
    assert.deepEqual((await validate("field-crew", key)).json, { error: "", validated: true });
    await db().$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    assert.deepEqual(filesHolding(key), []);
    assert.ok(!(await fetchPage(admin, `/integrations/${integrationId}`)).includes(key));

    const revoked = await callFormAction(admin, `/integrations/${integrationId}`, "revokeKeysAction", { integrationId, confirm: "on" });
    assert.ok(revoked.text.includes("Revoked 1 key"), revoked.text);
    assert.equal(((await validate("field-crew", key)).json as { validated: boolean }).validated, false);
    assert.ok(textOf(await fetchPage(admin, `/integrations/${integrationId}`)).includes("none: Pruvan's calls are refused"));
  });

  test('"Ask Pruvan to refresh now" needs a push key, then queues one refresh', async () => {
    const none = await callFormAction(admin, `/integrations/${integrationId}`, "refreshIntegrationAction", { integrationId });
    assert.ok(none.text.includes("has no push key yet"), none.text);
    await db().integration.update({
      where: { id: integrationId },
      data: { pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=secret-push-key", pushKeyAt: new Date() },
    });
    const asked = await callFormAction(admin, `/integrations/${integrationId}`, "refreshIntegrationAction", { integrationId });
    assert.ok(asked.text.includes("Asked: Pruvan starts importing"), asked.text);
    const again = await callFormAction(admin, `/integrations/${integrationId}`, "refreshIntegrationAction", { integrationId });
    assert.ok(again.text.includes("already waiting"), again.text);
    assert.equal(await db().pushJob.count({ where: { integrationId, kind: "refresh", state: "pending" } }), 1);
    // The page names the push key's host, never the key itself (it is a credential).
    const detail = await fetchPage(admin, `/integrations/${integrationId}`);
    assert.ok(textOf(detail).includes("direct.pruvan.com"));
    assert.ok(!detail.includes("secret-push-key"));
  });

  test("settings: name, mode, auto_admin and client code change; a new mode sends the current orders again", async () => {
    const page = `/integrations/${integrationId}`;
    assert.ok(textOf(await fetchPage(admin, page)).includes("Edit settings"));
    const order = await createOrder(simpleOrder(integrationId), adminActor);
    const gone = await createOrder(simpleOrder(integrationId), adminActor);
    await deleteOrder(gone.id, adminActor, { confirm: true });
    const bad = await callFormAction(admin, page, "updateSettingsAction", { integrationId, mode: "sideways", clientCode: "no spaces" });
    assert.ok(bad.text.includes("must be internal or external") && bad.text.includes("may use letters, digits, _ and - only"), bad.text);
    const pushesBefore = await db().pushJob.count({ where: { integrationId, workOrderId: order.id } });
    const before = await db().workOrder.findUniqueOrThrow({ where: { id: order.id }, select: { updatedAt: true } });

    const saved = await callFormAction(admin, page, "updateSettingsAction", {
      integrationId,
      name: "Field crew (vendor)",
      mode: "external",
      autoAdmin: "on",
      clientCode: "",
    });
    assert.ok(
      saved.text.includes("Saved the settings of field-crew.") &&
        saved.text.includes("its 1 current order goes to Pruvan again under the new rules (1 queued for push)"),
      saved.text,
    );
    const stored = await db().integration.findUniqueOrThrow({ where: { id: integrationId } });
    assert.deepEqual(
      [stored.name, stored.mode, stored.autoAdmin, stored.clientCode, stored.username],
      ["Field crew (vendor)", "external", true, null, "field-crew"],
    );
    assert.equal(await db().pushJob.count({ where: { integrationId, workOrderId: order.id } }), pushesBefore + 1);
    const changed = await db().workOrder.findUniqueOrThrow({ where: { id: order.id }, select: { updatedAt: true } });
    assert.ok(changed.updatedAt > before.updatedAt, "incremental pulls send it again");

    const nameOnly = await callFormAction(admin, page, "updateSettingsAction", {
      integrationId,
      name: "",
      mode: "external",
      autoAdmin: "on",
      clientCode: "FC",
    });
    assert.ok(nameOnly.text.includes("Saved the settings of field-crew.") && !nameOnly.text.includes("again"), nameOnly.text);
    const renamed = await db().integration.findUniqueOrThrow({ where: { id: integrationId } });
    assert.deepEqual([renamed.name, renamed.clientCode], ["field-crew", "FC"], "a blank name is the username");
  });
});

describe("status mapping", () => {
  const row = (clientStatus: string) => db().statusMapping.findUnique({ where: { clientStatus } });

  test("a new mapping is stored; one that breaks a rule is refused with the reason beside the field", async () => {
    // The "add" form: the one mapping form without a mapping id.
    const form = readForms(await fetchPage(admin, "/status-mapping")).find(
      (f) => f.some((x) => x.name === "clientStatus") && !f.some((x) => x.name === "id"),
    )!;
    const added = await postForm(admin, "/status-mapping", form, { clientStatus: "Expedite", pruvanStatus: "rush", note: "" });
    assert.ok(added.text.includes('Mapped "Expedite" → rush.'), added.text.slice(0, 900));
    assert.equal((await row("Expedite"))?.pruvanStatus, "rush");

    const complete = await postForm(admin, "/status-mapping", form, { clientStatus: "Vendor done", pruvanStatus: "complete" });
    assert.match(
      complete.html,
      /id="m-new-pruvan-error"[^>]*>&quot;complete&quot; is set by Pruvan users or Pruvan&#x27;s workflow only, never by a remote system\.</,
    );
    assert.equal(await row("Vendor done"), null);

    const deleted = await postForm(admin, "/status-mapping", form, { clientStatus: "Gone", pruvanStatus: "deleted" });
    assert.match(
      deleted.html,
      /id="m-new-pruvan-error"[^>]*>Setting &quot;deleted&quot; removes the order from Pruvan\. Confirm it explicitly to proceed\.</,
    );
    const confirmed = await postForm(admin, "/status-mapping", form, {
      clientStatus: "Gone",
      pruvanStatus: "deleted",
      confirmDelete: "on",
    });
    assert.ok(confirmed.text.includes('Mapped "Gone" → deleted. Not advised by Pruvan: use with caution.'), confirmed.text.slice(0, 900));

    const internalOnly = await postForm(admin, "/status-mapping", form, { clientStatus: "Crew assigned", pruvanStatus: "assigned" });
    assert.ok(internalOnly.text.includes('Mapped "Crew assigned" → assigned. Applied for internal integrations only.'));

    const twin = await postForm(admin, "/status-mapping", form, { clientStatus: "expedite", pruvanStatus: "" });
    assert.match(twin.html, /id="m-new-client-error"[^>]*>is already mapped</);
  });

  test("a mapping is changed and deleted in its own row", async () => {
    const expedite = (await row("Expedite"))!;
    const html = await fetchPage(admin, "/status-mapping");
    const fields = findForm(html, { id: expedite.id });
    const refused = await postForm(admin, "/status-mapping", fields, { pruvanStatus: "invoiced" });
    assert.match(refused.html, new RegExp(`id="m-${expedite.id}-pruvan-error"[^>]*>&quot;invoiced&quot; is set by Pruvan users`));
    const saved = await postForm(admin, "/status-mapping", fields, { pruvanStatus: "rework", note: "office asked" });
    assert.ok(saved.text.includes('Saved "Expedite" → rework.'), saved.text.slice(0, 900));
    assert.deepEqual([(await row("Expedite"))?.pruvanStatus, (await row("Expedite"))?.note], ["rework", "office asked"]);

    const removed = await callFormAction(admin, "/status-mapping", "deleteMappingAction", { id: expedite.id });
    assert.ok(removed.text.includes('Removed the mapping of \\"Expedite\\"'), removed.text);
    assert.equal(await row("Expedite"), null);
  });

  test("the rules are explained on the page", async () => {
    const text = textOf(await fetchPage(admin, "/status-mapping"));
    assert.ok(text.includes("accepted (may not be mapped): Never remotely: set by Pruvan users."));
    assert.ok(text.includes("deleted (may be mapped): Update only, with explicit confirmation. Not advised."));
  });
});

describe("push log", () => {
  let dead: string;
  let pending: string;

  before(async () => {
    const integration = await makeIntegration({ username: "pushy", pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=p" });
    const order = await db().workOrder.create({
      data: {
        workOrderNumber: "PL-1",
        integrationId: integration.id,
        address1: "1 Log Lane",
        city: "Austin",
        state: "TX",
        zip: "78701",
        pushError: "invalid zip for this account",
        pushErrorAt: new Date(),
        services: { create: [{ serviceName: "Lawn", position: 0 }] },
      },
    });
    const batch = await db().pushBatch.create({
      data: {
        integrationId: integration.id,
        kind: "upsert",
        orderCount: 1,
        outcome: "failed",
        httpStatus: 500,
        response: "upstream exploded",
        durationMs: 12,
        finishedAt: new Date(),
      },
    });
    dead = (
      await db().pushJob.create({
        data: {
          integrationId: integration.id,
          workOrderId: order.id,
          state: "dead",
          attempts: 12,
          lastStatus: 500,
          lastError: "HTTP 500",
          batchId: batch.id,
        },
      })
    ).id;
    pending = (
      await db().pushJob.create({
        data: {
          integrationId: integration.id,
          workOrderId: order.id,
          state: "pending",
          attempts: 2,
          nextAttemptAt: new Date(Date.now() + 3_600_000),
        },
      })
    ).id;
  });

  test("jobs show Pruvan's per-order error; staff get Retry now, only admins Discard", async () => {
    const forStaff = await fetchPage(staff, "/push-log");
    assert.ok(textOf(forStaff).includes("Pruvan's error for this order: invalid zip for this account"));
    assert.match(forStaff, /aria-label="Retry now: upsert push of PL-1 to pushy/);
    assert.doesNotMatch(forStaff, /aria-label="Discard: /);
    assert.match(await fetchPage(admin, "/push-log"), /aria-label="Discard: upsert push of PL-1 to pushy/);
  });

  test("retry now puts a dead job back in the queue with fresh attempts; the list it came from says so", async () => {
    const html = await fetchPage(staff, "/push-log?state=dead");
    const res = await submitForm(staff, "/push-log?state=dead", findForm(html, { jobId: dead }));
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), `/push-log?state=dead&retried=${dead}`);
    const job = await db().pushJob.findUniqueOrThrow({ where: { id: dead } });
    assert.deepEqual([job.state, job.attempts], ["pending", 0]);
    assert.ok(job.nextAttemptAt.getTime() <= Date.now());
    const text = textOf(await fetchPage(staff, `/push-log?state=dead&retried=${dead}`));
    assert.match(
      text,
      /Queued again\s*The upsert push of PL-1 to pushy, queued [^.]+ is pending: it is sent with the next push, within seconds\./,
    );
  });

  test("discard is for admins", async () => {
    const byStaff = await callFormAction(staff, "/push-log", "discardPushJobAction", { jobId: pending, back: "/push-log" });
    assert.equal(byStaff.status, 403);
    assert.equal((await db().pushJob.findUniqueOrThrow({ where: { id: pending } })).state, "pending");
    const byAdmin = await callFormAction(admin, "/push-log", "discardPushJobAction", { jobId: pending, back: "/push-log?state=pending" });
    assert.match(byAdmin.redirect ?? "", new RegExp(`^/push-log\\?state=pending&discarded=${pending}`));
    assert.equal((await db().pushJob.findUniqueOrThrow({ where: { id: pending } })).state, "discarded");
    assert.ok(textOf(await fetchPage(admin, `/push-log?discarded=${pending}`)).includes("is discarded: Pruvan will not get this change."));
  });

  test("the calls to Pruvan's push key are listed with its answer", async () => {
    const text = textOf(await fetchPage(staff, "/push-log?view=calls"));
    assert.match(text, /pushy\s*upsert\s*1\s*failed\s*12 ms\s*HTTP 500\s*upstream exploded/);
  });
});

describe("staff cannot call what is for admins", () => {
  test("admin pages answer 403 and admin actions change nothing", async () => {
    for (const url of ["/integrations", "/status-mapping"]) assert.equal((await staff.fetch(url)).status, 403, url);
    const integration = await db().integration.findUniqueOrThrow({ where: { username: "field-crew" } });
    const mapping = await db().statusMapping.findFirstOrThrow();
    const before = {
      integrations: JSON.stringify(
        await db().integration.findMany({
          orderBy: { id: "asc" },
          select: { id: true, name: true, mode: true, autoAdmin: true, clientCode: true },
        }),
      ),
      keys: await db().apiKey.count(),
      mappings: JSON.stringify(await db().statusMapping.findMany({ orderBy: { id: "asc" } })),
      jobs: await db().pushJob.count(),
    };
    const calls: [string, string, Record<string, string>][] = [
      ["/integrations", "createIntegrationAction", { username: "sneaky", mode: "internal" }],
      [`/integrations/${integration.id}`, "rotateKeyAction", { integrationId: integration.id, confirm: "on" }],
      [`/integrations/${integration.id}`, "revokeKeysAction", { integrationId: integration.id, confirm: "on" }],
      [`/integrations/${integration.id}`, "refreshIntegrationAction", { integrationId: integration.id }],
      [
        `/integrations/${integration.id}`,
        "updateSettingsAction",
        { integrationId: integration.id, name: "Sneaky", mode: "internal", clientCode: "X" },
      ],
      ["/status-mapping", "createMappingAction", { clientStatus: "Sneaky", pruvanStatus: "rush" }],
      ["/status-mapping", "updateMappingAction", { id: mapping.id, clientStatus: mapping.clientStatus, pruvanStatus: "rework" }],
      ["/status-mapping", "deleteMappingAction", { id: mapping.id }],
    ];
    for (const [to, action, fields] of calls) {
      const res = await callFormAction(staff, to, action, fields);
      assert.equal(res.status, 403, action);
      assert.doesNotMatch(res.text, /pk_/, action);
    }
    assert.deepEqual(
      {
        integrations: JSON.stringify(
          await db().integration.findMany({
            orderBy: { id: "asc" },
            select: { id: true, name: true, mode: true, autoAdmin: true, clientCode: true },
          }),
        ),
        keys: await db().apiKey.count(),
        mappings: JSON.stringify(await db().statusMapping.findMany({ orderBy: { id: "asc" } })),
        jobs: await db().pushJob.count(),
      },
      before,
    );
  });
});
