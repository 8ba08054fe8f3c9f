import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { resolveStreamedHtml, textOf } from "../support/html";
import { loadPortalFixture } from "../support/portal-fixtures";
import { startServer, type RunningServer } from "../support/server";
import { Browserless, signedInStaffAndAdmin } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// The dashboard's figures and the lists behind them, and the push log's filters, over
// real HTTP. Every figure must agree with the list its link opens.

let server: RunningServer;
let staff: Browserless;
let admin: Browserless;

before(async () => {
  server = await startServer();
  useDataDir(server.dataDir);
  await loadPortalFixture();
  ({ staff, admin } = await signedInStaffAndAdmin(server));
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

async function html(session: Browserless, url: string) {
  const res = await session.fetch(url);
  assert.equal(res.status, 200, url);
  return resolveStreamedHtml(await res.text());
}

const decode = (s: string) => s.replace(/&amp;/g, "&");
const num = (s: string) => Number(s.replace(/,/g, ""));

/** A tile's figure and where it links. */
function tile(page: string, testId: string) {
  const at = page.indexOf(`data-testid="${testId}"`);
  assert.ok(at >= 0, testId);
  const next = page.indexOf('data-testid="', at + 1);
  const body = page.slice(at, next < 0 ? undefined : next);
  const link = /<a [^>]*href="([^"]+)"[^>]*><span[^>]*>([\d,]+)<\/span>/.exec(body);
  const plain = /<span class="mt-1 inline-block"><span[^>]*>([\d,]+)<\/span>/.exec(body);
  return { href: link ? decode(link[1]!) : null, value: num((link?.[2] ?? plain?.[1])!) };
}

/** The (label, count, href) rows of a count list. */
function countRows(page: string, testId: string) {
  const at = page.indexOf(`data-testid="${testId}"`);
  const body = page.slice(at, page.indexOf("</section>", at));
  return [...body.matchAll(/<a [^>]*href="([^"]+)"[^>]*><span[^>]*>([^<]+)<\/span><span[^>]*>([\d,]+)<\/span>/g)].map((m) => ({
    href: decode(m[1]!),
    label: m[2]!,
    count: num(m[3]!),
  }));
}

/** How many orders a list page says it holds. */
async function listTotal(url: string): Promise<number> {
  const text = textOf(await html(staff, url));
  const m = /([\d,]+) work orders?( match the filters)?\./.exec(text);
  assert.ok(m, `${url}: ${text.slice(0, 200)}`);
  return num(m[1]!);
}

describe("dashboard", () => {
  test("the figures for the fixture", async () => {
    const page = await html(staff, "/");
    assert.equal(tile(page, "tile-overdue").value, 2);
    assert.equal(tile(page, "tile-dead").value, 2);
    assert.equal(tile(page, "tile-uploads").value, 7); // 3 matched photos and 4 unmatched items, all today
    assert.equal(tile(page, "tile-integrations").value, 3);
    assert.ok(textOf(page).includes("4 waiting in the inbox"));
    assert.deepEqual(
      countRows(page, "by-status").map((r) => [r.label, r.count]),
      [
        ["rework", 60],
        ["not set", 3],
        ["assigned", 2],
        ["canceled", 1],
        ["rush", 1],
      ],
    );
  });

  test("each order figure equals the total of the list its link opens", async () => {
    const page = await html(staff, "/");
    const links = [
      tile(page, "tile-overdue"),
      tile(page, "tile-uploads"),
      ...["by-status", "by-pruvan-status", "by-client-status"].flatMap((id) =>
        countRows(page, id).map((r) => ({ href: r.href, value: r.count })),
      ),
    ];
    assert.ok(links.length >= 15, String(links.length));
    for (const { href, value } of links) {
      assert.ok(href?.startsWith("/orders"), String(href));
      if (!href) continue;
      // "Uploads today" counts items; its list holds the orders that received them.
      if (href.includes("uploadedSince")) assert.equal(await listTotal(href), 2, href);
      else assert.equal(await listTotal(href), value, href);
    }
  });

  test("failed pushes open the dead jobs; integrations link for admins only", async () => {
    const page = await html(staff, "/");
    assert.equal(tile(page, "tile-dead").href, "/push-log?state=dead");
    assert.equal(tile(page, "tile-integrations").href, null, "staff cannot open /integrations");
    assert.equal(tile(await html(admin, "/"), "tile-integrations").href, "/integrations");
    const dead = textOf(await html(staff, "/push-log?state=dead"));
    assert.ok(dead.includes("Dead (2)"));
    assert.ok(dead.includes("1–2 of 2 push jobs"));
  });

  test("staff are not shown the admin pages in the navigation; admins are", async () => {
    const nav = (page: string) => page.slice(page.indexOf('aria-label="Main"'), page.indexOf("</nav>", page.indexOf('aria-label="Main"')));
    assert.doesNotMatch(nav(await html(staff, "/")), /href="\/(integrations|status-mapping|users)"/);
    assert.match(nav(await html(admin, "/")), /href="\/integrations"[\s\S]*href="\/status-mapping"[\s\S]*href="\/users"/);
  });
});

describe("push log", () => {
  test("filters by state and integration; shows attempts, next attempt, HTTP status and answer", async () => {
    const all = textOf(await html(staff, "/push-log"));
    assert.ok(
      all.includes("All (4)") && all.includes("Pending (1)") && all.includes("Delivered (1)") && all.includes("Dead (2)"),
      all.slice(0, 500),
    );

    const acme = await html(staff, "/push-log?integration=acme");
    assert.equal([...acme.matchAll(/data-testid="push-job"/g)].length, 1);
    const pending = textOf(acme);
    assert.ok(pending.includes("PF-1006"));
    assert.match(pending, /next attempt \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.ok(pending.includes("HTTP 502Bad Gateway"), pending);

    const north = await html(staff, "/push-log?state=dead&integration=north");
    assert.equal([...north.matchAll(/data-testid="push-job"/g)].length, 1);
    assert.ok(/<details><summary[^>]*>x{100}…<\/summary>/.test(north), "a long answer is folded");
    assert.ok(textOf(north).includes("all orders"));

    const delivered = textOf(await html(staff, "/push-log?state=delivered"));
    assert.ok(delivered.includes('HTTP 200{"response":{"created":1,"updated":0,"deleted":0},"error":""}'));
  });

  test("an unknown state or integration lists nothing rather than failing", async () => {
    const text = textOf(await html(staff, "/push-log?integration=nobody"));
    assert.ok(text.includes("No push jobs match"));
    const bad = textOf(await html(staff, "/push-log?state=exploded"));
    assert.ok(bad.includes("All (4)"));
  });
});
