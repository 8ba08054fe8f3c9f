import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { after, test } from "node:test";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { freePort, freshDataDir, productionServerEnv, ROOT } from "../support/server";
import { useDataDir } from "../support/work-item-fixtures";

// The quick start's first run (npm run up on a fresh data folder): the portal serves, and a
// demo crew works the demo orders through its Pruvan API; a later start does not replay it.

const dataDir = freshDataDir("first-run");
after(async () => {
  await db().$disconnect();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs scripts/up.sh until `until` appears in its output, then stops it (and the server it started). */
async function up(port: number, until: RegExp): Promise<string> {
  const env = productionServerEnv(dataDir, port);
  const child = spawn("bash", ["scripts/up.sh"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM"); // the script's whole group: npm, the server, the crew
    } catch {
      // already gone
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${until} within 240 s:\n${output}`)), 240_000);
      const seen = (d: Buffer) => {
        output += d.toString();
        if (until.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on("data", seen);
      child.stderr!.on("data", seen);
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`up.sh exited (${code}) before ${until}:\n${output}`));
      });
    });
  } finally {
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", r));
    stop();
    await exited;
  }
  return output;
}

test("npm run up: the first start plays the demo crew, a later one does not", async () => {
  const first = await up(await freePort(), /Demo crew done: open order DEMO-1001/);
  assert.match(first, /"seeded": true/);
  // The admin's password: random, printed on this terminal once, stored only as a hash.
  const password = /"password": "([\w-]{20})"/.exec(first)?.[1];
  assert.ok(password, `a password is printed:\n${first}`);
  assert.match(first, /Sign in as admin@demo.local with the password above \(shown only this once\)/);
  assert.match(first, /DEMO-1001: 9 photos, 1 survey, 1 check-in, 3 status reports/);
  useDataDir(dataDir);
  const items = () => db().workItem.count({ where: { workOrder: { workOrderNumber: "DEMO-1001" } } });
  const worked = await items();
  assert.equal(worked, 11); // 9 photos, the survey, the check-in
  const admin = await db().user.findUniqueOrThrow({ where: { email: "admin@demo.local" } });
  assert.equal(await verifyPassword(password, admin.passwordHash), true);
  assert.equal(await verifyPassword("demo-admin-pass", admin.passwordHash), false, "the once-published password is no install's");

  const second = await up(await freePort(), /"listening"/);
  assert.match(second, /"seeded": false/);
  assert.doesNotMatch(second, /Demo crew/);
  assert.doesNotMatch(second, new RegExp(password), "the password is shown once");
  assert.match(second, /user:set-password --email admin@demo.local/);
  assert.equal(await items(), worked);
});
