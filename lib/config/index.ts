import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { allowedHostsSchema, type AllowedHost } from "@/lib/http/allowed-hosts";
import { databaseEnvShape, databaseSettingsOf, type DatabaseSettings } from "@/lib/db/settings";
import { storageEnvShape, storageSettingsOf, type StorageSettings } from "@/lib/storage/settings";

// Configuration is read once, validated here, and nowhere else reads process.env for it.

const intFrom = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  DATA_DIR: z.string().min(1).default("./data"),
  ...databaseEnvShape,
  ...storageEnvShape,
  PORT: intFrom(3000, 1, 65535),
  HOST: z.string().min(1).default("0.0.0.0"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PUBLIC_URL: z.string().url("must be an absolute URL such as https://portal.example.com").optional(),
  UPLOAD_MAX_BYTES: intFrom(200 * 1024 * 1024, 1024, 50 * 1024 * 1024 * 1024),
  // pruvan-api-v2 "Limits": at most 5000 work orders per getWorkOrders answer; lower only to test.
  PRUVAN_ORDERS_PER_ANSWER: intFrom(5000, 1, 5000),
  PUSH_BATCH_SIZE: intFrom(100, 1, 5000),
  PUSH_RETRY_BASE_MS: intFrom(30_000, 10, 24 * 3600_000),
  PUSH_MAX_ATTEMPTS: intFrom(12, 1, 100),
  PUSH_HOURLY_LIMIT: intFrom(5000, 1, 1_000_000),
  PUSH_TIMEOUT_MS: intFrom(15_000, 100, 600_000),
  PUSH_POLL_MS: intFrom(1000, 10, 600_000),
  // How long Pruvan may take to import a getWorkOrders answer: the integration's pushes wait
  // that long after one that carried orders (lib/push/outbox holdPushesAfterAnswer).
  PUSH_AFTER_ANSWER_MS: intFrom(30_000, 0, 3600_000),
  PUSH_WORKER: z.enum(["on", "off"]).default("on"),
  PUSH_ALLOWED_HOSTS: allowedHostsSchema.prefault(["direct.pruvan.com", "www.direct.pruvan.com"].join(",")),
  // Videos behind videoUri (lib/work-items/video-fetch.ts). The hosts: Pruvan's by default.
  VIDEO_ALLOWED_HOSTS: allowedHostsSchema.prefault(["pruvan.com", "*.pruvan.com"].join(",")),
  VIDEO_MAX_BYTES: intFrom(2 * 1024 * 1024 * 1024, 1024, 50 * 1024 * 1024 * 1024),
  VIDEO_TIMEOUT_MS: intFrom(30_000, 100, 600_000),
  VIDEO_RETRY_BASE_MS: intFrom(60_000, 10, 24 * 3600_000),
  VIDEO_MAX_ATTEMPTS: intFrom(8, 1, 100),
  VIDEO_POLL_MS: intFrom(15_000, 10, 600_000),
  VIDEO_FETCHER: z.enum(["on", "off"]).default("on"),
  STORAGE_SWEEP_INTERVAL_MS: intFrom(3600_000, 1000, 7 * 24 * 3600_000),
  STORAGE_SWEEP_GRACE_MS: intFrom(3600_000, 60_000, 7 * 24 * 3600_000),
  SHUTDOWN_GRACE_MS: intFrom(30_000, 0, 3600_000),
  // Failed sign-ins per 15 minutes from one address (any accounts) and from everyone (lib/auth/sign-in-throttle.ts).
  SIGN_IN_ADDRESS_LIMIT: intFrom(30, 1, 100_000),
  SIGN_IN_PORTAL_LIMIT: intFrom(300, 1, 1_000_000),
  // Failed Pruvan logins per 15 minutes from one address before it is answered 429 (lib/integrations/login-throttle.ts).
  PRUVAN_LOGIN_FAILURES: intFrom(20, 1, 1_000_000),
  // Reverse proxies in front of the portal: the client's address is read from X-Forwarded-For.
  TRUST_PROXY_HOPS: intFrom(0, 0, 10),
  CALL_LOG_DAYS: intFrom(30, 1, 3650),
  // File parts sent before their payload, staged before the caller is known: all requests together (lib/pruvan/http/staging-credit.ts).
  UNAUTHENTICATED_STAGING_BYTES: intFrom(256 * 1024 * 1024, 1024, 50 * 1024 * 1024 * 1024),
  PRUNE_INTERVAL_MS: intFrom(3600_000, 1000, 7 * 24 * 3600_000),
});

export type AppConfig = {
  dataDir: string;
  /** A SQLite file (the default) or a PostgreSQL server (DATABASE_URL=postgresql://...): lib/db/settings. */
  database: DatabaseSettings;
  /** A folder (STORAGE_DIR) or a bucket (STORAGE_URL=s3://...): lib/storage/settings. */
  storage: StorageSettings;
  port: number;
  host: string;
  authSecret: string;
  publicUrl: string;
  uploadMaxBytes: number;
  /** Bytes that file parts sent before their payload may stage, all requests of the process together. */
  unauthenticatedStagingBytes: number;
  /** Work orders per getWorkOrders answer: Pruvan's limit (5000) unless lowered (tests). */
  ordersPerAnswer: number;
  /** Orphan and temporary files are removed at start and every intervalMs, once older than graceMs. */
  storageSweep: { intervalMs: number; graceMs: number };
  /** On SIGTERM, how long requests in flight (uploads) may take to finish before the process exits. */
  shutdownGraceMs: number;
  signIn: { addressLimit: number; portalLimit: number };
  /** Failed Pruvan logins per address in 15 minutes before the address waits. */
  pruvanLoginFailures: number;
  /** How many reverse proxies in front of us append to X-Forwarded-For (lib/http/client-address). */
  trustProxyHops: number;
  /** Pruvan's calls are kept this many days in the call log, then pruned every pruneIntervalMs. */
  callLogDays: number;
  pruneIntervalMs: number;
  push: {
    batchSize: number;
    retryBaseMs: number;
    maxAttempts: number;
    hourlyLimit: number;
    timeoutMs: number;
    pollMs: number;
    /** How long pushes wait after a getWorkOrders answer that carried orders (Pruvan imports it meanwhile). */
    afterAnswerMs: number;
    worker: boolean;
    /** Where a push key may point (lib/http/allowed-hosts: one grammar for every such list). */
    allowedHosts: AllowedHost[];
  };
  video: {
    /** Where a videoUri may point (lib/http/allowed-hosts). */
    allowedHosts: AllowedHost[];
    maxBytes: number;
    /** An attempt fails when no byte arrives for this long (a 2 GB video takes as long as it takes). */
    timeoutMs: number;
    retryBaseMs: number;
    maxAttempts: number;
    pollMs: number;
    /** VIDEO_FETCHER=off: another process fetches (several portal instances may all fetch). */
    worker: boolean;
  };
};

export class ConfigError extends Error {}

const invalid = (problems: [variable: string, message: string][]) =>
  new ConfigError(`Invalid configuration:\n${problems.map(([variable, message]) => `  ${variable}: ${message}`).join("\n")}`);

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
  }
  const e = parsed.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR);
  const port = e.PORT;
  const storage = storageSettingsOf(e, dataDir, e.UPLOAD_MAX_BYTES);
  if (Array.isArray(storage)) throw invalid(storage);
  return {
    dataDir,
    database: databaseSettingsOf(e, dataDir),
    storage,
    port,
    host: e.HOST,
    authSecret: e.AUTH_SECRET ?? persistedSecret(dataDir),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    unauthenticatedStagingBytes: e.UNAUTHENTICATED_STAGING_BYTES,
    ordersPerAnswer: e.PRUVAN_ORDERS_PER_ANSWER,
    storageSweep: { intervalMs: e.STORAGE_SWEEP_INTERVAL_MS, graceMs: e.STORAGE_SWEEP_GRACE_MS },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    signIn: { addressLimit: e.SIGN_IN_ADDRESS_LIMIT, portalLimit: e.SIGN_IN_PORTAL_LIMIT },
    pruvanLoginFailures: e.PRUVAN_LOGIN_FAILURES,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    callLogDays: e.CALL_LOG_DAYS,
    pruneIntervalMs: e.PRUNE_INTERVAL_MS,
    push: {
      batchSize: e.PUSH_BATCH_SIZE,
      retryBaseMs: e.PUSH_RETRY_BASE_MS,
      maxAttempts: e.PUSH_MAX_ATTEMPTS,
      hourlyLimit: e.PUSH_HOURLY_LIMIT,
      timeoutMs: e.PUSH_TIMEOUT_MS,
      pollMs: e.PUSH_POLL_MS,
      afterAnswerMs: e.PUSH_AFTER_ANSWER_MS,
      worker: e.PUSH_WORKER === "on",
      allowedHosts: e.PUSH_ALLOWED_HOSTS,
    },
    video: {
      allowedHosts: e.VIDEO_ALLOWED_HOSTS,
      maxBytes: e.VIDEO_MAX_BYTES,
      timeoutMs: e.VIDEO_TIMEOUT_MS,
      retryBaseMs: e.VIDEO_RETRY_BASE_MS,
      maxAttempts: e.VIDEO_MAX_ATTEMPTS,
      pollMs: e.VIDEO_POLL_MS,
      worker: e.VIDEO_FETCHER === "on",
    },
  };
}

/** The demo needs no set-up: a secret is generated once and kept under the data folder. */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (err) {
    // Another process (CLI, test server) created it first: theirs is the secret.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return readFileSync(file, "utf8").trim();
}

let cached: AppConfig | undefined;

/** The process-wide configuration, read on first use. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}
