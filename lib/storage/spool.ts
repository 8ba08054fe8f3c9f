import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";

// Where an upload waits on this machine before it goes to a bucket in one PutObject of known
// length (lib/storage/s3.ts): in memory while it is small and the uploads held in memory
// together stay under a budget, else in a file. Writing a 5 MB photo to a file and reading
// it back cost ~15 ms of the portal's 40-50 ms of CPU per upload; the budget keeps memory
// bounded however many uploads run (32 parallel 20 MB uploads spill to files, as before).

export type SpoolLimits = {
  /** An upload larger than this goes to a file. */
  perUpload: number;
  /** All uploads held in memory at once, in this process. */
  total: number;
};

export const SPOOL_LIMITS: SpoolLimits = { perUpload: 8 * 1024 ** 2, total: 64 * 1024 ** 2 };

/** Bytes of uploads held in memory by this process, every spool together. */
let heldInMemory = 0;

/** What a spool holds once written: readable as often as needed (a retried PutObject), then released. */
export type Spooled = {
  /** A fresh stream of the bytes, from memory or from the file. */
  open(): Readable;
  /** Frees the memory or removes the file; safe to call more than once. */
  release(): Promise<void>;
};

/** A sink that keeps what it is given in memory within `limits`, spilling everything to `file` once they are passed. */
export function spool(file: string, limits: SpoolLimits = SPOOL_LIMITS): { sink: Writable; spooled: Spooled } {
  let chunks: Buffer[] | null = [];
  let mine = 0;
  let out: WriteStream | null = null;

  const freeMemory = () => {
    heldInMemory -= mine;
    mine = 0;
  };
  const spill = (sink: Writable): WriteStream => {
    const stream = createWriteStream(file);
    stream.on("error", (err) => sink.destroy(err));
    for (const chunk of chunks ?? []) stream.write(chunk);
    chunks = null;
    freeMemory();
    return (out = stream);
  };

  const sink: Writable = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const fits = mine + chunk.length <= limits.perUpload && heldInMemory + chunk.length <= limits.total;
      if (chunks && fits) {
        chunks.push(chunk);
        mine += chunk.length;
        heldInMemory += chunk.length;
        return done();
      }
      const stream = out ?? spill(sink);
      if (stream.write(chunk)) done();
      else stream.once("drain", () => done());
    },
    final(done) {
      if (!out) return done();
      out.end();
      finished(out).then(() => done(), done);
    },
  });

  let released = false;
  const spooled: Spooled = {
    open: () => (out ? createReadStream(file) : Readable.from(chunks ?? [], { objectMode: false })),
    release: async () => {
      if (released) return;
      released = true;
      chunks = null;
      freeMemory();
      out?.destroy();
      if (out) await rm(file, { force: true });
    },
  };
  return { sink, spooled };
}

/** Bytes held in memory by every spool of this process (tests check that a release frees them). */
export const spooledInMemory = () => heldInMemory;
