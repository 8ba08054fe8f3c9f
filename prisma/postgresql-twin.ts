// The PostgreSQL twin of prisma/schema.prisma: the same models with the datasource's
// provider swapped and the client generated into a folder of its own. schema.prisma stays
// the one source; the twin is written by scripts/prisma.sh before every command that
// reads it (never edit prisma/postgresql/schema.prisma, it is not committed).

const SQLITE_DATASOURCE = /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/;
const CLIENT_OUTPUT = /(generator client \{[^}]*?output\s*=\s*)"\.\.\/lib\/db\/generated"/;
const DATASOURCE_URL = /(datasource db \{[^}]*?url\s*=\s*)"[^"]*"/;
/** A field of type Json (optional or not) and what follows its type on the line. */
const JSON_FIELD = /^(\s+\w+\s+Json\??)(?=\s|$)/gm;

/** The twin's text; throws when the source no longer has the lines it swaps. */
export function postgresqlTwin(schema: string): string {
  for (const [name, pattern] of [
    ["provider", SQLITE_DATASOURCE],
    ["output", CLIENT_OUTPUT],
    ["url", DATASOURCE_URL],
  ] as const) {
    if (!pattern.test(schema)) throw new Error(`prisma/schema.prisma: the ${name} line the PostgreSQL twin swaps was not found`);
  }
  const twin = schema
    .replace(SQLITE_DATASOURCE, '$1"postgresql"')
    // The twin lives one folder deeper (prisma/postgresql/).
    .replace(CLIENT_OUTPUT, '$1"../../lib/db/generated-postgresql"')
    .replace(DATASOURCE_URL, '$1"postgresql://localhost/portal"')
    // JSON as it was sent: jsonb reorders an object's keys (shortest first), and a check-in's
    // fields or a survey's answers are shown in Pruvan's order. Nothing queries inside them.
    .replace(JSON_FIELD, "$1 @db.Json");
  return `// GENERATED from prisma/schema.prisma by prisma/postgresql-twin.ts: do not edit.\n${twin}`;
}
