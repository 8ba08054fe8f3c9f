import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileTooLargeError, type FileStorage, type StagedFile, type StoredFile } from "./index";

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

  async *list(prefix: string): AsyncIterable<string> {
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
      yield path.relative(this.root, full).split(path.sep).join("/");
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
