import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { OrderForWire } from "@/lib/pruvan/work-order-wire";
import { serializeWorkOrder } from "@/lib/pruvan/work-order-wire";
import { toAscii } from "@/lib/pruvan/ascii";
import { formatDateTime, formatDueDate, parsePruvanDate } from "@/lib/pruvan/dates";
import { allowedStatuses, checkMappingStatus, checkOrderStatus } from "@/lib/pruvan/statuses";

describe("ASCII only (pruvan-api-v2 General)", () => {
  const cases: Array<[string, string]> = [
    ["110 East Main Street", "110 East Main Street"],
    ["Café Niño São Paulo", "Cafe Nino Sao Paulo"],
    ["\u201CLockbox\u201D code \u201812\u2019 \u2014 back door\u2026", "\"Lockbox\" code '12' - back door..."],
    ["Straße Øster Æble", "Strasse Oster AEble"],
    ["emoji 🏠 and 漢字 dropped", "emoji  and  dropped"],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => assert.equal(toAscii(input), expected));
});

describe("dates (pruvan-api-v2 Date Fields)", () => {
  test("dueDate is the chosen calendar day at noon UTC", () => {
    assert.equal(formatDueDate(new Date(Date.UTC(2016, 4, 25, 12))), "2016-05-25 1200 +0");
    assert.equal(formatDueDate(new Date(Date.UTC(2016, 4, 25, 23, 59))), "2016-05-25 1200 +0");
  });
  test("other dates are the instant with offset", () => {
    assert.equal(formatDateTime(new Date(Date.UTC(2020, 4, 28, 9, 5))), "2020-05-28 0905 +0");
  });
  const parses: Array<[string | number, string | null]> = [
    [1414434590, "2014-10-27T18:29:50.000Z"],
    ["1414434590", "2014-10-27T18:29:50.000Z"],
    // "For any date fields that you do not supply a time, the system will assume midnight Central Time (CST / CDT)."
    ["2016-05-25", "2016-05-25T05:00:00.000Z"],
    ["2016-01-05", "2016-01-05T06:00:00.000Z"],
    ["2026-03-08", "2026-03-08T06:00:00.000Z"], // daylight saving starts at 02:00 that day
    ["2026-11-01", "2026-11-01T05:00:00.000Z"], // and ends at 02:00 that day
    ["2016-05-25 1200 +0", "2016-05-25T12:00:00.000Z"],
    ["2016-05-25 2359 -07", "2016-05-26T06:59:00.000Z"],
    ["2014-10-27 13:29:35", "2014-10-27T13:29:35.000Z"],
    ["2016-05-25T10:00:00Z", "2016-05-25T10:00:00.000Z"],
    ["2016-02-30", null],
    ["next tuesday", null],
    // a date outside the four-digit years no database stores (found by the fuzz test's status reports)
    [-2_100_000_000_000, null],
    [1e15, null],
    ["99999999999", "5138-11-16T09:46:39.000Z"],
    ["0050-01-01 1200 +0", null],
    [Number.NaN, null],
  ];
  for (const [input, iso] of parses) {
    test(`parse ${JSON.stringify(input)}`, () => assert.equal(parsePruvanDate(input)?.toISOString() ?? null, iso));
  }
});

describe("status rules (remote-fields-and-statuses.txt)", () => {
  const internal = { mode: "internal" as const, autoAdmin: false };
  const external = { mode: "external" as const, autoAdmin: false };
  const externalAuto = { mode: "external" as const, autoAdmin: true };
  test("internal may create unassigned, assigned, rush, rework", () => {
    assert.deepEqual(allowedStatuses("create", internal), ["unassigned", "assigned", "rush", "rework"]);
  });
  test("internal may update to canceled and closed as well", () => {
    assert.deepEqual(allowedStatuses("update", internal), ["unassigned", "assigned", "rush", "rework", "canceled", "closed"]);
  });
  test("external with auto_admin: no assignment statuses", () => {
    assert.deepEqual(allowedStatuses("update", externalAuto), ["rush", "rework", "canceled", "closed"]);
  });
  test("external without auto_admin sets no status at all", () => {
    assert.deepEqual(allowedStatuses("update", external), []);
    const verdict = checkOrderStatus("rush", "update", external);
    assert.equal(verdict.ok, false);
    assert.match(!verdict.ok ? verdict.reason : "", /auto_admin/);
  });
  for (const s of ["accepted", "rejected", "complete", "invoiced", "submitted"] as const) {
    test(`${s} is never set remotely`, () => {
      assert.equal(checkOrderStatus(s, "update", internal).ok, false);
      assert.equal(checkMappingStatus(s).ok, false);
    });
  }
  test("deleted needs explicit confirmation and never on create", () => {
    assert.equal(checkOrderStatus("deleted", "update", internal).ok, false);
    assert.equal(checkOrderStatus("deleted", "update", internal, { confirmDelete: true }).ok, true);
    assert.equal(checkOrderStatus("deleted", "create", internal, { confirmDelete: true }).ok, false);
  });
});

function order(overrides: Partial<OrderForWire> = {}): OrderForWire {
  const base = {
    id: "o1",
    integrationId: "i1",
    workOrderNumber: "WO-1",
    workOrderInfo: "Lockbox 1234",
    address1: "110 East Main Street",
    address2: null,
    city: "Round Rock",
    state: "TX",
    zip: "78664",
    country: null,
    assignedTo: "crew1",
    status: null,
    dueDate: new Date(Date.UTC(2026, 4, 25, 12)),
    instructions: "<b>Mow</b>",
    clientStatus: "Rush Order",
    clientDueDate: null,
    clientInstructions: "Call first",
    description: "Desc",
    reference: "Ref",
    attribute7: "a7",
    attribute8: null,
    attribute9: null,
    attribute10: null,
    attribute11: null,
    attribute12: null,
    attribute13: null,
    attribute14: null,
    attribute15: null,
    gpsLatitude: 30.5,
    gpsLongitude: -97.6,
    options: { camera_orientation: "landscape" },
    startDate: null,
    sourceWoId: null,
    sourceWoNumber: null,
    sourceWoProvider: null,
    pruvanStatus: null,
    fieldStatus: null,
    pruvanDueDate: null,
    pruvanStatusAt: null,
    lastSentAt: null,
    pushError: null,
    pushErrorAt: null,
    createdById: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    deletedAt: null,
    services: [
      {
        id: "s2",
        workOrderId: "o1",
        position: 1,
        serviceName: "Photos",
        survey: null,
        instructions: null,
        options: null,
        sourceService: null,
        sourceServiceId: null,
        pruvanTaskId: null,
        createdAt: new Date(),
        ...nullAttrs(),
      },
      {
        id: "s1",
        workOrderId: "o1",
        position: 0,
        serviceName: "Lawn",
        survey: "vendor1::Simple-v1",
        instructions: null,
        options: null,
        sourceService: null,
        sourceServiceId: null,
        pruvanTaskId: null,
        createdAt: new Date(),
        ...nullAttrs(),
      },
    ],
  };
  return { ...base, ...overrides } as OrderForWire;
}
function nullAttrs() {
  return Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`attribute${i + 1}`, null]));
}
const mapping = new Map([["Rush Order", "rush" as const]]);

describe("one serializer for getWorkOrders and push (Pruvan Integration Types)", () => {
  test("internal: every field, mapped status, services in order", () => {
    const wire = serializeWorkOrder(order(), { mode: "internal", autoAdmin: false, mapping })!;
    assert.equal(wire.assignedTo, "crew1");
    assert.equal(wire.status, "rush");
    assert.equal(wire.dueDate, "2026-05-25 1200 +0");
    assert.equal(wire.description, "Desc");
    assert.equal(wire.reference, "Ref");
    assert.deepEqual(
      wire.services?.map((s) => s.serviceName),
      ["Lawn", "Photos"],
    );
    assert.equal(wire.services?.[0]?.survey, "vendor1::Simple-v1");
  });
  test("external: none of assignedTo, status, dueDate, instructions, description, reference", () => {
    const wire = serializeWorkOrder(order(), { mode: "external", autoAdmin: false, mapping })!;
    for (const f of ["assignedTo", "status", "dueDate", "instructions", "description", "reference"]) assert.ok(!(f in wire), f);
    assert.equal(wire.clientStatus, "Rush Order");
    assert.equal(wire.workOrderInfo, "Lockbox 1234");
    assert.equal(wire.attribute7, "a7");
  });
  test("external with auto_admin: status, dueDate and instructions only", () => {
    const wire = serializeWorkOrder(order(), { mode: "external", autoAdmin: true, mapping })!;
    assert.equal(wire.status, "rush");
    assert.equal(wire.dueDate, "2026-05-25 1200 +0");
    assert.equal(wire.instructions, "<b>Mow</b>");
    for (const f of ["assignedTo", "description", "reference"]) assert.ok(!(f in wire), f);
  });
  test("on create (remote-fields): external also sends description and reference; no mapped canceled or closed", () => {
    const wire = serializeWorkOrder(order(), { mode: "external", autoAdmin: false, mapping, create: true })!;
    assert.deepEqual([wire.description, wire.reference], ["Desc", "Ref"], 'shared fields "can be set on remote order creation"');
    for (const f of ["assignedTo", "status", "dueDate", "instructions"]) assert.ok(!(f in wire), f);
    const closing = new Map([
      ["Order Closed", "closed" as const],
      ["Order Canceled", "canceled" as const],
    ]);
    for (const clientStatus of closing.keys()) {
      for (const rules of [
        { mode: "internal" as const, autoAdmin: false },
        { mode: "external" as const, autoAdmin: true },
      ]) {
        const created = serializeWorkOrder(order({ clientStatus }), { ...rules, mapping: closing, create: true })!;
        assert.equal(created.status, undefined, `${clientStatus} on create: "Not advised on remote Create"`);
        const updated = serializeWorkOrder(order({ clientStatus }), { ...rules, mapping: closing })!;
        assert.equal(updated.status, closing.get(clientStatus), `${clientStatus} on update`);
      }
    }
  });
  test("deleted orders: status deleted where the mode may set status", () => {
    const gone = order({ deletedAt: new Date() });
    assert.deepEqual(serializeWorkOrder(gone, { mode: "internal", autoAdmin: false }), { workOrderNumber: "WO-1", status: "deleted" });
    assert.equal(serializeWorkOrder(gone, { mode: "external", autoAdmin: false }), null);
  });
  test("strings are ASCII and empty fields are left out", () => {
    const wire = serializeWorkOrder(order({ city: "Peñasco", address2: null }), { mode: "external", autoAdmin: false })!;
    assert.equal(wire.city, "Penasco");
    assert.ok(!("address2" in wire));
  });
});
