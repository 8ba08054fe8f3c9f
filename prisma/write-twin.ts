import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { postgresqlTwin } from "./postgresql-twin";

// `tsx prisma/write-twin.ts [SOURCE] [TARGET]`: writes the PostgreSQL twin of a schema
// (default: prisma/schema.prisma to prisma/postgresql/schema.prisma).
const [source = path.join(__dirname, "schema.prisma"), target = path.join(__dirname, "postgresql/schema.prisma")] = process.argv.slice(2);
writeFileSync(target, postgresqlTwin(readFileSync(source, "utf8")));
