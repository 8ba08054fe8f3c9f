import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import { db } from "@/lib/db";
import { resolveStreamedHtml, textOf } from "../support/html";
import { FILLER_COUNT, loadPortalFixture } from "../support/portal-fixtures";
import { runCli, startServer, type RunningServer } from "../support/server";
import { Browserless } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// The orders list and its CSV export over real HTTP against the production server: the
// query lives in the URL, so each case is a URL and the order numbers it must list.

let server: RunningServer;
let staff: Browserless;
const login = { email: "lister@example.com", password: "correct-horse-9" };
const LIVE = 7 + FILLER_COUNT; // PF-1001..PF-1007 and the filler; PF-1008 is deleted
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const filler = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `PF-${from + i}`);

before(async () => {
  server = await startServer();
  assert.equal(runCli(["user:create", "--email", login.email, "--role", "staff"], server.env, login.password).code, 0);
  useDataDir(server.dataDir);
  await loadPortalFixture();
  staff = new Browserless(server.url);
  assert.equal((await staff.signIn(login.email, login.password)).status, 200);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

const decode = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** The page's HTML and the order numbers its table lists, in order. */
async function list(url: string) {
  const res = await staff.fetch(url);
  assert.equal(res.status, 200, url);
  const html = resolveStreamedHtml(await res.text());
  const numbers = [...html.matchAll(/<tr data-testid="order-row"[^>]*>[\s\S]*?<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!);
  return { html, numbers, text: textOf(html) };
}

describe("filters in the URL", () => {
  const cases: [url: string, expected: string[]][] = [
    ["/orders?status=(none)", ["PF-1002", "PF-1004", "PF-1007"]],
    ["/orders?status=assigned", ["PF-1001", "PF-1006"]],
    ["/orders?pruvan=complete", ["PF-1002"]],
    ["/orders?client=Rush+Order", ["PF-1003"]],
    ["/orders?client=(none)", ["PF-1004"]],
    ["/orders?integration=acme", ["PF-1006"]],
    // Overdue: due before today and closed out neither by us nor by Pruvan; never a deleted order.
    ["/orders?overdue=1", ["PF-1001", "PF-1007"]],
    ["/orders?overdue=1&deleted=1", ["PF-1001", "PF-1007"]],
    ["/orders?overdue=1&status=assigned", ["PF-1001"]],
    ["/orders?photos=1", ["PF-1003", "PF-1006"]],
    [`/orders?uploadedSince=${day(0)}`, ["PF-1003", "PF-1006"]],
    [`/orders?uploadedSince=${day(1)}`, []],
    // Both ends of the due range count.
    [`/orders?dueAfter=${day(-3)}&dueBefore=${day(0)}`, ["PF-1002", "PF-1006", "PF-1007"]],
    [`/orders?dueBefore=${day(-5)}`, ["PF-1001", "PF-1005"]],
    // Search: number, address, city anywhere (any case), zip from its start.
    ["/orders?q=austin", ["PF-1001", "PF-1002", "PF-1006"]],
    ["/orders?q=oak", ["PF-1001", "PF-1006"]],
    ["/orders?q=7870", ["PF-1001", "PF-1002"]],
    ["/orders?q=PF-1003", ["PF-1003"]],
    ["/orders?q=Gone", []],
    ["/orders?q=Gone&deleted=1", ["PF-1008"]],
    ["/orders?q=zzzz", []],
    // % and _ are text, not LIKE wildcards.
    ["/orders?q=PF_100", []],
    ["/orders?q=%25", []],
  ];
  for (const [url, expected] of cases) {
    test(url, async () => {
      const { numbers, text } = await list(url);
      assert.deepEqual([...numbers].sort(), expected, url);
      assert.ok(text.includes(`${expected.length} work order${expected.length === 1 ? "" : "s"} match the filters`), url);
    });
  }

  test("a value that does not parse is ignored, never an error", async () => {
    const { numbers, text } = await list("/orders?status=bogus&overdue=yes&dueAfter=2026-02-31&page=-3&size=7&sort=nope&dir=up");
    assert.equal(numbers.length, 50);
    assert.ok(text.includes(`1–50 of ${LIVE} orders`));
    assert.ok(!text.includes("Clear all"), "no chip for an ignored value");
  });

  test("each active filter is a chip whose link removes just that filter", async () => {
    const { html } = await list("/orders?status=assigned&overdue=1&q=oak");
    const chips = [...decode(html).matchAll(/<a[^>]*href="([^"]*)"[^>]*><span>([^<]+)<\/span>/g)].map((m) => [m[2], m[1]]);
    assert.deepEqual(chips, [
      ["Search: oak", "/orders?status=assigned&overdue=1"],
      ["Status: assigned", "/orders?q=oak&overdue=1"],
      ["Overdue", "/orders?q=oak&status=assigned"],
    ]);
    assert.match(decode(html), /href="\/orders">Clear all</);
  });
});

describe("sorting and paging", () => {
  test("by number, both ways, 25 a page", async () => {
    assert.deepEqual((await list("/orders?sort=number&size=25")).numbers, [...filler(1001, 1007), ...filler(2001, 2018)]);
    assert.deepEqual((await list("/orders?sort=number&dir=desc&size=25")).numbers, filler(2036, 2060).reverse());
  });

  test("by due date: no due date first going up, last going down; the number breaks ties", async () => {
    const up = (await list("/orders?sort=due&size=25")).numbers;
    assert.deepEqual(up.slice(0, 10), [
      "PF-1004",
      "PF-1005",
      "PF-1001",
      "PF-1002",
      "PF-1007",
      "PF-1006",
      "PF-1003",
      "PF-2001",
      "PF-2002",
      "PF-2003",
    ]);
    const down = (await list(`/orders?sort=due&dir=desc&page=${Math.ceil(LIVE / 50)}`)).numbers;
    assert.equal(down.at(-1), "PF-1004");
  });

  test("by city, then number; page 2 holds the rest", async () => {
    assert.deepEqual((await list("/orders?sort=city")).numbers.slice(0, 7), [
      "PF-1001",
      "PF-1002",
      "PF-1006",
      "PF-1005",
      "PF-1004",
      "PF-1007",
      "PF-2001",
    ]);
    const { numbers, text } = await list("/orders?sort=city&page=2");
    assert.deepEqual(numbers, [...filler(2045, 2060), "PF-1003"]);
    assert.ok(text.includes(`51–${LIVE} of ${LIVE} orders · page 2 of 2`));
  });

  test("by status and client status: not set first", async () => {
    assert.deepEqual((await list("/orders?sort=status&size=25")).numbers.slice(0, 5), [
      "PF-1002",
      "PF-1004",
      "PF-1007",
      "PF-1001",
      "PF-1006",
    ]);
    assert.equal((await list("/orders?sort=client")).numbers[0], "PF-1004");
  });

  test("the default is the latest change first", async () => {
    assert.deepEqual((await list("/orders")).numbers.slice(0, 8), [
      "PF-1007",
      "PF-1006",
      "PF-1005",
      "PF-1004",
      "PF-1003",
      "PF-1002",
      "PF-1001",
      "PF-2060",
    ]);
  });

  test("a page past the end shows the last page", async () => {
    const { numbers, text } = await list("/orders?sort=number&page=99");
    assert.equal(numbers.length, LIVE - 50);
    assert.ok(text.includes("page 2 of 2"));
  });

  test("sort headers say which sort is active and link to the other direction", async () => {
    const html = decode((await list("/orders?sort=due&status=assigned")).html);
    assert.match(html, /<th scope="col" aria-sort="ascending"[^>]*><a [^>]*href="\/orders\?status=assigned&sort=due&dir=desc"/);
    assert.match(html, /<th scope="col" aria-sort="none"[^>]*><a [^>]*href="\/orders\?status=assigned&sort=number"/);
  });
});

describe("who may see it", () => {
  test("without a session the list redirects to sign-in and the export answers 401 JSON", async () => {
    const page = await fetch(`${server.url}/orders?status=assigned`, { redirect: "manual" });
    assert.ok([303, 307].includes(page.status), String(page.status));
    assert.match(page.headers.get("location") ?? "", /\/sign-in/);
    const csv = await fetch(`${server.url}/orders/export`, { redirect: "manual" });
    assert.equal(csv.status, 401);
    assert.deepEqual(await csv.json(), { error: "Sign in to export orders." });
  });
});

type Row = Record<string, string>;

async function exportCsv(search: string) {
  const res = await staff.fetch(`/orders/export${search}`);
  assert.equal(res.status, 200);
  const text = await res.text();
  return { res, text, rows: parse(text, { columns: true, bom: true, relax_column_count: false }) as Row[] };
}

describe("CSV export", () => {
  test("an attachment in UTF-8 with a byte-order mark and one header row", async () => {
    const res = await staff.fetch("/orders/export?q=PF-1001");
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    assert.equal(res.headers.get("content-type"), "text/csv; charset=utf-8");
    assert.equal(res.headers.get("content-disposition"), `attachment; filename="orders-${day(0)}.csv"`);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.ok(
      text.startsWith("\uFEFFworkOrderNumber,integration,status,pruvanStatus,fieldStatus,clientStatus,address1,address2,city,state,zip,"),
    );
    assert.equal(text.split("\r\n").filter(Boolean).length, 2);
  });

  test("the rows of the filtered list, in its order, whatever the page and page size", async () => {
    assert.deepEqual(
      (await exportCsv("?status=rework&sort=number")).rows.map((r) => r.workOrderNumber),
      filler(2001, 2060),
    );
    assert.deepEqual(
      (await exportCsv("?status=rework&sort=number&dir=desc&size=25&page=2")).rows.map((r) => r.workOrderNumber),
      filler(2001, 2060).reverse(),
    );
    assert.deepEqual(
      (await exportCsv("?overdue=1&sort=due")).rows.map((r) => r.workOrderNumber),
      ["PF-1001", "PF-1007"],
    );
  });

  test("values come out whole: services, photo counts, dates", async () => {
    const [rush] = (await exportCsv("?q=PF-1003")).rows;
    assert.equal(rush!.integration, "demo");
    assert.equal(rush!.status, "rush");
    assert.equal(rush!.pruvanStatus, "assigned");
    assert.equal(rush!.services, "Lawn Maintenance");
    assert.equal(rush!.photos, "2");
    assert.equal(rush!.dueDate, day(2));
    assert.equal((await exportCsv("?q=PF-1001")).rows[0]!.services, "Lawn Maintenance; Exterior Photos");
  });

  test("text a spreadsheet would run as a formula is defused; quotes, commas, semicolons and line breaks survive", async () => {
    const { rows, text } = await exportCsv("?q=PF-1007");
    assert.equal(rows[0]!.address1, `'=HYPERLINK("http://evil.example","x")`);
    assert.equal(rows[0]!.clientStatus, "'@SUM(A1)");
    assert.equal(rows[0]!.address2, 'Suite 4, "Back"\nGate B');
    assert.doesNotMatch(text, /(^|,)[=+@-]/m, "no field starts with a formula character");
    // Spreadsheets in locales whose list separator is ";" split an unquoted cell there.
    assert.equal(rows[0]!.city, "Houston; Harris Co.");
    assert.match(text, /,"Houston; Harris Co\.",/, "a cell with a semicolon is quoted");
  });

  test("a list longer than one export page streams whole and in order", async () => {
    const integration = await db().integration.findUniqueOrThrow({ where: { username: "demo" } });
    await db().workOrder.createMany({
      data: Array.from({ length: 1_234 }, (_, i) => ({
        workOrderNumber: `BULK-${String(i).padStart(5, "0")}`,
        integrationId: integration.id,
        address1: `${i} Bulk Lane`,
        city: "Mesa",
        state: "AZ",
        zip: "85201",
      })),
    });
    const { rows } = await exportCsv("?q=BULK-&sort=number&dir=desc");
    assert.equal(rows.length, 1_234);
    assert.equal(rows[0]!.workOrderNumber, "BULK-01233");
    assert.equal(rows.at(-1)!.workOrderNumber, "BULK-00000");
    assert.ok(rows.every((r, i) => i === 0 || r.workOrderNumber! < rows[i - 1]!.workOrderNumber!));
  });
});
