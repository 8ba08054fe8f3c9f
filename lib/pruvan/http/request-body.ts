import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { StorageFailure, storage, type StagedFile } from "@/lib/storage";

// Reading a Pruvan request body without holding a file in memory. Pruvan posts
// multipart/form-data with a `payload` field (JSON text) and, on uploadPictures, a `file`
// part; integrators testing by hand also send the payload url-encoded or as a raw JSON
// body. The file streams straight to a temporary name in storage (it may come before the
// payload, so its final name is decided later) and is committed or discarded by the caller.

export type BodyLimits = { payloadBytes: number; fileBytes: number };
export type PruvanBody = { payloadText?: string; file?: StagedFile };

/** A body we cannot use: answered with this status and message. */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

const FORM_TYPES = new Set(["multipart/form-data", "application/x-www-form-urlencoded"]);
const RAW_JSON_TYPES = new Set(["", "application/json", "text/plain", "text/json"]);

export async function readPruvanBody(contentType: string | undefined, body: Readable, limits: BodyLimits): Promise<PruvanBody> {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (FORM_TYPES.has(type)) return readForm(contentType!, body, limits);
  if (RAW_JSON_TYPES.has(type)) {
    const text = await readText(body, limits.payloadBytes, "payload");
    return { payloadText: text.trim() === "" ? undefined : text };
  }
  body.resume();
  throw new BodyError(400, `Content type ${type.slice(0, 80)} is not supported: send multipart/form-data with a payload field.`);
}

async function readForm(contentType: string, body: Readable, limits: BodyLimits): Promise<PruvanBody> {
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

  parser.on("field", (name, value, info) => {
    if (name !== "payload") return;
    if (info.valueTruncated) tooLarge ??= "payload";
    else payloadText ??= value;
  });
  parser.on("file", (name, stream) => {
    if (name === "payload") {
      // `curl -F payload=@payload.json` sends the JSON as a file part.
      payloadFiles.push(
        readText(stream, limits.payloadBytes, "payload").then(
          (text) => void (payloadText ??= text),
          (err: unknown) => void (err instanceof BodyError ? (tooLarge ??= "payload") : undefined),
        ),
      );
      return;
    }
    if (staging) return void stream.resume(); // one file per item
    stream.on("limit", () => (tooLarge = "file"));
    staging = storage().stage(stream, { maxBytes: limits.fileBytes + 1 });
    staging.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  });

  let file: StagedFile | undefined;
  try {
    await pipeline(body, parser);
    await Promise.all(payloadFiles);
    file = await staging;
  } catch {
    const storageError = await staging?.then(
      (f) => f.discard().then(() => undefined),
      (e: unknown) => (e instanceof StorageFailure || (e as NodeJS.ErrnoException).syscall ? e : undefined),
    );
    // A full or failing disk is our problem, not a bad request: answered as an internal error.
    if (storageError) throw storageError;
    throw new BodyError(400, "The request body ended early or is not valid multipart/form-data.");
  }
  if (tooLarge) {
    await file?.discard();
    throw tooLargeError(tooLarge, tooLarge === "file" ? limits.fileBytes : limits.payloadBytes);
  }
  return { payloadText: payloadText?.trim() === "" ? undefined : payloadText, file };
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

export function tooLargeError(what: "payload" | "file", limit: number): BodyError {
  const mb = (limit / 1024 / 1024).toFixed(limit < 1024 * 1024 ? 2 : 0);
  return new BodyError(413, `The ${what} is larger than the limit of ${mb} MB.`);
}
