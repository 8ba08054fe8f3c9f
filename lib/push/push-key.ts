import { z } from "zod";

// Pruvan's push key is a pre-authenticated URL (https://direct.pruvan.com/api/?apiKey=...).
// We only ever POST to hosts on PUSH_ALLOWED_HOSTS, so a push key cannot point us inside
// our own network.

export type PushKeyVerdict = { ok: true; url: string } | { ok: false; reason: string };

const urlSchema = z.string().trim().max(2048).url();

export function checkPushKeyUrl(raw: unknown, allowedHosts: readonly string[]): PushKeyVerdict {
  const parsed = urlSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "The push key is not a valid URL." };
  const url = new URL(parsed.data);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "The push key must be an https URL." };
  }
  if (url.username || url.password) return { ok: false, reason: "The push key must not contain credentials." };
  const host = url.hostname.toLowerCase();
  if (!allowedHosts.includes(host) && !allowedHosts.includes(`${host}:${url.port}`)) {
    return { ok: false, reason: `The push key points to ${host}, which is not an allowed Pruvan host.` };
  }
  return { ok: true, url: url.toString() };
}
