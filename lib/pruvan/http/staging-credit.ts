import { Transform, type Readable } from "node:stream";

// A file part that arrives BEFORE the payload is staged before we know who sent it. Those
// bytes are staged on credit: all requests of this process together may hold at most
// UNAUTHENTICATED_STAGING_BYTES of them; past that such a file is refused (503, try again)
// instead of filling the disk. Once the payload shows a known caller the credit is given
// back. A payload sent first (as Pruvan's form lists it) needs no credit: its caller is
// checked before a byte of the file is staged.

let inUse = 0;

/** The budget is spent: answered 503 (lib/pruvan/http/request-body.ts). */
export class StagingCreditSpent extends Error {}

export class StagingCredit {
  private held = 0;
  private released = false;
  constructor(private readonly budget: number) {}

  /** The file stream, counted against the budget until release(). */
  meter(stream: Readable): Readable {
    const meter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        if (this.released) return done(null, chunk);
        if (inUse + chunk.length > this.budget) {
          return done(new StagingCreditSpent("staging credit spent"));
        }
        inUse += chunk.length;
        this.held += chunk.length;
        done(null, chunk);
      },
    });
    stream.on("error", (err) => meter.destroy(err));
    return stream.pipe(meter);
  }

  /** The caller is known (or the request is over): its bytes no longer count. */
  release(): void {
    if (this.released) return;
    this.released = true;
    inUse -= this.held;
    this.held = 0;
  }
}
