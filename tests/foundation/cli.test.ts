import assert from "node:assert/strict";
import { test } from "node:test";
import { verifyPassword } from "@/lib/auth/password";
import { freshDataDir, runCli } from "../support/server";

const env = { DATA_DIR: freshDataDir("cli") };

test("user:create prints the user as JSON", () => {
  const r = runCli(["user:create", "--email", "Ann@Example.com", "--role", "admin"], env, "long-enough-pw");
  assert.equal(r.code, 0, r.stderr);
  const out = r.json() as { email: string; role: string; id: string };
  assert.equal(out.email, "ann@example.com");
  assert.equal(out.role, "admin");
  assert.ok(out.id);
});

const badCases: Array<{ name: string; args: string[]; stdin?: string; message: RegExp }> = [
  {
    name: "bad role",
    args: ["user:create", "--email", "b@example.com", "--role", "boss"],
    stdin: "long-enough-pw\n",
    message: /role: must be admin or staff/,
  },
  { name: "missing email", args: ["user:create", "--role", "staff"], stdin: "long-enough-pw\n", message: /email:/ },
  {
    name: "short password",
    args: ["user:create", "--email", "c@example.com", "--role", "staff"],
    stdin: "short\n",
    message: /password: must be at least 10 characters/,
  },
  {
    name: "password past bcrypt's 72 bytes",
    args: ["user:create", "--email", "c@example.com", "--role", "staff"],
    stdin: `${"é".repeat(40)}\n`,
    message: /password: must be at most 72 bytes/,
  },
  { name: "no password on stdin", args: ["user:create", "--email", "c@example.com", "--role", "staff"], message: /password: none given/ },
  {
    name: "a password as a flag",
    args: ["user:create", "--email", "c@example.com", "--password", "long-enough-pw", "--role", "staff"],
    stdin: "long-enough-pw\n",
    message: /password: is not taken as a flag/,
  },
  {
    name: "set-password with a flag",
    args: ["user:set-password", "--email", "ann@example.com", "--password", "long-enough-pw"],
    stdin: "long-enough-pw\n",
    message: /password: is not taken as a flag/,
  },
  {
    name: "set-password of nobody",
    args: ["user:set-password", "--email", "nobody@example.com"],
    stdin: "long-enough-pw\n",
    message: /No user has the email/,
  },
  {
    name: "unknown flag",
    args: ["user:create", "--email", "d@example.com", "--role", "staff", "--admin"],
    stdin: "long-enough-pw\n",
    message: /admin/,
  },
  { name: "unknown command", args: ["user:frobnicate"], message: /Unknown command "user:frobnicate"/ },
  {
    name: "duplicate email",
    args: ["user:create", "--email", "ann@example.com", "--role", "staff"],
    stdin: "long-enough-pw\n",
    message: /already exists/,
  },
];

for (const c of badCases) {
  test(`bad input is refused clearly: ${c.name}`, () => {
    const r = runCli(c.args, env, c.stdin);
    assert.equal(r.code, 2, `exit code for ${c.name}; stderr: ${r.stderr}`);
    assert.match(r.stderr, c.message);
    assert.equal(r.stdout, "");
    assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
  });
}

test("a bad configuration value is named", () => {
  const r = runCli(["user:list"], { ...env, PORT: "not-a-port" });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /PORT/);
});

test("demo:seed runs once, with a random admin password shown only then", () => {
  const dir = { DATA_DIR: freshDataDir("seed") };
  const first = runCli(["demo:seed"], dir).json() as { seeded: boolean; login: { email: string; password: string } };
  assert.equal(first.seeded, true);
  assert.equal(first.login.email, "admin@demo.local");
  assert.match(first.login.password, /^[\w-]{20}$/);
  const again = runCli(["demo:seed"], { DATA_DIR: freshDataDir("seed") }).json() as { login: { password: string } };
  assert.notEqual(again.login.password, first.login.password, "every install gets its own password");
  const later = runCli(["demo:seed"], dir);
  assert.equal((later.json() as { seeded: boolean }).seeded, false);
  assert.doesNotMatch(later.stdout, new RegExp(first.login.password), "shown once");
});

test("user:set-password takes the new password from stdin; the old one stops working", async () => {
  const dir = { DATA_DIR: freshDataDir("set-password") };
  const { login } = runCli(["demo:seed"], dir).json() as { login: { email: string; password: string } };
  const r = runCli(["user:set-password", "--email", login.email], dir, "a-brand-new-password\n");
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json(), { email: login.email, passwordChanged: true });
  const Database = (await import("better-sqlite3")).default;
  const sqlite = new Database(`${dir.DATA_DIR}/portal.db`, { readonly: true });
  const { passwordHash } = sqlite.prepare("select passwordHash from User where email = ?").get(login.email) as { passwordHash: string };
  sqlite.close();
  assert.equal(await verifyPassword("a-brand-new-password", passwordHash), true);
  assert.equal(await verifyPassword(login.password, passwordHash), false);
});
