import { randomUUID } from "node:crypto";
import { constants as fsConstants, createReadStream } from "node:fs";
import { access, mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StorageFailure } from "./errors";
import type { ByteRange, FileStorage, StagedFile, StoredFile } from "./index";
import { checkedKey, meter, openedOnRead } from "./streams";

const TMP_DIR = ".tmp";

/** Files under one root folder. Keys are checked so that none can leave it. */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  get location(): string {
    return this.root;
  }

  private localPath(key: string): string {
    const full = path.resolve(this.root, checkedKey(key));
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error("storage key escapes the root");
    return full;
  }

  async write(key: string, body: Readable, opts: { maxBytes: number; contentType?: string }): Promise<StoredFile> {
    this.localPath(key); // refuse a bad key before reading any byte
    const staged = await this.stage(body, opts);
    try {
      return await staged.commit(key);
    } finally {
      await staged.discard();
    }
  }

  async stage(body: Readable, { maxBytes }: { maxBytes: number }): Promise<StagedFile> {
    const tmpDir = path.join(this.root, TMP_DIR);
    const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
    // The folder is made only when missing (the first upload, or after a hand clean-up),
    // not with a mkdir round trip on every upload.
    const handle = await open(tmpPath, "wx").catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") throw err;
      await mkdir(tmpDir, { recursive: true });
      return open(tmpPath, "wx");
    });
    const metered = meter(maxBytes);
    try {
      await pipeline(body, metered.stream, handle.createWriteStream()); // closes the handle when done
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
    const file = metered.result();
    let committed: StoredFile | undefined;
    return {
      ...file,
      commit: async (key) => {
        if (committed) return committed;
        const finalPath = this.localPath(key);
        await mkdir(path.dirname(finalPath), { recursive: true });
        await rename(tmpPath, finalPath); // atomic: the key appears only when complete
        committed = { key, ...file };
        return committed;
      },
      discard: async () => {
        if (!committed) await rm(tmpPath, { force: true });
      },
    };
  }

  read(key: string, range?: ByteRange): Readable {
    const file = this.localPath(key);
    // Opened on first read: a ZIP of thousands of files holds one descriptor at a time.
    return openedOnRead(async () => createReadStream(file, range ?? {}));
  }

  async localFile(key: string): Promise<{ path: string; release(): Promise<void> }> {
    return { path: this.localPath(key), release: async () => undefined };
  }

  async stat(key: string): Promise<{ size: number; modifiedAt: Date } | null> {
    const info = await stat(this.localPath(key)).catch(() => undefined);
    return info?.isFile() ? { size: info.size, modifiedAt: info.mtime } : null;
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async remove(key: string): Promise<void> {
    await rm(this.localPath(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    const base = this.localPath(prefix);
    let entries;
    try {
      entries = await readdir(base, { recursive: true, withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      const info = await stat(full).catch(() => undefined); // removed meanwhile
      if (info) yield { key: path.relative(this.root, full).split(path.sep).join("/"), modifiedAt: info.mtime };
    }
  }

  async *listTemporary(): AsyncIterable<{ id: string; startedAt: Date }> {
    const tmpDir = path.join(this.root, TMP_DIR);
    const names = await readdir(tmpDir).catch(() => [] as string[]);
    for (const name of names) {
      const info = await stat(path.join(tmpDir, name)).catch(() => undefined); // finished meanwhile
      if (info) yield { id: name, startedAt: info.mtime };
    }
  }

  async sweepTemporary(olderThanMs: number): Promise<number> {
    let removed = 0;
    const cutoff = Date.now() - olderThanMs;
    for await (const { id, startedAt } of this.listTemporary()) {
      if (startedAt.getTime() >= cutoff) continue;
      await unlink(path.join(this.root, TMP_DIR, id)).catch(() => undefined);
      removed++;
    }
    return removed;
  }

  async probe(): Promise<void> {
    await mkdir(this.root, { recursive: true })
      .then(() => access(this.root, fsConstants.W_OK))
      .catch((err: Error) => {
        throw new StorageFailure(`storage folder ${this.root} is not writable: ${err.message}`, { cause: err });
      });
  }
}
