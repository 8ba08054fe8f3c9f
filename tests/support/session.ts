import { request } from "node:http";
import { runCli, type RunningServer } from "./server";

/**
 * fetch from a chosen local address (127.0.0.2, 127.0.0.3...: all loopback on Linux), so
 * that the server sees callers at different addresses. Never follows redirects.
 */
export function fetchFrom(localAddress: string, url: string, init: RequestInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(new Headers(init.headers));
    const req = request(url, { method: init.method ?? "GET", headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) out.append(name, v);
        const status = res.statusCode ?? 500;
        resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: out }));
      });
    });
    req.on("error", reject);
    req.end(init.body === undefined || init.body === null ? undefined : String(init.body));
  });
}

/** A minimal cookie jar and the next-auth credentials dance, as a browser does it. */
export class Browserless {
  private cookies = new Map<string, string>();
  /** localAddress: the address this browser calls from (fetchFrom); the default route otherwise. */
  constructor(
    readonly baseUrl: string,
    private readonly localAddress?: string,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const res = this.localAddress
      ? await fetchFrom(this.localAddress, this.baseUrl + path, { ...init, headers })
      : await fetch(this.baseUrl + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Posts credentials; returns the HTTP response of the callback. */
  async signIn(email: string, password: string): Promise<Response> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    return this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/", json: "true" }),
    });
  }

  async session(): Promise<{ user?: { email?: string; role?: string } }> {
    return (await (await this.fetch("/api/auth/session")).json()) as { user?: { email?: string; role?: string } };
  }
}

export const STAFF_LOGIN = { email: "desk@example.com", password: "correct-horse-9" } as const;
export const ADMIN_LOGIN = { email: "boss@example.com", password: "correct-horse-9" } as const;

/** A staff member and an admin of this server, created with the CLI and signed in. */
export async function signedInStaffAndAdmin(server: RunningServer): Promise<{ staff: Browserless; admin: Browserless }> {
  const sessions = [];
  for (const [login, role] of [
    [STAFF_LOGIN, "staff"],
    [ADMIN_LOGIN, "admin"],
  ] as const) {
    const created = runCli(["user:create", "--email", login.email, "--role", role], server.env, login.password);
    if (created.code !== 0) throw new Error(`user:create failed: ${created.stderr}`);
    const session = new Browserless(server.url);
    const res = await session.signIn(login.email, login.password);
    if (res.status !== 200) throw new Error(`sign-in of ${login.email} answered ${res.status}`);
    sessions.push(session);
  }
  return { staff: sessions[0]!, admin: sessions[1]! };
}
