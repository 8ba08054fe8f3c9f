import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
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

/** Files under a server's storage folder (relative keys), e.g. to see that nothing was left behind. */
export function storedFiles(server: RunningServer, under: string): string[] {
  const dir = path.join(server.dataDir, "storage", under);
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.relative(path.join(server.dataDir, "storage"), path.join(e.parentPath, e.name)));
  } catch {
    return [];
  }
}

export const isAscii = (s: string) => !/[^\x00-\x7f]/.test(s);
