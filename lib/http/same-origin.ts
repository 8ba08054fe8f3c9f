import type { IncomingMessage } from "node:http";

// Cross-site request forgery, refused at the door: a browser names the page that sent a
// POST in its Origin header, so a state-changing request whose Origin is another site is
// answered 403 before it reaches a server action or route (lib/http/front-door.ts). Next
// checks server actions too, but answers a bare 500; next-auth has its own token. Requests without an Origin
// (curl, server-to-server) pass: no browser sends a cross-site POST without one, and
// Pruvan's servers calling the Pruvan API send none.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Whether a request changes state on behalf of a page of another site. */
export function isCrossSiteWrite(req: IncomingMessage, publicUrl: string): boolean {
  if (SAFE_METHODS.has(req.method ?? "GET")) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const from = hostOf(origin); // "null" (sandboxed frames, file:) has no host: refused
  const ours = [hostOf(publicUrl), req.headers.host, req.headers["x-forwarded-host"]]
    .flat()
    .filter(Boolean)
    .map((h) => String(h).toLowerCase());
  return from === null || !ours.includes(from);
}
