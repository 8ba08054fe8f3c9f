import { z } from "zod";

// Outbound calls (push keys, video links) go only to hosts an administrator listed. One
// grammar for every such list, so that an entry means the same thing everywhere:
// - `host` or `https://host`: https on the default port only;
// - `host:port` or `https://host:port`: https on that port only;
// - `http://host`: also plain http, on any port of that host (local test endpoints);
// - `http://host:port`: https or plain http, on that port only.
// - `*.example.com` in place of a host (any of the forms above): any subdomain of
//   example.com, at any depth, not example.com itself (video links come from hosts a
//   provider may add; "*.pruvan.com" lists them all).

export type AllowedHost = { host: string; port: string | null; plainHttp: boolean };

const entrySchema = z
  .string()
  .trim()
  .min(1)
  .transform((entry, ctx): AllowedHost | typeof z.NEVER => {
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `https://${entry}`;
    let url: URL;
    try {
      url = new URL(withScheme);
    } catch {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not a host name` });
      return z.NEVER;
    }
    const plainHttp = url.protocol === "http:";
    if ((!plainHttp && url.protocol !== "https:") || url.pathname !== "/" || url.search || url.username || url.password) {
      ctx.addIssue({ code: "custom", message: `"${entry}" must be host, host:port, https://host[:port] or http://host[:port]` });
      return z.NEVER;
    }
    // A wildcard is the whole first label, over a domain of two labels at least (never "*.com").
    if (url.hostname.includes("*") && !/^\*\.[^*]+\.[^*.]+$/.test(url.hostname)) {
      ctx.addIssue({ code: "custom", message: `"${entry}": a wildcard must be "*." before a domain, as in *.example.com` });
      return z.NEVER;
    }
    // URL drops a port that is the scheme's default: keep what the entry said.
    const port = url.port || (/:\d+\/?$/.test(entry) ? (plainHttp ? "80" : "443") : null);
    return { host: url.hostname.toLowerCase(), port, plainHttp };
  });

/** A comma-separated list, as an environment variable holds it. */
export const allowedHostsSchema = z
  .string()
  .transform((list) => list.split(",").filter((e) => e.trim() !== ""))
  .pipe(z.array(entrySchema));

/** Whether one of the entries lets us call this URL. */
export function isAllowedUrl(url: URL, allowed: readonly AllowedHost[]): boolean {
  const host = url.hostname.toLowerCase();
  const https = url.protocol === "https:";
  if (!https && url.protocol !== "http:") return false;
  const port = url.port || (https ? "443" : "80");
  return allowed.some((entry) => {
    if (!hostMatches(entry.host, host)) return false;
    if (!https && !entry.plainHttp) return false;
    if (entry.port !== null) return entry.port === port;
    // No port named: https only on its default port; a plain-http entry allows any port.
    return entry.plainHttp || port === "443";
  });
}

/** "*.example.com" matches any name ending in ".example.com"; anything else only itself. */
function hostMatches(entry: string, host: string): boolean {
  return entry.startsWith("*.") ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : entry === host;
}

/** How a list reads back in a message. */
export function describeAllowedHost(entry: AllowedHost): string {
  return `${entry.plainHttp ? "http://" : ""}${entry.host}${entry.port ? `:${entry.port}` : ""}`;
}
