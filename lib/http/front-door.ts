import type { IncomingMessage, ServerResponse } from "node:http";
import { isAddressedToUs } from "./host-check";
import { isCrossSiteWrite } from "./same-origin";
import { newScriptNonce, securityHeaders } from "./security-headers";

// What the custom server checks before a request reaches Next (lib/server/main.ts), and the
// per-request security headers it adds. The Pruvan API has its own door (lib/pruvan/http).

type Door = { publicUrl: string; trustProxyHops: number };

// next-auth reads a sign-in body whole into memory; its forms are an email, a password
// (at most 72 bytes count, lib/auth/password.ts), a CSRF token and a callback URL.
export const SIGN_IN_BODY_LIMIT = 8 * 1024;
const SIGN_IN_PATHS = "/api/auth/";
// Load balancers ask for health by the instance's own address, not the public name.
const HEALTH_PATH = "/api/health";

function refuse(res: ServerResponse, door: Door, status: number, error: string): true {
  const body = JSON.stringify({ error });
  res.writeHead(status, {
    ...securityHeaders(door.publicUrl),
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
  return true;
}

/** A sign-in POST over the limit (or of unknown length): refused before a byte is read. */
function isOversizedSignIn(req: IncomingMessage): boolean {
  if (req.method !== "POST" || !req.url?.startsWith(SIGN_IN_PATHS)) return false;
  const declared = req.headers["content-length"];
  return declared === undefined || !/^\d+$/.test(declared) || Number(declared) > SIGN_IN_BODY_LIMIT;
}

/** Answers a request that must not reach the app, and says so; true when it did. */
export function refusedAtTheDoor(req: IncomingMessage, res: ServerResponse, door: Door, path: string): boolean {
  if (path !== HEALTH_PATH && !isAddressedToUs(req, door.publicUrl, door.trustProxyHops)) {
    return refuse(res, door, 421, `This portal answers at ${new URL(door.publicUrl).host} only (PUBLIC_URL).`);
  }
  if (isOversizedSignIn(req))
    return refuse(res, door, 413, `A sign-in request is at most ${SIGN_IN_BODY_LIMIT} bytes, with its length declared.`);
  if (isCrossSiteWrite(req, door.publicUrl)) return refuse(res, door, 403, "This request came from another site and was refused.");
  return false;
}

/** The security headers of a response of Next, with a fresh script nonce Next reads from the request. */
export function addPageSecurityHeaders(req: IncomingMessage, res: ServerResponse, door: Door): void {
  const headers = securityHeaders(door.publicUrl, newScriptNonce());
  req.headers["content-security-policy"] = headers["Content-Security-Policy"];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
