import { PassThrough, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { StorageFailure, storage, type StagedFile } from "@/lib/storage";
import { StagingCredit, StagingCreditSpent } from "./staging-credit";

// Reading a Pruvan request body without holding a file in memory. Pruvan posts
// multipart/form-data with a `payload` field (JSON text) and, on uploadPictures, a `file`
// part; integrators testing by hand also send the payload url-encoded or as a raw JSON
// body. The file streams straight to a temporary name in storage (it may come before the
// payload, so its final name is decided later) and is committed or discarded by the caller.
// The caller is checked as soon as the payload is read (`admit`): a refused caller's body is
// read no further, and no byte of its file is staged when the payload came first.

/** unauthenticatedStagingBytes: what file parts sent before their payload may stage, all requests together. */
export type BodyLimits = { payloadBytes: number; fileBytes: number; unauthenticatedStagingBytes: number };
export type PruvanBody = { payloadText?: string; file?: StagedFile };
/** Checks the caller named in the payload; throws to refuse it, which stops the reading. */
export type AdmitCaller = (payloadText: string) => Promise<void>;

/** A body we cannot use: answered with this status and message. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 503,
    message: string,
  ) {
    super(message);
  }
}

const FORM_TYPES = new Set(["multipart/form-data", "application/x-www-form-urlencoded"]);
const RAW_JSON_TYPES = new Set(["", "application/json", "text/plain", "text/json"]);

/** Reads the body; `admit` has accepted the caller by the time this returns with a payload. */
export async function readPruvanBody(
  contentType: string | undefined,
  body: Readable,
  limits: BodyLimits,
  admit: AdmitCaller,
): Promise<PruvanBody> {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (FORM_TYPES.has(type)) return readForm(contentType!, body, limits, admit);
  if (RAW_JSON_TYPES.has(type)) {
    const text = await readText(body, limits.payloadBytes, "payload");
    if (text.trim() === "") return {};
    await admit(text);
    return { payloadText: text };
  }
  body.resume();
  throw new BodyError(400, `Content type ${type.slice(0, 80)} is not supported: send multipart/form-data with a payload field.`);
}

async function readForm(contentType: string, body: Readable, limits: BodyLimits, admit: AdmitCaller): Promise<PruvanBody> {
  let parser: busboy.Busboy;
  try {
    // busboy flags a value or file that reaches its limit, so the limits are one over ours.
    parser = busboy({
      headers: { "content-type": contentType },
      limits: { fieldSize: limits.payloadBytes + 1, fileSize: limits.fileBytes + 1, files: 2, fields: 50, parts: 60 },
    });
  } catch {
    body.resume();
    throw new BodyError(400, "The form body cannot be read: multipart/form-data needs a boundary.");
  }
  let payloadText: string | undefined;
  let tooLarge: "payload" | "file" | undefined;
  let staging: Promise<StagedFile> | undefined;
  const payloadFiles: Promise<void>[] = [];
  const credit = new StagingCredit(limits.unauthenticatedStagingBytes);

  // The body flows into the parser through a valve, so that refusing the caller can stop
  // the reading without destroying the request (the refusal still has to be answered). The
  // parser stops too: when the whole form was read before the verdict, it waits for its
  // file part to be read to the end, which then never happens (such a request went
  // unanswered on PostgreSQL, whose verdict comes later than SQLite's).
  const valve = new PassThrough();
  let refusal: { error: unknown } | undefined;
  const stop = (error: unknown) => {
    refusal ??= { error };
    const reason = error instanceof Error ? error : new Error(String(error));
    body.unpipe(valve);
    valve.destroy(reason);
    parser.destroy(reason);
  };
  let admitted: Promise<void> | undefined;
  const admitOnce = (text: string) => {
    admitted ??= admit(text).then(() => credit.release(), stop);
  };

  parser.on("field", (name, value, info) => {
    if (name !== "payload") return;
    if (info.valueTruncated) tooLarge ??= "payload";
    else if (payloadText === undefined) admitOnce((payloadText = value));
  });
  parser.on("file", (name, stream) => {
    if (name === "payload") {
      // `curl -F payload=@payload.json` sends the JSON as a file part.
      payloadFiles.push(
        readText(stream, limits.payloadBytes, "payload").then(
          (text) => void (payloadText === undefined && admitOnce((payloadText = text))),
          (err: unknown) => void (err instanceof BodyError ? (tooLarge ??= "payload") : undefined),
        ),
      );
      return;
    }
    if (staging) return void stream.resume(); // one file per item
    stream.on("limit", () => (tooLarge = "file"));
    // A refusal destroys the parser, and with it this stream, maybe before staging reads it.
    stream.on("error", () => undefined);
    const before = admitted; // the payload came first: wait for its verdict before staging a byte
    staging = (async () => {
      if (before) await before;
      if (refusal) throw refusal.error;
      return storage().stage(before ? stream : credit.meter(stream), { maxBytes: limits.fileBytes + 1 });
    })();
    // Awaited below. A failed staging (a spent credit, a failing disk or bucket) stops the
    // reading: the parser would wait forever on this file, which nobody reads any more.
    staging.catch((err: unknown) => stop(err instanceof StagingCreditSpent ? creditSpent() : storageProblem(err) ? err : unreadable()));
  });

  const endedEarly = () => void (body.readableEnded || valve.destroy(new Error("The request body ended early.")));
  body.once("close", endedEarly);
  body.once("error", endedEarly);
  body.pipe(valve);
  let file: StagedFile | undefined;
  try {
    await pipeline(valve, parser);
    await Promise.all(payloadFiles);
    await admitted;
    if (refusal) throw refusal.error;
    file = await staging;
  } catch {
    const stagingError = await staging?.then(
      (f) => f.discard().then(() => undefined),
      (e: unknown) => (storageProblem(e) ? e : undefined),
    );
    if (refusal) throw refusal.error;
    if (stagingError) throw stagingError;
    throw unreadable();
  } finally {
    credit.release();
    body.off("close", endedEarly);
    body.off("error", endedEarly);
  }
  if (tooLarge) {
    await file?.discard();
    throw tooLargeError(tooLarge, tooLarge === "file" ? limits.fileBytes : limits.payloadBytes);
  }
  if (payloadText?.trim() === "") return { file };
  return { payloadText, file };
}

/** Reads a small text stream; past `max` bytes it keeps draining (so the request completes) and refuses. */
async function readText(stream: Readable, max: number, what: "payload"): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size <= max) chunks.push(chunk as Buffer);
    }
  } catch {
    throw new BodyError(400, "The request body ended early.");
  }
  if (size > max) throw tooLargeError(what, max);
  return Buffer.concat(chunks).toString("utf8");
}

/** A full or failing disk, an unreachable bucket: our problem, not a bad request (answered as an internal error). */
const storageProblem = (e: unknown) => e instanceof StorageFailure || (e as NodeJS.ErrnoException | undefined)?.syscall !== undefined;

const unreadable = () => new BodyError(400, "The request body ended early or is not valid multipart/form-data.");

const creditSpent = () =>
  new BodyError(
    503,
    "Too many uploads from callers not yet identified are in progress: send the payload before the file, or try again shortly.",
  );

export function tooLargeError(what: "payload" | "file", limit: number): BodyError {
  const mb = (limit / 1024 / 1024).toFixed(limit < 1024 * 1024 ? 2 : 0);
  return new BodyError(413, `The ${what} is larger than the limit of ${mb} MB.`);
}
