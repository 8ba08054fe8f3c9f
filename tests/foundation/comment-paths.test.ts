import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

// Comments that point at code must point at code that exists, and never outside the
// repository: a comment names the Pruvan document and section instead of a shared folder.

const root = path.resolve(__dirname, "../..");
const topFolders = ["app", "lib", "components", "scripts", "tests", "e2e", "prisma", "public", "docs", ".ci"];
const sourceFile = /\.(ts|tsx|js|mjs|cjs|sh|css|prisma)$/;
const repoPath = new RegExp(
  String.raw`(?:^|[\s\x60'"(\[])(?:@/)?((?:${topFolders.map((f) => f.replace(".", "\\.")).join("|")})/[A-Za-z0-9_\-./()\[\]@]*[A-Za-z0-9_)\]])`,
  "g",
);
const tryEndings = ["", ".ts", ".tsx", ".js", ".mjs", ".sh", ".test.ts", "/index.ts", "/index.tsx"];

function trackedSources(): string[] {
  const out = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  return out.split("\n").filter((f) => sourceFile.test(f) && !f.startsWith("lib/db/generated"));
}

/** The comment text of each line: after `//` (not `://`), after `#` in shell, inside block comments. */
function commentsOf(file: string, text: string): Array<{ line: number; comment: string }> {
  const found: Array<{ line: number; comment: string }> = [];
  let inBlock = false;
  text.split("\n").forEach((raw, i) => {
    let rest = raw;
    let comment = "";
    if (inBlock) {
      const end = rest.indexOf("*/");
      comment += end < 0 ? rest : rest.slice(0, end);
      inBlock = end < 0;
      rest = end < 0 ? "" : rest.slice(end + 2);
    }
    const open = rest.indexOf("/*");
    if (open >= 0) {
      const end = rest.indexOf("*/", open + 2);
      comment += " " + (end < 0 ? rest.slice(open + 2) : rest.slice(open + 2, end));
      inBlock = end < 0;
    }
    const line = file.endsWith(".sh") ? rest.match(/(?:^|\s)#(?!!)(.*)$/) : rest.match(/(?:^|[^:])\/\/(.*)$/);
    if (line) comment += " " + line[1];
    if (comment.trim()) found.push({ line: i + 1, comment });
  });
  return found;
}

/** A trailing ")" closes the sentence's parenthesis unless the path opened one (a route group). */
function trimmed(named: string): string {
  let clean = named.replace(/\.+$/, "");
  while (clean.endsWith(")") && clean.split("(").length < clean.split(")").length) clean = clean.slice(0, -1);
  return clean.replace(/\.+$/, "");
}

/** Generated folders (the PostgreSQL schema twin, Prisma clients) are git-ignored and exist after a build. */
function isIgnored(named: string): boolean {
  try {
    execFileSync("git", ["check-ignore", "-q", named], { cwd: root });
    return true;
  } catch {
    return false;
  }
}

function pathExists(named: string): boolean {
  const clean = trimmed(named);
  return tryEndings.some((ending) => existsSync(path.join(root, clean + ending))) || isIgnored(clean);
}

test("every repository path named in a comment exists, and no comment points outside the repository", () => {
  const problems: string[] = [];
  for (const file of trackedSources()) {
    for (const { line, comment } of commentsOf(file, readFileSync(path.join(root, file), "utf8"))) {
      if (/\.\.\/shared\b|\/work\//.test(comment)) problems.push(`${file}:${line} points outside the repository`);
      for (const match of comment.matchAll(repoPath)) {
        const named = match[1]!;
        const isGithubReference = comment[match.index! + match[0].length] === "#"; // prisma/prisma#27403
        if (/[*{]/.test(named) || isGithubReference || pathExists(named)) continue;
        problems.push(`${file}:${line} names ${named}, which does not exist`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
