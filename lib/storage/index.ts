import type { Readable } from "node:stream";
import { config } from "@/lib/config";
import { LocalDiskStorage } from "./local-disk";
import type { StorageSettings } from "./settings";

export { FileTooLargeError, KeyTakenError, StorageFailure } from "./errors";

/** What a stored file looks like once it is safely in place. */
export type StoredFile = {
  key: string; // storage key: a relative, generated path, never a client-supplied name
  size: number;
  sha256: string;
  head: Buffer; // the first bytes, for content sniffing
};

/**
 * A file streamed to a temporary name whose final key is not known yet (an upload whose
 * metadata may arrive after the file). `commit` moves it into place atomically and durably
 * (when it returns, a power cut keeps the file under its key); `discard` removes it. Both
 * may be called more than once; after a commit, discard does nothing. An exclusive commit
 * never replaces a file already under the key: it throws KeyTakenError and the file stays
 * staged, to be committed under another key (two processes storing one item at once must
 * not overwrite each other's bytes under a name a row points at).
 */
export type StagedFile = {
  size: number;
  sha256: string;
  head: Buffer;
  commit(key: string, opts?: { contentType?: string; exclusive?: boolean }): Promise<StoredFile>;
  discard(): Promise<void>;
};

/** Bytes start..end of a file, both included (HTTP's Range). */
export type ByteRange = { start: number; end: number };

/**
 * Where uploaded files live: a folder (local-disk.ts) or an S3-compatible bucket (s3.ts).
 * Nothing outside lib/storage knows which one it is. `write` and `stage` stream to a
 * temporary name and only make the key visible when complete; `read` streams and opens
 * the file only when first read (a ZIP may hold thousands of them).
 */
export interface FileStorage {
  write(key: string, body: Readable, opts: { maxBytes: number; contentType?: string }): Promise<StoredFile>;
  /** Streams to a temporary name only; the caller commits it under a key or discards it. */
  stage(body: Readable, opts: { maxBytes: number }): Promise<StagedFile>;
  read(key: string, range?: ByteRange): Readable;
  /**
   * A path on this machine holding the file, for tools that read files (sharp): the file
   * itself on disk, a temporary download from a bucket. Call release when done.
   */
  localFile(key: string): Promise<{ path: string; release(): Promise<void> }>;
  /** Size and last change of a stored file; null when there is none. */
  stat(key: string): Promise<{ size: number; modifiedAt: Date } | null>;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Stored files under a prefix with their last change, for orphan sweeps. */
  list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
  /** Writes in progress or left by interrupted ones (temporary files, unfinished multipart uploads). */
  listTemporary(): AsyncIterable<{ id: string; startedAt: Date }>;
  /** Temporary files older than the given age are leftovers of interrupted writes. */
  sweepTemporary(olderThanMs: number): Promise<number>;
  /** Throws a StorageFailure unless the storage can be reached (health checks). */
  probe(): Promise<void>;
  /** Where files go, for logs: a folder or s3://bucket/prefix (never credentials). */
  readonly location: string;
}

export function storageFor(settings: StorageSettings): FileStorage {
  if (settings.kind !== "s3") return new LocalDiskStorage(settings.dir);
  // The AWS SDK (~15 MB of a process's memory) loads only where files go to a bucket.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, and storage() is synchronous
  const { S3Storage } = require("./s3") as typeof import("./s3");
  return new S3Storage(settings);
}

let instance: FileStorage | undefined;

export function storage(): FileStorage {
  instance ??= storageFor(config().storage);
  return instance;
}
