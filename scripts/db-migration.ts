import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { postgresqlTwin } from "../prisma/postgresql-twin";

// `npm run db:migration -- NAME [--at YYYYMMDDHHMMSS] [--from GIT_REF]`: writes the next
// migration of BOTH databases from the edited prisma/schema.prisma, offline:
//   prisma/migrations/<at>_<NAME>/migration.sql             (SQLite)
//   prisma/migrations-postgresql/<at>_<NAME>/migration.sql  (PostgreSQL)
// each `prisma migrate diff --from-schema-datamodel OLD --to-schema-datamodel NEW --script`
// of its own provider, OLD being the schema as committed at GIT_REF (default HEAD): run it
// after editing the schema and before committing the edit. Review both files; add any
// data step by hand to both.

const ROOT = path.resolve(__dirname, "..");
const SQLITE_DIR = path.join(ROOT, "prisma/migrations");
const POSTGRESQL_DIR = path.join(ROOT, "prisma/migrations-postgresql");

const argsSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]+$/, "NAME: lower-case letters, digits and _ (e.g. add_leases)"),
  at: z
    .string()
    .regex(/^\d{14}$/, "--at: a timestamp YYYYMMDDHHMMSS (the prefix your brief gives)")
    .optional(),
  from: z.string().min(1).default("HEAD"),
});

function parseArgs(argv: string[]) {
  const flags: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith("--")) flags[arg.slice(2)] = argv[++i] ?? "";
    else rest.push(arg);
  }
  return argsSchema.parse({ name: rest[0], ...flags });
}

const nowStamp = () => new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);

/** `prisma migrate diff` between two schema files (or from empty) as a SQL script. */
export function diffScript(provider: "sqlite" | "postgresql", from: string | null, to: string): string {
  const args = [path.join(ROOT, "scripts/prisma.sh"), ...(provider === "postgresql" ? ["--postgresql"] : [])];
  args.push("migrate", "diff", ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script");
  // The diff needs no database, but the CLI opens its adapter's: an in-memory SQLite one, or
  // for PostgreSQL none at all (offline, prisma/prisma.postgresql.config.ts).
  const env = { ...process.env, DATABASE_URL: provider === "sqlite" ? ":memory:" : "" };
  return execFileSync("bash", args, { cwd: ROOT, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** The two migration scripts that take a database from schema `before` (text; null = empty) to `after`. */
export function migrationScripts(before: string | null, after: string): { sqlite: string; postgresql: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "db-migration-"));
  try {
    const file = (name: string, text: string) => (writeFileSync(path.join(dir, name), text), path.join(dir, name));
    const to = file("after.prisma", after);
    const toPg = file("after.pg.prisma", postgresqlTwin(after));
    const from = before === null ? null : file("before.prisma", before);
    const fromPg = before === null ? null : file("before.pg.prisma", postgresqlTwin(before));
    return { sqlite: diffScript("sqlite", from, to), postgresql: diffScript("postgresql", fromPg, toPg) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const isEmpty = (script: string) => script.replace(/^--.*$/gm, "").trim() === "";
const folders = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];

function main() {
  const args = parseArgs(process.argv.slice(2));
  const folder = `${args.at ?? nowStamp()}_${args.name}`;
  const last = [...folders(SQLITE_DIR), ...folders(POSTGRESQL_DIR)].sort().at(-1);
  if (last && folder <= last) throw new Error(`${folder} would sort before ${last}: migrations apply in name order; pass a later --at`);
  const before = execFileSync("git", ["show", `${args.from}:prisma/schema.prisma`], { cwd: ROOT, encoding: "utf8" });
  const after = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
  const scripts = migrationScripts(before, after);
  if (isEmpty(scripts.sqlite) && isEmpty(scripts.postgresql)) {
    throw new Error(
      `prisma/schema.prisma does not differ from ${args.from}'s: edit it first (or pass --from REF if the edit is committed)`,
    );
  }
  for (const [dir, script] of [
    [SQLITE_DIR, scripts.sqlite],
    [POSTGRESQL_DIR, scripts.postgresql],
  ] as const) {
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, "migration.sql"), script);
    console.log(path.relative(ROOT, path.join(dir, folder, "migration.sql")));
  }
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof z.ZodError ? err.issues.map((i) => i.message).join("\n") : (err as Error).message);
    process.exit(2);
  }
}
