import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { link, mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileTooLargeError, KeyTakenError, type FileStorage, type StagedFile, type StoredFile } from "./index";

const TMP_DIR = ".tmp";
const HEAD_BYTES = 4100;

/** Files under one root folder. Keys are checked so that none can leave it. */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  localPath(key: string): string {
    const normalized = path.posix.normalize(key);
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(normalized) || normalized.split("/").includes("..")) {
      throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    }
    const full = path.resolve(this.root, normalized);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error("storage key escapes the root");
    return full;
  }

  async write(key: string, body: Readable, opts: { maxBytes: number }): Promise<StoredFile> {
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
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash("sha256");
    const headChunks: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new FileTooLargeError(maxBytes));
        hash.update(chunk);
        if (headLength < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmpPath, { flags: "wx" }));
    } catch (err) {
      await rm(tmpPath, { force: true });
      throw err;
    }
    const file = { size, sha256: hash.digest("hex"), head: Buffer.concat(headChunks) };
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

  read(key: string): Readable {
    return createReadStream(this.localPath(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.localPath(key))).isFile();
    } catch {
      return false;
    }
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

  async sweepTemporary(olderThanMs: number): Promise<number> {
    const tmpDir = path.join(this.root, TMP_DIR);
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(tmpDir);
    } catch {
      return 0;
    }
    const cutoff = Date.now() - olderThanMs;
    for (const name of names) {
      const full = path.join(tmpDir, name);
      const info = await stat(full).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) {
        await unlink(full).catch(() => undefined);
        removed++;
      }
    }
    return removed;
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
