import { sha1Hex } from "@/lib/integrations/api-keys";
import type { PruvanEndpoint } from "../api-wire";

// How Pruvan calls an external system (pruvan-api-v2 "URL format", "Authentication"):
// POST {url}/{name}{ext}, multipart/form-data, the JSON in field `payload`, the file in
// field `file`; the password as sha1 hex in `password` and plaintext in `token`.

export type PruvanTarget = { url: string; ext: string; username: string; token: string };
export type Upload = { bytes: Buffer; fileName: string; contentType: string };
export type PruvanReply = { status: number; contentType: string; text: string; json: unknown; ms: number };

const TIMEOUT_MS = 60_000;

export function endpointUrl(target: PruvanTarget, endpoint: PruvanEndpoint): string {
  const ext = target.ext === "" || target.ext.startsWith(".") ? target.ext : `.${target.ext}`;
  return `${target.url.replace(/\/+$/, "")}/${endpoint}${ext}`;
}

/** The credentials exactly as Pruvan sends them; `only` drops one form to test the other. */
export function credentials(target: PruvanTarget, only?: "password"): Record<string, string> {
  const creds: Record<string, string> = { username: target.username, password: sha1Hex(target.token) };
  if (only !== "password") creds.token = target.token;
  return creds;
}

export async function callPruvan(target: PruvanTarget, endpoint: PruvanEndpoint, payload: object, file?: Upload): Promise<PruvanReply> {
  const form = new FormData();
  form.append("payload", JSON.stringify(payload));
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
  const started = performance.now();
  const res = await fetch(endpointUrl(target, endpoint), { method: "POST", body: form, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text, json: jsonOrUndefined(text), ms: Math.round(performance.now() - started) };
}

export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
