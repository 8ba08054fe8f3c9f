import { createHash, randomUUID } from "node:crypto";
import { request } from "node:http";
import { jsonOrUndefined } from "@/lib/pruvan/check/client";
import { runCli, type RunningServer } from "./server";

// Calling our Pruvan API over real HTTP the ways Pruvan and integrators do.

export type Creds = { username: string; token: string };
export type Reply = { status: number; contentType: string; text: string; json: unknown };
export type FilePart = { bytes: Buffer; name?: string; type?: string; field?: string };
export type Body =
  | { as: "multipart"; payload?: unknown; file?: FilePart; fields?: Record<string, string> }
  | { as: "urlencoded"; payload: unknown }
  | { as: "json"; payload: unknown }
  | { as: "raw"; body: string | Buffer; contentType?: string };

export const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/** integration:create through the CLI; returns the username and the key shown once. */
export function connectIntegration(server: RunningServer, username: string, flags: string[] = ["--mode", "internal"]): Creds {
  const r = runCli(["integration:create", "--username", username, ...flags], server.env);
  if (r.code !== 0) throw new Error(`integration:create failed: ${r.stderr}`);
  return r.json() as Creds;
}

/** Both credential forms, as Pruvan sends them. */
export const credsOf = (c: Creds) => ({ username: c.username, password: sha1(c.token), token: c.token });

const text = (payload: unknown) => (typeof payload === "string" ? payload : JSON.stringify(payload));

export async function post(server: RunningServer, name: string, body: Body, method = "POST"): Promise<Reply> {
  let init: RequestInit;
  if (body.as === "multipart") {
    const form = new FormData();
    if (body.payload !== undefined) form.append("payload", text(body.payload));
    for (const [k, v] of Object.entries(body.fields ?? {})) form.append(k, v);
    if (body.file) {
      const blob = new Blob([new Uint8Array(body.file.bytes)], { type: body.file.type ?? "application/octet-stream" });
      form.append(body.file.field ?? "file", blob, body.file.name ?? "upload.bin");
    }
    init = { body: form };
  } else if (body.as === "urlencoded") {
    init = { body: new URLSearchParams({ payload: text(body.payload) }) };
  } else if (body.as === "json") {
    init = { body: text(body.payload), headers: { "content-type": "application/json" } };
  } else {
    init = { body: body.body as BodyInit, headers: body.contentType ? { "content-type": body.contentType } : {} };
  }
  const res = await fetch(`${server.url}/api/pruvan/${name}`, { method, ...(method === "GET" || method === "HEAD" ? {} : init) });
  const raw = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: raw, json: jsonOrUndefined(raw) };
}

export const isAscii = (s: string) => !/[^\x00-\x7f]/.test(s);

export type RawUploadOptions = {
  /** Hang up (destroy the socket) after this many file bytes. */
  stopAfter?: number;
  /** Stop writing after this many file bytes and keep the request open (the server may die meanwhile). */
  holdAfter?: number;
  /** A Content-Length other than the real one. */
  declaredLength?: number;
};

/**
 * An uploadPictures request written by hand, chunk by chunk (a JPEG head, then filler), so
 * a test can stop it halfway, hold it open, or lie about its length.
 */
export function rawMultipartUpload(baseUrl: string, payload: object, fileBytes: number, opts: RawUploadOptions = {}) {
  const boundary = `----t${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = opts.declaredLength ?? head.length + fileBytes + tail.length;
  const req = request(`${baseUrl}/api/pruvan/uploadPictures.html`, {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": length },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
  });
  req.write(head);
  const chunk = Buffer.alloc(256 * 1024, 7);
  chunk.set([0xff, 0xd8, 0xff, 0xe0]);
  let sent = 0;
  const writeMore = () => {
    while (sent < fileBytes) {
      if (opts.stopAfter !== undefined && sent >= opts.stopAfter) return void req.destroy();
      if (opts.holdAfter !== undefined && sent >= opts.holdAfter) return;
      const piece = chunk.subarray(0, Math.min(chunk.length, fileBytes - sent));
      sent += piece.length;
      if (!req.write(piece)) return void req.once("drain", writeMore);
    }
    req.end(tail);
  };
  writeMore();
  return { req, answered };
}

/** An uploadPictures request sent in two halves: the test decides when the second goes. */
export function uploadInTwoHalves(url: string, payload: object, file: Buffer) {
  const boundary = `----t${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const req = request(`${url}/api/pruvan/uploadPictures.html`, {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": body.length },
  });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on("response", (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on("error", reject);
  });
  const half = body.length - Math.floor(file.length / 2);
  req.write(body.subarray(0, half));
  return { answered, finish: () => req.end(body.subarray(half)) };
}
