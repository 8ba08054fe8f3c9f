import { randomBytes } from "node:crypto";
import headers from "./security-headers.json";

// The security headers of every response: pages, the staff file routes and the Pruvan API.
// The fixed ones are in the JSON, which next.config.js also reads (a next.config.ts would
// load a TypeScript compiler into the server, +30 MB RSS measured). The Content-Security-
// Policy and HSTS depend on the request and the configuration, so the custom server
// (lib/server/main.ts) adds them to everything it answers.
export const FIXED_SECURITY_HEADERS: Readonly<Record<string, string>> = headers;

/** A fresh nonce for one page: 128 random bits. */
export function newScriptNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * No inline script runs unless it carries this response's nonce: Next puts the nonce it
 * finds in the request's Content-Security-Policy header on its own scripts, and
 * 'strict-dynamic' lets those load the page's chunks. Without a nonce (JSON, files)
 * no script runs at all. Styles stay 'unsafe-inline': React sets style attributes.
 */
export function contentSecurityPolicy(nonce: string | null): string {
  const scripts = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    `script-src ${scripts}`,
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}

// A year, as browsers' preload lists ask; only over https, where it means something.
const STRICT_TRANSPORT_SECURITY = "max-age=31536000";

/** Every security header of one response of a portal served at publicUrl. */
export function securityHeaders(publicUrl: string, nonce: string | null = null): Record<string, string> {
  const all: Record<string, string> = { ...FIXED_SECURITY_HEADERS, "Content-Security-Policy": contentSecurityPolicy(nonce) };
  if (publicUrl.startsWith("https:")) all["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY;
  return all;
}
