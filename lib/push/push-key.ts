import { z } from "zod";
import { describeAllowedHost, isAllowedUrl, type AllowedHost } from "@/lib/http/allowed-hosts";

// Pruvan's push key is a pre-authenticated URL (https://direct.pruvan.com/api/?apiKey=...).
// We only ever POST to hosts on PUSH_ALLOWED_HOSTS (https on the default port unless an
// entry says otherwise), so a push key cannot point us inside our own network.

export type PushKeyVerdict = { ok: true; url: string } | { ok: false; reason: string };

const urlSchema = z.string().trim().max(2048).url();

export function checkPushKeyUrl(raw: unknown, allowedHosts: readonly AllowedHost[]): PushKeyVerdict {
  const parsed = urlSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "The push key is not a valid URL." };
  const url = new URL(parsed.data);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "The push key must be an https URL." };
  }
  if (url.username || url.password) return { ok: false, reason: "The push key must not contain credentials." };
  if (!isAllowedUrl(url, allowedHosts)) {
    const allowed = allowedHosts.map(describeAllowedHost).join(", ") || "none";
    return {
      ok: false,
      reason: `The push key points to ${url.protocol}//${url.host}, which is not an allowed Pruvan host (allowed: ${allowed}).`,
    };
  }
  return { ok: true, url: url.toString() };
}
