import Database from "better-sqlite3";
import pg from "pg";

// What a database's schema is, as sorted lines that two databases can be compared by:
// tables and columns (column order aside: a migration appends, a fresh schema lists), indexes,
// constraints and enum types. Prisma's own bookkeeping table is left out.

const BOOKKEEPING = "_prisma_migrations";

export async function postgresqlCatalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query({ text: sql, rowMode: "array" })).rows.map((r: unknown[]) => r.join(" | "));
    return [
      ...(await q(`SELECT 'column', table_name, column_name, data_type, udt_name, is_nullable, coalesce(column_default, ''), coalesce(datetime_precision::text, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '${BOOKKEEPING}'`)),
      ...(await q(
        `SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '${BOOKKEEPING}'`,
      )),
      ...(await q(`SELECT 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '${BOOKKEEPING}'`)),
      ...(await q(
        `SELECT 'enum', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
      )),
    ].sort();
  } finally {
    await client.end();
  }
}

export function sqliteCatalog(file: string): string[] {
  const sqlite = new Database(file, { readonly: true });
  try {
    const tables = (
      sqlite
        .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '${BOOKKEEPING}'`)
        .all() as { name: string }[]
    ).map((t) => t.name);
    const lines: string[] = [];
    for (const table of tables) {
      for (const c of sqlite.pragma(`table_info("${table}")`) as Array<{
        name: string;
        type: string;
        notnull: number;
        dflt_value: string | null;
        pk: number;
      }>) {
        lines.push(["column", table, c.name, c.type, c.notnull, c.dflt_value ?? "", c.pk].join(" | "));
      }
      for (const f of sqlite.pragma(`foreign_key_list("${table}")`) as Array<{
        table: string;
        from: string;
        to: string;
        on_update: string;
        on_delete: string;
      }>) {
        lines.push(["foreign key", table, f.from, f.table, f.to, f.on_update, f.on_delete].join(" | "));
      }
    }
    for (const i of sqlite
      .prepare(`SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`)
      .all() as Array<{ tbl_name: string; name: string; sql: string }>) {
      lines.push(["index", i.tbl_name, i.name, i.sql.replace(/\s+/g, " ")].join(" | "));
    }
    return lines.sort();
  } finally {
    sqlite.close();
  }
}
