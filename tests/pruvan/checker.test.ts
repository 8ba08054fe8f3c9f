import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import type { CheckReport } from "@/lib/pruvan/check/checks";
import { connectIntegration, type Creds } from "../support/pruvan";
import { ROOT, runCli, startServer, type RunningServer } from "../support/server";
import { createOrder, useDataDir } from "../support/work-item-fixtures";

// The conformance checker (npm run pruvan:check) against our own running server, the way
// a customer runs it against their install; and the integration CLI it needs a key from.

let server: RunningServer;
let acme: Creds;

before(async () => {
  server = await startServer();
  useDataDir(server.dataDir);
  acme = connectIntegration(server, "check-acme", ["--mode", "internal", "--client-code", "CHK", "--name", "Acme Preservation"]);
  await createOrder("CHK-1", [{ serviceName: "Lawn Maintenance" }, { serviceName: "Exterior Photos" }], "check-acme");
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

/**
 * Runs the checker as a person would. Not spawnSync: with TEST_STORAGE=s3 the S3 server the
 * portal stores into runs in this process, and a blocked event loop left every upload hanging.
 */
function check(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["lib/pruvan/check/main.ts", ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
const base = () => ["--url", `${server.url}/api/pruvan`, "--username", acme.username, "--token", acme.token];

describe("pruvan:check against our server", () => {
  test("every check passes; --json reports what was uploaded where", async () => {
    const r = await check([...base(), "--ext", ".html", "--client-code", "CHK", "--json"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as CheckReport;
    assert.equal(report.ok, true);
    assert.equal(report.order, "CHK-1");
    assert.deepEqual(report.summary, { passed: 13, failed: 0, skipped: 0 });
    assert.ok(
      report.checks.every((c) => c.status === "pass"),
      JSON.stringify(report.checks),
    );

    const order = await db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: "CHK-1" }, include: { workItems: true } });
    const byUuId = new Map(order.workItems.map((i) => [i.uuId, i]));
    assert.equal(byUuId.get(report.uploaded.photo!)?.fileType, "picture");
    assert.equal(byUuId.get(report.uploaded.photo!)?.contentType, "image/jpeg");
    assert.ok(byUuId.get(report.uploaded.survey!)?.survey, "survey answers kept");
    assert.ok(byUuId.get(report.uploaded.checkIn!)?.checkIn, "check-in kept");
    assert.equal(order.pruvanStatus, "assigned");
    assert.equal(order.fieldStatus, "in-process");
    const integration = await db().integration.findUniqueOrThrow({ where: { username: acme.username } });
    assert.match(integration.pushKeyUrl ?? "", /^https:\/\/direct\.pruvan\.com\/api\/\?apiKey=/, "the doc's example push key by default");
  });

  test("human output without an extension: one line per check and a summary", async () => {
    const r = await check([...base(), "--order", "CHK-1", "--push-key", "none"]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PASS {2}validate: key accepted/m);
    assert.match(r.stdout, /^PASS {2}uploadPictures: photo \(jpg\) \(\d+ ms\)\n {6}to CHK-1$/m);
    assert.match(r.stdout, /13 passed, 0 failed, 0 skipped \(order CHK-1\)/);
  });

  test("a wrong key fails the checks and exits 1", async () => {
    const r = await check(["--url", `${server.url}/api/pruvan`, "--username", acme.username, "--token", "pk_wrong", "--json"]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.stdout) as CheckReport;
    assert.equal(report.ok, false);
    assert.equal(report.checks[0]!.status, "fail");
    assert.match(report.checks[0]!.detail ?? "", /invalid username or password/);
  });

  test("an address that is not a Pruvan API fails clearly", async () => {
    const r = await check(["--url", `${server.url}/api/nothing-here`, "--username", "u", "--token", "t", "--json"]);
    assert.equal(r.code, 1);
    assert.match((JSON.parse(r.stdout) as CheckReport).checks[0]!.detail ?? "", /^HTTP 4\d\d \(expected 200\)/);
  });

  test("bad flags exit 2 with the usage", async () => {
    for (const args of [
      [],
      ["--url", "not a url", "--username", "u", "--token", "t"],
      [...base(), "--ext", "../x"],
      [...base(), "--frobnicate"],
    ]) {
      const r = await check(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, /Usage: npm run pruvan:check/);
    }
  });
});

describe("integration CLI", () => {
  test("create prints the username and the key once; list shows only a prefix", () => {
    const created = runCli(["integration:create", "--username", "Cli-User", "--mode", "external", "--auto-admin"], server.env);
    assert.equal(created.code, 0, created.stderr);
    const out = created.json() as Record<string, string>;
    assert.deepEqual(Object.keys(out), ["username", "token"]);
    assert.equal(out.username, "cli-user", "usernames are case-insensitive");
    assert.match(out.token!, /^pk_[A-Za-z0-9_-]{43}$/);
    const list = runCli(["integration:list"], server.env);
    assert.equal(list.code, 0);
    assert.ok(!list.stdout.includes(out.token!), "the key is never listed");
    const row = (list.json() as Array<{ username: string; mode: string; autoAdmin: boolean; keys: Array<{ prefix: string }> }>).find(
      (i) => i.username === "cli-user",
    )!;
    assert.deepEqual([row.mode, row.autoAdmin, row.keys.map((k) => k.prefix)], ["external", true, [`${out.token!.slice(0, 8)}...`]]);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["missing mode", ["integration:create", "--username", "x1"], /mode: must be internal or external/],
    ["bad mode", ["integration:create", "--username", "x2", "--mode", "both"], /mode: must be internal or external/],
    ["bad username", ["integration:create", "--username", "a b", "--mode", "internal"], /username: may use letters/],
    ["bad client code", ["integration:create", "--username", "x3", "--mode", "internal", "--client-code", "A::B"], /clientCode:/],
    ["duplicate username", ["integration:create", "--username", "CHECK-ACME", "--mode", "internal"], /already exists/],
    ["rotate unknown", ["integration:rotate-key", "--username", "nobody"], /No integration with username "nobody"/],
    ["revoke without username", ["integration:revoke"], /username: is required/],
  ];
  for (const [name, args, message] of bad) {
    test(`bad input exits 2: ${name}`, () => {
      const r = runCli(args, server.env);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    });
  }
});
