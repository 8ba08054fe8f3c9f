import path from "node:path";
import { z } from "zod";

// Where files live, as the environment says: a folder (STORAGE_DIR, the default) or a bucket
// of any S3-compatible service (STORAGE_URL=s3://bucket/prefix with the S3_* settings):
// AWS S3, MinIO, Cloudflare R2. Read by lib/config; lib/storage builds the storage from it.

export type S3Settings = {
  bucket: string;
  /** Every key is stored under this prefix ("" for the bucket's root), without a trailing slash. */
  prefix: string;
  /** The service's URL; unset means AWS S3 in `region`. */
  endpoint?: string;
  region: string;
  /** Unset: the AWS SDK's own chain (AWS_* variables, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Path-style URLs (endpoint/bucket/key), which MinIO and most self-hosted services need; else bucket.endpoint/key. */
  forcePathStyle: boolean;
};

export type StorageSettings = { kind: "disk"; dir: string } | ({ kind: "s3" } & S3Settings);

// S3's bucket naming rules (R2 and MinIO follow them); a prefix is key segments such as ours.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

export const storageUrlSchema = z.string().transform((url, ctx): { bucket: string; prefix: string } | typeof z.NEVER => {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url.trim());
  const bucket = m?.[1] ?? "";
  const prefix = (m?.[2] ?? "").replace(/\/+$/, "");
  if (!m || !BUCKET.test(bucket) || (prefix !== "" && (!PREFIX.test(prefix) || prefix.split("/").some((s) => /^\.+$/.test(s))))) {
    ctx.addIssue({
      code: "custom",
      message: "must be s3://bucket or s3://bucket/prefix (bucket: 3-63 lower-case letters, digits, dots, hyphens)",
    });
    return z.NEVER;
  }
  return { bucket, prefix };
});

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** The storage variables of the environment (merged into lib/config's schema). */
export const storageEnvShape = {
  STORAGE_DIR: z.string().min(1).optional(),
  STORAGE_URL: storageUrlSchema.optional(),
  S3_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL such as http://minio:9000" }).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: flag.prefault("false"),
};

type StorageEnv = z.output<z.ZodObject<typeof storageEnvShape>>;

/** S3's copy of one object is limited to 5 GiB: a bucket cannot take a larger upload in one piece (lib/storage/s3.ts). */
export const S3_MAX_OBJECT_BYTES = 5 * 1024 ** 3;

/** The settings, or the problems with them as [variable, message] pairs. */
export function storageSettingsOf(e: StorageEnv, dataDir: string, uploadMaxBytes: number): StorageSettings | [string, string][] {
  if (!e.STORAGE_URL) {
    return { kind: "disk", dir: path.resolve(/*turbopackIgnore: true*/ e.STORAGE_DIR ?? path.join(dataDir, "storage")) };
  }
  const problems: [string, string][] = [];
  if (e.STORAGE_DIR) problems.push(["STORAGE_DIR", "set either STORAGE_DIR or STORAGE_URL, not both"]);
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY)
    problems.push(["S3_ACCESS_KEY_ID", "set it together with S3_SECRET_ACCESS_KEY, or neither"]);
  if (uploadMaxBytes > S3_MAX_OBJECT_BYTES)
    problems.push(["UPLOAD_MAX_BYTES", `must be at most ${S3_MAX_OBJECT_BYTES} (5 GiB) with S3 storage`]);
  if (problems.length) return problems;
  return {
    kind: "s3",
    ...e.STORAGE_URL,
    endpoint: e.S3_ENDPOINT,
    region: e.S3_REGION,
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}
