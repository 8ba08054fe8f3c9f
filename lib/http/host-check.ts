import type { IncomingMessage } from "node:http";

// DNS rebinding: a page on a stranger's domain whose name is made to resolve to the
// portal's (intranet) address reaches us as same-origin in the browser, and a check
// that trusts the request's own Host header lets its writes through. So every request
// must name the host of PUBLIC_URL; any other is answered 421 Misdirected Request.
// A portal published on a loopback name also answers to the other loopback literals
// (127.0.0.1, [::1], localhost): no other site can make a browser send those.

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443" };

/** The host the client asked for: the proxy's X-Forwarded-Host when a proxy we trust sets one. */
function requestedHost(req: IncomingMessage, trustProxyHops: number): string | undefined {
  const forwarded = trustProxyHops > 0 ? req.headers["x-forwarded-host"] : undefined;
  const value = Array.isArray(forwarded) ? forwarded.at(-1) : forwarded;
  return (value?.split(",").at(-1)?.trim() || req.headers.host)?.toLowerCase();
}

function parseHost(host: string, protocol: string): { name: string; port: string } | null {
  try {
    const url = new URL(`${protocol}//${host}`);
    if (url.host !== host && `${url.host}:${DEFAULT_PORT[protocol]}` !== host) return null; // a path, userinfo or junk
    return { name: url.hostname, port: url.port || (DEFAULT_PORT[protocol] ?? "") };
  } catch {
    return null;
  }
}

/** Whether a request was addressed to the portal published at publicUrl. */
export function isAddressedToUs(req: IncomingMessage, publicUrl: string, trustProxyHops: number): boolean {
  const ours = new URL(publicUrl);
  const host = requestedHost(req, trustProxyHops);
  const asked = host ? parseHost(host, ours.protocol) : null;
  if (!asked) return false;
  const port = ours.port || (DEFAULT_PORT[ours.protocol] ?? "");
  if (asked.name === ours.hostname && asked.port === port) return true;
  return LOOPBACK.has(ours.hostname) && LOOPBACK.has(asked.name);
}
