import { randomUUID } from "node:crypto";
import { constants as fsConstants, createReadStream } from "node:fs";
import { access, link, mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { KeyTakenError, StorageFailure } from "./errors";
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
      commit: async (key, opts) => {
        if (committed) return committed;
        const finalPath = this.localPath(key);
        const createdFrom = await mkdir(path.dirname(finalPath), { recursive: true });
        // Durable before anyone is told it is stored (a row, an answer to Pruvan): the
        // bytes reach the disk, the name appears whole (rename is atomic; an exclusive
        // commit links instead, which fails rather than replace a file), and the new
        // directory entry reaches the disk too, with any folder just created for it.
        await syncPath(tmpPath);
        if (opts?.exclusive) await linkExclusive(tmpPath, finalPath, key);
        else await rename(tmpPath, finalPath);
        for (const dir of foldersToSync(path.dirname(finalPath), createdFrom)) await syncPath(dir);
        if (opts?.exclusive) await unlink(tmpPath); // the temporary name; the file lives on under its key
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

/** link(2): the key appears whole, or the call fails because a file already has it. */
async function linkExclusive(from: string, to: string, key: string): Promise<void> {
  try {
    await link(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") throw new KeyTakenError(key);
    throw err;
  }
}

/** fsync of a file or a folder (a folder's fsync makes the names in it durable). */
async function syncPath(target: string): Promise<void> {
  const handle = await open(target, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The folder a file was renamed into and, when mkdir had to create folders for it (it
 * returns the first one it created), each parent whose new entry must reach the disk too.
 */
function foldersToSync(dir: string, createdFrom: string | undefined): string[] {
  const folders = [dir];
  if (!createdFrom) return folders;
  for (let d = dir; d !== path.dirname(createdFrom) && d !== path.dirname(d); d = path.dirname(d)) folders.push(path.dirname(d));
  return folders;
}
