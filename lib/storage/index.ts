import type { Readable } from "node:stream";
import { config } from "@/lib/config";
import { LocalDiskStorage } from "./local-disk";

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
  commit(key: string, opts?: { exclusive?: boolean }): Promise<StoredFile>;
  discard(): Promise<void>;
};

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file is larger than the limit of ${limit} bytes`);
  }
}

export class KeyTakenError extends Error {
  constructor(readonly key: string) {
    super(`a file is already stored under ${key}`);
  }
}

/**
 * Where uploaded files live. Local disk now; object storage later implements the same.
 * `write` streams to a temporary name and only makes the key visible when complete.
 */
export interface FileStorage {
  write(key: string, body: Readable, opts: { maxBytes: number }): Promise<StoredFile>;
  /** Streams to a temporary name only; the caller commits it under a key or discards it. */
  stage(body: Readable, opts: { maxBytes: number }): Promise<StagedFile>;
  read(key: string): Readable;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
  /** Absolute local path when the backend is a disk (for sharp, zip streaming). */
  localPath(key: string): string | undefined;
  /** Stored files under a prefix with their last change, for orphan sweeps. */
  list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
  /** Temporary files older than the given age are leftovers of interrupted writes. */
  sweepTemporary(olderThanMs: number): Promise<number>;
}

let instance: FileStorage | undefined;

export function storage(): FileStorage {
  instance ??= new LocalDiskStorage(config().storageDir);
  return instance;
}
