import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { SIGN_IN_BODY_LIMIT } from "@/lib/http/front-door";
import { startServer, type RunningServer } from "../support/server";

// What the custom server refuses before Next or the Pruvan API read a request, and the
// per-request security headers it adds, on the production server: requests addressed to
// another host (DNS rebinding), oversized sign-in bodies, script nonces and HSTS.

let server: RunningServer;
let httpsServer: RunningServer; // PUBLIC_URL https (behind a TLS proxy); served here over plain http

before(async () => {
  [server, httpsServer] = await Promise.all([startServer(), startServer({ env: { PUBLIC_URL: "https://portal.example.com" } })]);
});
after(async () => {
  await Promise.all([server?.stop(), httpsServer?.stop()]);
});

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** One HTTP request with headers fetch would not let us set (Host) or bodies of no declared length. */
function raw(
  base: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; chunked?: boolean } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    if (opts.chunked) req.setHeader("transfer-encoding", "chunked");
    req.end(opts.body);
  });
}

const port = (s: RunningServer) => new URL(s.url).port;

describe("a request must be addressed to PUBLIC_URL's host (DNS rebinding)", () => {
  test("another host name, even on our port, is answered 421 before any page, sign-in or Pruvan call", async () => {
    for (const path of ["/sign-in", "/orders", "/api/auth/csrf", "/api/pruvan/validate"]) {
      const res = await raw(server.url, path, {
        method: path.includes("pruvan") ? "POST" : "GET",
        headers: { host: `rebound.evil.example:${port(server)}` },
      });
      assert.equal(res.status, 421, path);
      assert.deepEqual(JSON.parse(res.body), { error: `This portal answers at 127.0.0.1:${port(server)} only (PUBLIC_URL).` }, path);
      assert.match(String(res.headers["content-security-policy"]), /frame-ancestors 'none'/);
    }
  });

  test("our own host passes, and on a loopback PUBLIC_URL so do the other loopback names", async () => {
    for (const host of [`127.0.0.1:${port(server)}`, `localhost:${port(server)}`, `[::1]:${port(server)}`]) {
      assert.equal((await raw(server.url, "/sign-in", { headers: { host } })).status, 200, host);
    }
  });

  test("on a public name, only that name and its port pass; a proxy's X-Forwarded-Host is not trusted without TRUST_PROXY_HOPS", async () => {
    assert.equal((await raw(httpsServer.url, "/sign-in", { headers: { host: "portal.example.com" } })).status, 200);
    assert.equal((await raw(httpsServer.url, "/sign-in", { headers: { host: "portal.example.com:443" } })).status, 200);
    assert.equal((await raw(httpsServer.url, "/sign-in", { headers: { host: "portal.example.com:8443" } })).status, 421);
    assert.equal(
      (await raw(httpsServer.url, "/sign-in", { headers: { host: `127.0.0.1:${port(httpsServer)}` } })).status,
      421,
      "loopback is not the public name",
    );
    assert.equal(
      (await raw(httpsServer.url, "/sign-in", { headers: { host: "evil.example", "x-forwarded-host": "portal.example.com" } })).status,
      421,
    );
  });

  test("the health check answers whatever the host (load balancers ask by address)", async () => {
    assert.equal((await raw(httpsServer.url, "/api/health", { headers: { host: "10.0.0.7:3000" } })).status, 200);
  });
});

describe("a sign-in body is small and says its length", () => {
  const credentialsPath = "/api/auth/callback/credentials";
  const host = () => `127.0.0.1:${port(server)}`;

  test(`over ${SIGN_IN_BODY_LIMIT} bytes: 413 before next-auth reads it`, async () => {
    const body = `email=a%40b.c&password=${"x".repeat(SIGN_IN_BODY_LIMIT)}`;
    const res = await raw(server.url, credentialsPath, {
      method: "POST",
      headers: { host: host(), "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length) },
      body,
    });
    assert.equal(res.status, 413);
    assert.match(JSON.parse(res.body).error, /at most 8192 bytes/);
  });

  test("a body of no declared length (chunked) is refused too; a normal one reaches next-auth", async () => {
    const chunked = await raw(server.url, credentialsPath, {
      method: "POST",
      headers: { host: host(), "content-type": "application/x-www-form-urlencoded" },
      body: "email=a%40b.c",
      chunked: true,
    });
    assert.equal(chunked.status, 413);
    const small = "email=a%40b.c&password=x&csrfToken=nope";
    const res = await raw(server.url, credentialsPath, {
      method: "POST",
      headers: { host: host(), "content-type": "application/x-www-form-urlencoded", "content-length": String(small.length) },
      body: small,
    });
    assert.notEqual(res.status, 413, "next-auth answers it (a CSRF refusal here)");
  });
});

describe("page scripts run by nonce only", () => {
  const scriptPolicy = (res: Raw) => /script-src ([^;]*)/.exec(String(res.headers["content-security-policy"]))?.[1] ?? "";

  test("each page answer has its own nonce, on every script tag, and no 'unsafe-inline' script", async () => {
    const host = `127.0.0.1:${port(server)}`;
    const [a, b] = [await raw(server.url, "/sign-in", { headers: { host } }), await raw(server.url, "/sign-in", { headers: { host } })];
    const nonceOf = (res: Raw) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptPolicy(res))?.[1];
    assert.ok(nonceOf(a) && nonceOf(b), scriptPolicy(a));
    assert.notEqual(nonceOf(a), nonceOf(b), "a fresh nonce per answer");
    assert.doesNotMatch(scriptPolicy(a), /unsafe-inline|unsafe-eval/);
    const scripts = [...a.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.ok(scripts.length > 0, "the page has scripts");
    for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonceOf(a)}"`), tag);
    const notFound = await raw(server.url, "/no-such-page", { headers: { host } });
    assert.equal(notFound.status, 404);
    assert.ok(nonceOf(notFound), "the 404 page is rendered per request with its nonce");
  });

  test("the Pruvan API's answers and the door's refusals allow no inline script at all", async () => {
    assert.equal(scriptPolicy(await raw(server.url, "/api/pruvan/validate", { method: "POST" })).trim(), "'self'");
    assert.equal(scriptPolicy(await raw(server.url, "/sign-in", { headers: { host: "evil.example" } })).trim(), "'self'");
  });
});

describe("HSTS and Permissions-Policy", () => {
  test("Strict-Transport-Security when PUBLIC_URL is https, on pages and the Pruvan API; never over a plain-http PUBLIC_URL", async () => {
    const host = { host: "portal.example.com" };
    assert.equal((await raw(httpsServer.url, "/sign-in", { headers: host })).headers["strict-transport-security"], "max-age=31536000");
    assert.equal(
      (await raw(httpsServer.url, "/api/pruvan/validate", { method: "POST", headers: host })).headers["strict-transport-security"],
      "max-age=31536000",
    );
    assert.equal((await raw(server.url, "/sign-in")).headers["strict-transport-security"], undefined);
  });

  test("powerful browser features are off for every page", async () => {
    const policy = String((await raw(server.url, "/sign-in")).headers["permissions-policy"]);
    for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) assert.ok(policy.includes(feature), policy);
  });
});
