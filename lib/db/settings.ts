import path from "node:path";
import { z } from "zod";

// Which database the portal runs on, as the environment says: a SQLite file (DATABASE_URL
// file:..., or DATA_DIR/portal.db: the embedded default) or a PostgreSQL server
// (DATABASE_URL postgresql://user:password@host:5432/db, for several instances on one
// database). Read by lib/config; lib/db builds its client from it. No file here imports
// a driver, so the settings can be read anywhere (the CLI, the Prisma config, tests).

export type DatabaseSettings =
  | { provider: "sqlite"; url: string; file: string }
  | {
      provider: "postgresql";
      url: string;
      /** Connections of the process's pool (Prisma's); the bulk reader keeps a few more (lib/db/reader). */
      poolSize: number;
    };

export const databaseEnvShape = {
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:.+|postgres(ql)?:\/\/.+)$/,
      "must be a SQLite URL such as file:./data/portal.db or a PostgreSQL URL such as postgresql://user:password@host:5432/portal",
    )
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
};

type DatabaseEnv = z.output<z.ZodObject<typeof databaseEnvShape>>;

export function databaseSettingsOf(e: DatabaseEnv, dataDir: string): DatabaseSettings {
  const url = e.DATABASE_URL ?? `file:${path.join(dataDir, "portal.db")}`;
  if (url.startsWith("file:")) return { provider: "sqlite", url, file: path.resolve(/*turbopackIgnore: true*/ url.slice("file:".length)) };
  return { provider: "postgresql", url, poolSize: e.DATABASE_POOL_SIZE };
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
