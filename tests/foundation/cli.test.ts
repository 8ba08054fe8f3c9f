import assert from "node:assert/strict";
import { test } from "node:test";
import { freshDataDir, runCli } from "../support/server";

const env = { DATA_DIR: freshDataDir("cli") };

test("user:create prints the user as JSON", () => {
  const r = runCli(["user:create", "--email", "Ann@Example.com", "--password", "long-enough-pw", "--role", "admin"], env);
  assert.equal(r.code, 0, r.stderr);
  const out = r.json() as { email: string; role: string; id: string };
  assert.equal(out.email, "ann@example.com");
  assert.equal(out.role, "admin");
  assert.ok(out.id);
});

const badCases: Array<{ name: string; args: string[]; message: RegExp }> = [
  { name: "bad role", args: ["user:create", "--email", "b@example.com", "--password", "long-enough-pw", "--role", "boss"], message: /role: must be admin or staff/ },
  { name: "missing email", args: ["user:create", "--password", "long-enough-pw", "--role", "staff"], message: /email:/ },
  { name: "short password", args: ["user:create", "--email", "c@example.com", "--password", "short", "--role", "staff"], message: /password: must be at least 10 characters/ },
  { name: "unknown flag", args: ["user:create", "--email", "d@example.com", "--password", "long-enough-pw", "--role", "staff", "--admin"], message: /admin/ },
  { name: "unknown command", args: ["user:frobnicate"], message: /Unknown command "user:frobnicate"/ },
  { name: "duplicate email", args: ["user:create", "--email", "ann@example.com", "--password", "long-enough-pw", "--role", "staff"], message: /already exists/ },
];

for (const c of badCases) {
  test(`bad input is refused clearly: ${c.name}`, () => {
    const r = runCli(c.args, env);
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

test("demo:seed runs once", () => {
  const dir = { DATA_DIR: freshDataDir("seed") };
  const first = runCli(["demo:seed"], dir).json() as { seeded: boolean; login: { email: string } };
  assert.equal(first.seeded, true);
  assert.equal(first.login.email, "admin@demo.local");
  assert.equal((runCli(["demo:seed"], dir).json() as { seeded: boolean }).seeded, false);
});
