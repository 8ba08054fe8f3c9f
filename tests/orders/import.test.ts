import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { makeIntegration, useFreshDatabase } from "../support/orders";
import { runCli } from "../support/server";

// `npm run cli -- orders:import FILE --integration U [--dry-run]`, run as a person would,
// on files written to disk, against a real SQLite file.

let dataDir: string;
const env = () => ({ DATA_DIR: dataDir });
const file = (name: string, content: string) => {
  const p = path.join(dataDir, name);
  writeFileSync(p, content);
  return p;
};
type Result = {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  errors: { workOrderNumber: string | null; error: string }[];
  warnings: { workOrderNumber: string; warning: string }[];
  dryRun: boolean;
};
function importFile(p: string, ...flags: string[]): Result {
  const r = runCli(["orders:import", p, "--integration", "acme", ...flags], env());
  assert.equal(r.code, 0, r.stderr);
  return r.json() as Result;
}

before(async () => {
  dataDir = await useFreshDatabase();
  await makeIntegration({ username: "acme", mode: "internal", pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=acme" });
  await makeIntegration({ username: "other" });
});
after(() => db().$disconnect());

const simple = (n: string, extra: object = {}) => ({
  workOrderNumber: n,
  address1: "110 East Main Street",
  city: "Round Rock",
  state: "TX",
  zip: "78664",
  services: [{ serviceName: "Task" }],
  ...extra,
});

describe('JSON: the doc\'s {"workOrders":[...]}', () => {
  test("good rows are created, bad rows are reported by number and rule, and never block the good ones", () => {
    const p = file(
      "orders.json",
      JSON.stringify({
        workOrders: [
          simple("J-1", { clientStatus: "Order Created", status: "assigned", assignedTo: "crew1" }),
          { workOrderNumber: "J-2", address1: "1 Elm", city: "Austin", state: "TX", services: [{ serviceName: "Lawn" }] },
          simple("J-3", { status: "complete" }),
          simple("J-4", {
            services: [{ serviceName: "Lawn", survey: "vendor1::QC-v1" }, { serviceName: "Photos" }],
            gpsLatitude: 30.5,
            gpsLongitude: -97.6,
          }),
          "not an order",
          simple("J-5", { dueDate: "tomorrow-ish" }),
        ],
        error: "",
      }),
    );
    const result = importFile(p);
    assert.deepEqual([result.created, result.updated, result.deleted, result.unchanged], [2, 0, 0, 0]);
    assert.deepEqual(result.errors, [
      { workOrderNumber: "J-2", error: "workOrders[1]: zip: is required" },
      {
        workOrderNumber: "J-3",
        error: 'workOrders[2]: status: "complete" is set by Pruvan users or Pruvan\'s workflow only, never by a remote system.',
      },
      { workOrderNumber: null, error: "workOrders[4]: must be a workOrder object" },
      {
        workOrderNumber: "J-5",
        error: 'workOrders[5]: dueDate: must be a date such as "2026-05-25", "2026-05-25 1200 +0" or Unix seconds',
      },
    ]);
    assert.equal(result.dryRun, false);
  });

  test('stored as sent, with the history source "import" and a push job each', async () => {
    const order = await db().workOrder.findUniqueOrThrow({
      where: { workOrderNumber: "J-1" },
      include: { statusEvents: true, pushJobs: true },
    });
    assert.equal(order.status, "assigned");
    assert.equal(order.assignedTo, "crew1");
    assert.deepEqual(
      order.statusEvents.map((e) => [e.source, e.actor, e.toStatus, e.toClientStatus]),
      [["import", "cli", "assigned", "Order Created"]],
    );
    assert.equal(order.pushJobs.length, 1);
    const j4 = await db().service.findMany({ where: { workOrder: { workOrderNumber: "J-4" } }, orderBy: { position: "asc" } });
    assert.deepEqual(
      j4.map((s) => [s.serviceName, s.survey]),
      [
        ["Lawn", "vendor1::QC-v1"],
        ["Photos", null],
      ],
    );
  });

  test("a second import updates by workOrderNumber; unchanged rows change nothing; create-only changes are refused", () => {
    const p = file(
      "update.json",
      JSON.stringify({
        workOrders: [
          { workOrderNumber: "J-1", clientStatus: "Rush Order", status: "rush" },
          simple("J-4", {
            services: [{ serviceName: "Lawn", survey: "vendor1::QC-v1" }, { serviceName: "Photos" }],
            gpsLatitude: 30.5,
            gpsLongitude: -97.6,
          }),
          { workOrderNumber: "J-4", city: "Austin" },
          { workOrderNumber: "J-6", clientStatus: "Order Late" },
        ],
      }),
    );
    const result = importFile(p);
    assert.deepEqual([result.created, result.updated, result.unchanged], [0, 1, 1]);
    assert.deepEqual(
      result.errors.map((e) => [e.workOrderNumber, e.error]),
      [
        ["J-4", 'workOrders[2]: workOrderNumber: "J-4" is also at workOrders[1] of this file'],
        [
          "J-6",
          "workOrders[3]: address1: is required; city: is required; state: is required; zip: is required; services: at least one service is required",
        ],
      ],
    );
  });

  test('rows with status "deleted" delete only with --confirm-delete', async () => {
    const p = file("delete.json", JSON.stringify({ workOrders: [{ workOrderNumber: "J-4", status: "deleted" }] }));
    const refused = importFile(p);
    assert.equal(refused.deleted, 0);
    assert.match(refused.errors[0]!.error, /Confirm it explicitly/);
    const confirmed = importFile(p, "--confirm-delete");
    assert.equal(confirmed.deleted, 1);
    assert.ok((await db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: "J-4" } })).deletedAt);
  });

  test("an order of another integration is not touched", async () => {
    const other = await db().integration.findUniqueOrThrow({ where: { username: "other" } });
    const { services: _none, ...theirs } = simple("THEIRS-1");
    void _none;
    await db().workOrder.create({ data: { ...theirs, integrationId: other.id } });
    const result = importFile(file("theirs.json", JSON.stringify({ workOrders: [{ workOrderNumber: "THEIRS-1", clientStatus: "x" }] })));
    assert.match(result.errors[0]!.error, /belongs to another integration/);
  });
});

describe("CSV with the same column names", () => {
  const csv = [
    "workOrderNumber,address1,city,state,zip,clientStatus,clientDueDate,services,services.survey,options",
    'C-1,"110 East Main Street, Unit 2",Round Rock,TX,78664,Order Created,2020-05-28 1200 +0,Lawn|Inspect|Photos,|vendor1::QC-v1|,',
    'C-2,2500 Oak Hollow Drive,Austin,TX,78758,,,Winterization,,"{""camera_orientation"":""portrait""}"',
    "C-3,41 Pecan Lane,Georgetown,TX,,,,Lawn,,",
    "C-4,1 Elm,Austin,TX,78701,,,Lawn|Lawn,,",
    "C-5,1 Oak,Austin,TX,78701,,,Lawn,a|b,",
    "C-6,too,few,cells",
  ].join("\n");

  test("dry run: the same report, nothing written", async () => {
    const p = file("orders.csv", csv);
    const dry = importFile(p, "--dry-run");
    assert.equal(dry.dryRun, true);
    assert.deepEqual([dry.created, dry.updated], [2, 0]);
    assert.equal(dry.errors.length, 4);
    assert.equal(await db().workOrder.count({ where: { workOrderNumber: { startsWith: "C-" } } }), 0);
    assert.equal(await db().pushJob.count({ where: { workOrder: { workOrderNumber: { startsWith: "C-" } } } }), 0);
    const real = importFile(p);
    assert.deepEqual({ ...real, dryRun: true }, dry, "the dry run predicted the real run");
  });

  test("rows and services as written; bad rows named by row and rule", async () => {
    const p = path.join(dataDir, "orders.csv");
    const again = importFile(p);
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 2], "an identical re-import is a no-op");
    assert.deepEqual(again.errors, [
      { workOrderNumber: "C-3", error: "row 4: zip: is required" },
      { workOrderNumber: "C-4", error: 'row 5: services.1.serviceName: "Lawn" appears twice' },
      { workOrderNumber: "C-5", error: "row 6: services.survey has 2 entries for 1 services" },
      { workOrderNumber: "C-6", error: "row 7: has 4 cells; the header has 10" },
    ]);
    const c1 = await db().workOrder.findUniqueOrThrow({
      where: { workOrderNumber: "C-1" },
      include: { services: { orderBy: { position: "asc" } } },
    });
    assert.equal(c1.address1, "110 East Main Street, Unit 2");
    assert.equal(c1.clientDueDate?.toISOString(), "2020-05-28T12:00:00.000Z");
    assert.deepEqual(
      c1.services.map((s) => [s.serviceName, s.survey]),
      [
        ["Lawn", null],
        ["Inspect", "vendor1::QC-v1"],
        ["Photos", null],
      ],
    );
    const c2 = await db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: "C-2" } });
    assert.deepEqual(c2.options, { camera_orientation: "portrait" });
  });

  test("an update by CSV: empty cells leave fields as they are", async () => {
    const p = file("update.csv", "workOrderNumber,clientStatus,address1,services\nC-1,Order Late,,\n");
    const result = importFile(p);
    assert.equal(result.updated, 1);
    const c1 = await db().workOrder.findUniqueOrThrow({ where: { workOrderNumber: "C-1" }, include: { services: true } });
    assert.equal(c1.clientStatus, "Order Late");
    assert.equal(c1.services.length, 3);
  });
});

describe("file-level problems are refused clearly (exit 2, no stack trace)", () => {
  const cases: Array<{ name: string; args: () => string[]; message: RegExp }> = [
    {
      name: "unknown CSV column",
      args: () => [file("typo.csv", "workOrderNumber,adress1\nX,1\n")],
      message: /Unknown CSV columns: adress1/,
    },
    { name: "not JSON", args: () => [file("bad.json", "{workOrders: [")], message: /not valid JSON/ },
    {
      name: "wrong JSON shape",
      args: () => [file("shape.json", '[{"workOrderNumber":"X"}]')],
      message: /must hold \{"workOrders":\[\.\.\.\]\}/,
    },
    {
      name: "unknown integration",
      args: () => [file("ok.json", '{"workOrders":[]}'), "--integration", "nobody"],
      message: /No integration "nobody"/,
    },
    { name: "missing file", args: () => [path.join(dataDir, "nope.json")], message: /cannot read/ },
    // No .json or .csv: told by the first character, as on the Import page.
    { name: "format by content, JSON", args: () => [file("orders.txt", "{workOrders: [")], message: /not valid JSON/ },
    { name: "format by content, CSV", args: () => [file("orders.dat", "")], message: /The CSV file is empty/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const args = c.args();
      const r = runCli(["orders:import", ...args, ...(args.includes("--integration") ? [] : ["--integration", "acme"])], env());
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, c.message);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  }
});

describe("other order commands", () => {
  test("orders:list, orders:delete needs --confirm", async () => {
    const list = runCli(["orders:list", "--integration", "acme"], env());
    assert.equal(list.code, 0, list.stderr);
    assert.ok((list.json() as { workOrderNumber: string }[]).some((o) => o.workOrderNumber === "C-1"));
    const refused = runCli(["orders:delete", "C-2"], env());
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /Confirm it explicitly/);
    const done = runCli(["orders:delete", "C-2", "--confirm"], env());
    assert.equal(done.code, 0, done.stderr);
    assert.equal((done.json() as { action: string }).action, "deleted");
  });
});
