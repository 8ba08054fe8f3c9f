import { createHash } from "node:crypto";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { FileTooLargeError } from "./errors";

// Pieces both storages share: what a key may look like, the meter every write streams
// through, and a stream that opens its source only when first read.

const HEAD_BYTES = 4100;

/** A key as we generate them (items/2026/03/<uuId>.jpg); anything else is refused, so none can leave the root or prefix. */
export function checkedKey(key: string): string {
  const normalized = path.posix.normalize(key);
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(normalized) || normalized.split("/").includes("..")) {
    throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
  }
  return normalized;
}

export type Metered = { size: number; sha256: string; head: Buffer };

/** Counts, hashes and keeps the first bytes of what flows through; fails past maxBytes. */
export function meter(maxBytes: number): { stream: Transform; result: () => Metered } {
  const hash = createHash("sha256");
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const stream = new Transform({
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
  return { stream, result: () => ({ size, sha256: hash.digest("hex"), head: Buffer.concat(headChunks) }) };
}

/** A stream whose source is opened on the first read and closed with it. */
export function openedOnRead(open: () => Promise<Readable>): Readable {
  let source: Readable | undefined;
  let opening = false;
  const out: Readable = new Readable({
    read() {
      if (source) return void source.resume();
      if (opening) return;
      opening = true;
      open().then(
        (s) => {
          source = s;
          s.on("data", (chunk: Buffer) => {
            if (!out.push(chunk)) s.pause();
          });
          s.once("end", () => out.push(null));
          s.once("error", (err) => out.destroy(err));
        },
        (err: Error) => out.destroy(err),
      );
    },
    destroy(err, done) {
      source?.destroy();
      done(err);
    },
  });
  return out;
}
