import type { IncomingMessage } from "node:http";
import { isIPv6 } from "node:net";

// Who is on the other end, for the throttles (lib/auth/sign-in-throttle.ts, the Pruvan API).
// The custom server (lib/server/main.ts) writes it into CLIENT_ADDRESS_HEADER, replacing
// whatever a client sent under that name, so pages and route handlers read one trusted value.
// Behind reverse proxies (TRUST_PROXY_HOPS=n) it is the address the n-th proxy from us saw
// (X-Forwarded-For, read from the right: the entries further left are the client's to forge).

export const CLIENT_ADDRESS_HEADER = "x-portal-client-address";

/** An IPv6 client owns at least a /64: counted as one address, or it would have billions. */
function normalized(address: string): string {
  const bare = address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (!isIPv6(bare)) return bare.slice(0, 64) || "unknown";
  const [head = "", tail = ""] = bare.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = bare.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export function clientAddressOf(req: IncomingMessage, trustedProxyHops: number): string {
  const socketAddress = req.socket.remoteAddress ?? "unknown";
  if (trustedProxyHops <= 0) return normalized(socketAddress);
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return normalized(forwarded[forwarded.length - trustedProxyHops] ?? forwarded[0] ?? socketAddress);
}

/** The address the custom server wrote (under `next dev` there is none: every caller is one). */
export function clientAddressFrom(headers: Headers | Record<string, unknown> | undefined): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  return typeof value === "string" && value ? value : "unknown";
}
