import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { PRUVAN_ENDPOINTS } from "@/lib/pruvan/api-wire";
import { onPostgresql } from "../support/database";
import { dumpDatabase } from "../support/postgres";
import { connectIntegration, credsOf, post, sha1, type Creds } from "../support/pruvan";
import { runCli, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";

// Secrets at rest and revocation, on the real server: after keys are issued, rotated and
// used, passwords set and used, not one byte of the database files (WAL included) holds
// a key, its sha1 or a password; a revoked key fails on the very next call, on every
// endpoint. (tests/pruvan/endpoints.test.ts checks the ApiKey columns and validate.)

let server: RunningServer;
const password = "a-long-staff-password-1";

before(async () => {
  server = await startServer();
});
after(() => server.stop());

/**
 * Every file of the SQLite database as one buffer: the file, its WAL and shared memory; on
 * PostgreSQL (TEST_DATABASE=postgresql) every row of the server's database, dumped.
 */
function databaseBytes(): Buffer {
  if (onPostgresql) return dumpDatabase(server.env.DATABASE_URL!);
  const files = readdirSync(server.dataDir).filter((f) => f.startsWith("portal.db"));
  return Buffer.concat(files.map((f) => readFileSync(path.join(server.dataDir, f))));
}

const call = (endpoint: string, creds: Creds, extra: Record<string, unknown> = {}) =>
  post(server, `${endpoint}.html`, { as: "multipart", payload: { ...credsOf(creds), ...extra } });
const refusedShape = (json: unknown) => (json as { error: unknown }).error === "invalid username or password";

describe("only hashes at rest", () => {
  test("no API key, sha1 of a key or password appears anywhere in the database files", async () => {
    const first = connectIntegration(server, "secret-a", ["--mode", "internal"]);
    const rotated = runCli(["integration:rotate-key", "--username", "secret-a"], server.env).json() as Creds;
    const other = connectIntegration(server, "secret-b", ["--mode", "external"]);
    assert.equal(runCli(["user:create", "--email", "keeper@example.com", "--role", "admin"], server.env, password).code, 0);
    for (const creds of [rotated, other])
      for (const endpoint of PRUVAN_ENDPOINTS) await call(endpoint, creds, { workOrders: [], timestamp: null });
    await call("validate", first); // a refused old key is logged too
    const browser = new Browserless(server.url);
    assert.equal((await browser.signIn("keeper@example.com", password)).status, 200);
    await browser.signIn("keeper@example.com", "wrong-password-typed");

    const bytes = databaseBytes();
    assert.ok(bytes.includes("keeper@example.com"), "the bytes read hold the database's rows");
    for (const secret of [
      first.token,
      rotated.token,
      other.token,
      sha1(first.token),
      sha1(rotated.token),
      sha1(other.token),
      password,
      "wrong-password-typed",
    ]) {
      assert.equal(bytes.indexOf(secret), -1, `found in the database: ${secret.slice(0, 6)}...`);
      assert.equal(bytes.indexOf(secret.toUpperCase()), -1);
    }
  });
});

describe("revocation", () => {
  test("a revoked key fails on the very next call to each of the four endpoints, while the server runs", async () => {
    const creds = connectIntegration(server, "secret-c", ["--mode", "internal"]);
    for (const endpoint of PRUVAN_ENDPOINTS)
      assert.ok(
        !refusedShape((await call(endpoint, creds, { workOrders: [], timestamp: null, uuId: "x", fileType: "check-in" })).json),
        endpoint,
      );
    assert.equal(runCli(["integration:revoke", "--username", "secret-c"], server.env).code, 0); // another process
    for (const endpoint of PRUVAN_ENDPOINTS) {
      const r = await call(endpoint, creds, { workOrders: [], timestamp: null });
      assert.equal(r.status, 200, endpoint);
      assert.ok(refusedShape(r.json), `${endpoint}: ${r.text}`);
    }
    // The password form of the same key is refused too.
    const r = await post(server, "validate", { as: "multipart", payload: { username: "secret-c", password: sha1(creds.token) } });
    assert.ok(refusedShape(r.json));
  });
});
