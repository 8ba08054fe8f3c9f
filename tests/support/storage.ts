import { readdirSync, utimesSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { storage } from "@/lib/storage";
import { localUploadFolder } from "@/lib/storage/s3";
import { s3FolderOf, s3StorageEnv, startS3Server, TEST_BUCKET, type S3TestServer } from "./s3-server";

// Which storage the servers of a test run keep their files in: TEST_STORAGE=s3 puts every
// server of this process on one in-process S3 server (a prefix per data folder, so each
// server starts empty as it does on disk); unset, each uses its data folder's storage/.
// scripts/test.sh runs the storage-heavy suites both ways. Tests look at stored files
// through lib/storage (the same storage() as the server's, see useDataDir) and these
// helpers, never through paths.

export const onS3 = process.env.TEST_STORAGE === "s3";

let s3: S3TestServer | undefined;
let starting: Promise<S3TestServer> | undefined; // never stopped: it holds no process open (tests/support/s3-server.ts)

/** The storage variables of a server with this data folder (starting the S3 server on first use). */
export async function storageEnvFor(dataDir: string): Promise<Record<string, string>> {
  if (!onS3) return {};
  s3 ??= await (starting ??= startS3Server());
  return s3Env(dataDir);
}

/** The same, for a data folder whose server was started already (synchronous). */
export function startedStorageEnvFor(dataDir: string): Record<string, string> {
  if (!onS3) return {};
  if (!s3) throw new Error("TEST_STORAGE=s3: start a server (tests/support/server.ts) before pointing this process at its storage");
  return s3Env(dataDir);
}

const s3Env = (dataDir: string) => s3StorageEnv(s3!.endpoint, dataDir);

/** Stored keys under a prefix ("items", "thumbs"), sorted. */
export async function storedFiles(under: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const file of storage().list(under)) keys.push(file.key);
  return keys.sort();
}

/** Writes in progress or left by interrupted ones (temporary files, unfinished multipart uploads). */
export async function temporaryFiles(): Promise<string[]> {
  const ids: string[] = [];
  for await (const t of storage().listTemporary()) ids.push(t.id);
  return ids;
}

export async function readStored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of storage().read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Puts bytes under a key, as a crash or a hand-made change would leave them. */
export async function writeStored(key: string, bytes: Buffer | string): Promise<void> {
  await storage().write(key, Readable.from([Buffer.from(bytes)]), { maxBytes: 1024 ** 3 });
}

/**
 * Every key stored for the server with this data folder, read from where the bytes lie (its
 * storage folder, or the S3 server's folder for its prefix): nothing can hide outside the
 * interface's listings.
 */
export function everyStoredKey(dataDir: string): string[] {
  const root = s3 && onS3 ? s3FolderOf(s3.directory, dataDir) : path.join(dataDir, "storage");
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const keys = entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
  return onS3 ? keys.filter((k) => k.endsWith("._S3rver_object")).map((k) => k.slice(0, -"._S3rver_object".length)) : keys;
}

/** Every stored file and temporary upload of the server with this data folder made `hours` older (as if a crash was long ago). */
export function ageStoredFiles(dataDir: string, hours: number): void {
  const then = new Date(Date.now() - hours * 3600_000);
  const roots =
    s3 && onS3
      ? [
          s3FolderOf(s3.directory, dataDir),
          path.join(s3.directory, TEST_BUCKET, "._S3rver_uploads"),
          localUploadFolder({ endpoint: s3.endpoint, bucket: TEST_BUCKET, prefix: path.basename(dataDir) }),
        ]
      : [path.join(dataDir, "storage")];
  for (const root of roots) {
    let entries;
    try {
      entries = readdirSync(root, { recursive: true, withFileTypes: true });
    } catch {
      continue; // nothing stored there yet
    }
    for (const e of entries) utimesSync(path.join(e.parentPath, e.name), then, then);
  }
}
