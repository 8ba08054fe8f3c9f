import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadConfig } from "@/lib/config";
import { allowedHostsSchema, isAllowedUrl } from "@/lib/http/allowed-hosts";
import { checkPushKeyUrl } from "@/lib/push/push-key";

// One grammar for every list of hosts we may call (PUSH_ALLOWED_HOSTS, and any list like it).

const cases: { list: string; url: string; allowed: boolean }[] = [
  // A bare entry: https on the default port only.
  { list: "direct.pruvan.com", url: "https://direct.pruvan.com/api/?apiKey=K", allowed: true },
  { list: "direct.pruvan.com", url: "https://DIRECT.pruvan.com:443/api/", allowed: true },
  { list: "direct.pruvan.com", url: "http://direct.pruvan.com/api/", allowed: false },
  { list: "direct.pruvan.com", url: "https://direct.pruvan.com:8443/api/", allowed: false },
  { list: "direct.pruvan.com", url: "https://evil.direct.pruvan.com/api/", allowed: false },
  // A port named: that port only.
  { list: "pruvan.test:8443", url: "https://pruvan.test:8443/x", allowed: true },
  { list: "https://pruvan.test:8443", url: "https://pruvan.test/x", allowed: false },
  // http:// entries also allow plain http: any port without one, that port with one.
  { list: "http://127.0.0.1", url: "http://127.0.0.1:41234/api/", allowed: true },
  { list: "http://127.0.0.1", url: "https://127.0.0.1/api/", allowed: true },
  { list: "http://127.0.0.1:8080", url: "http://127.0.0.1:8080/api/", allowed: true },
  { list: "http://127.0.0.1:8080", url: "http://127.0.0.1:8081/api/", allowed: false },
  { list: "http://127.0.0.1:80", url: "http://127.0.0.1/api/", allowed: true },
  { list: "http://127.0.0.1", url: "http://localhost:41234/api/", allowed: false },
  { list: "", url: "https://direct.pruvan.com/api/", allowed: false },
  { list: "direct.pruvan.com", url: "ftp://direct.pruvan.com/api/", allowed: false },
  // A wildcard: any subdomain, at any depth, with the entry's scheme and port rules; not the domain itself.
  { list: "*.pruvan.com", url: "https://videos.pruvan.com/v/1.mp4", allowed: true },
  { list: "*.pruvan.com", url: "https://a.b.PRUVAN.com/v/1.mp4", allowed: true },
  { list: "*.pruvan.com", url: "https://pruvan.com/v/1.mp4", allowed: false },
  { list: "*.pruvan.com", url: "https://evilpruvan.com/v/1.mp4", allowed: false },
  { list: "*.pruvan.com", url: "https://pruvan.com.evil.test/v/1.mp4", allowed: false },
  { list: "*.pruvan.com", url: "http://videos.pruvan.com/v/1.mp4", allowed: false },
  { list: "*.pruvan.com", url: "https://videos.pruvan.com:8443/v/1.mp4", allowed: false },
  { list: "http://*.pruvan.test:8080", url: "http://cdn.pruvan.test:8080/v/1.mp4", allowed: true },
];

describe("allowed hosts", () => {
  for (const c of cases) {
    test(`${JSON.stringify(c.list)} ${c.allowed ? "allows" : "refuses"} ${c.url}`, () => {
      assert.equal(isAllowedUrl(new URL(c.url), allowedHostsSchema.parse(c.list)), c.allowed);
    });
  }

  test("an entry that is not a host stops the configuration with the variable named", () => {
    for (const bad of [
      "https://pruvan.test/path",
      "ftp://pruvan.test",
      "user:pw@pruvan.test",
      "https://pruvan.test/?q=1",
      "*.com",
      "a.*.pruvan.com",
      "*pruvan.com",
      "*.*.pruvan.com",
    ]) {
      assert.throws(
        () => loadConfig({ NODE_ENV: "test", PUSH_ALLOWED_HOSTS: bad, AUTH_SECRET: "x".repeat(32) }),
        /PUSH_ALLOWED_HOSTS/,
        bad,
      );
    }
  });

  test("the push key check says which host was refused and what is allowed", () => {
    const verdict = checkPushKeyUrl("http://direct.pruvan.com/api/?apiKey=K", allowedHostsSchema.parse("direct.pruvan.com"));
    assert.deepEqual(verdict, {
      ok: false,
      reason: "The push key points to http://direct.pruvan.com, which is not an allowed Pruvan host (allowed: direct.pruvan.com).",
    });
  });
});

test("the default list is Pruvan's own hosts, https only", () => {
  const { allowedHosts } = loadConfig({ NODE_ENV: "test", AUTH_SECRET: "x".repeat(32) }).push;
  assert.equal(isAllowedUrl(new URL("https://direct.pruvan.com/api/?apiKey=K"), allowedHosts), true);
  assert.equal(isAllowedUrl(new URL("https://www.direct.pruvan.com/api/?apiKey=K"), allowedHosts), true);
  assert.equal(isAllowedUrl(new URL("http://direct.pruvan.com/api/?apiKey=K"), allowedHosts), false);
});
