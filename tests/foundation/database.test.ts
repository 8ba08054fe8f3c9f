import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import Database from "better-sqlite3";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
before(async () => (server = await startServer()));
after(() => server.stop());

test("the server applies every migration to an empty database on start", () => {
  const sqlite = new Database(path.join(server.dataDir, "portal.db"), { readonly: true });
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  const names = new Set(tables.map((t) => t.name));
  for (const model of [
    "User",
    "Integration",
    "ApiKey",
    "WorkOrder",
    "Service",
    "WorkItem",
    "StatusEvent",
    "StatusMapping",
    "PushJob",
    "PruvanCall",
    "SignInThrottle",
  ]) {
    assert.ok(names.has(model), `table ${model} exists`);
  }
  const applied = sqlite.prepare("select count(*) as n from _prisma_migrations where finished_at is not null").get() as { n: number };
  assert.ok(applied.n >= 1);
  const mode = sqlite.pragma("journal_mode", { simple: true });
  assert.equal(mode, "wal");
  sqlite.close();
});

test("workOrderNumber is unique and incremental pulls are index-backed", () => {
  const sqlite = new Database(path.join(server.dataDir, "portal.db"), { readonly: true });
  const plan = sqlite
    .prepare("explain query plan select id from WorkOrder where integrationId = ? and updatedAt >= ?")
    .all("x", "2026-01-01") as { detail: string }[];
  assert.match(plan.map((p) => p.detail).join(" "), /USING INDEX WorkOrder_integrationId_updatedAt_idx/);
  const unique = sqlite.prepare("select sql from sqlite_master where name = 'WorkOrder_workOrderNumber_key'").get() as { sql: string };
  assert.match(unique.sql, /CREATE UNIQUE INDEX/);
  sqlite.close();
});

test("the health route answers JSON and pages carry security headers", async () => {
  const health = await fetch(`${server.url}/api/health`);
  assert.deepEqual(await health.json(), { ok: true, database: "ok", storage: "ok", draining: false });
  const page = await fetch(`${server.url}/sign-in`);
  assert.equal(page.headers.get("x-content-type-options"), "nosniff");
  assert.match(page.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
});
