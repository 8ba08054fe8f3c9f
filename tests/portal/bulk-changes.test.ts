import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { parse } from "csv-parse/sync";
import { db } from "@/lib/db";
import { createOrder, deleteOrder } from "@/lib/orders/manage";
import type { BulkResult } from "@/lib/orders/bulk-change";
import { callFormAction } from "../support/forms";
import { followJob } from "../support/jobs";
import { adminActor, makeIntegration, simpleOrder } from "../support/orders";
import { startServer, type RunningServer } from "../support/server";
import { type Browserless, signedInStaffAndAdmin } from "../support/session";
import { useDataDir } from "../support/work-item-fixtures";

// Bulk work on the orders list through its real server action and the job's status route,
// against the production server (its job worker runs the change): each order is changed by
// the same commands as a single edit, so the rules refuse what they refuse, the history
// and the push outbox get one entry per order, and the result names who was refused and why.

let server: RunningServer;
let staff: Browserless;
let admin: Browserless;
let inHouse: { id: string; username: string }; // push key: every change queues a push
let vendor: { id: string; username: string }; // external, no auto_admin, no push key
const numbers: Record<string, string[]> = { inHouse: [], vendor: [] };

before(async () => {
  server = await startServer({ env: { PUSH_WORKER: "off" } });
  useDataDir(server.dataDir);
  inHouse = await makeIntegration({ mode: "internal", username: "bulk-inhouse", pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=bulk" });
  vendor = await makeIntegration({ mode: "external", username: "bulk-vendor" });
  for (let i = 0; i < 40; i++) {
    const o = await createOrder(
      simpleOrder(inHouse.id, { workOrderNumber: `BLK-${1000 + i}`, clientStatus: i < 30 ? "Open" : "Hold" }),
      adminActor,
    );
    numbers.inHouse!.push(o.workOrderNumber);
  }
  for (let i = 0; i < 3; i++)
    numbers.vendor!.push((await createOrder(simpleOrder(vendor.id, { workOrderNumber: `BLV-${i}` }), adminActor)).workOrderNumber);
  ({ staff, admin } = await signedInStaffAndAdmin(server));
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

type Started = { status: number; text: string; jobId: string | null };

/** Posts the bulk bar's form (startBulkChangeAction) as the list page's script does. */
async function startBulk(session: Browserless, fields: Record<string, string>): Promise<Started> {
  const res = await callFormAction(session, "/orders", "startBulkChangeAction", fields);
  return { ...res, jobId: /"jobId":"([^"]+)"/.exec(res.text)?.[1] ?? null };
}

const idsOf = async (nums: string[]) =>
  (await db().workOrder.findMany({ where: { workOrderNumber: { in: nums } }, select: { id: true } })).map((o) => o.id);
const ordersOf = (nums: string[]) =>
  db().workOrder.findMany({
    where: { workOrderNumber: { in: nums } },
    include: { statusEvents: true, pushJobs: true },
    orderBy: { workOrderNumber: "asc" },
  });

describe("every order matching the filters", () => {
  test("set client status: the 30 orders of the filter change, each with its history and a push; the others are untouched", async () => {
    const started = await startBulk(staff, {
      action: "clientStatus",
      value: "Ready for QC",
      scope: "matching",
      list: "client=Open&integration=bulk-inhouse",
      picked: "",
    });
    assert.ok(started.jobId, started.text.slice(0, 500));
    assert.match(started.text, /Started on 30 orders\./);
    const seen = await followJob(staff, started.jobId);
    const last = seen.at(-1)!;
    assert.equal(last.state, "done");
    assert.equal(last.total, 30);
    assert.equal(last.done, 30);
    assert.deepEqual(last.result, { changed: 30, unchanged: 0, refusedCount: 0, refused: [], warnings: [] } satisfies BulkResult);
    assert.notEqual(seen[0]!.state, "done", "the action answers while the job runs, not after it");
    assert.ok(
      seen.every((v, i) => i === 0 || v.done >= seen[i - 1]!.done),
      "progress never goes back",
    );

    const changed = await ordersOf(numbers.inHouse!.slice(0, 30));
    for (const o of changed) {
      assert.equal(o.clientStatus, "Ready for QC");
      const event = o.statusEvents.find((e) => e.toClientStatus === "Ready for QC");
      assert.ok(event, `${o.workOrderNumber} has its history entry`);
      assert.equal(event.actor, "desk@example.com");
      assert.equal(event.fromClientStatus, "Open");
      assert.equal(
        o.pushJobs.filter((j) => j.state === "pending").length,
        2,
        `${o.workOrderNumber}: its create and this change are in the outbox`,
      );
    }
    for (const o of await ordersOf(numbers.inHouse!.slice(30))) assert.equal(o.clientStatus, "Hold");
  });

  test("a second run of the same change leaves the orders as they are and says so", async () => {
    const started = await startBulk(staff, {
      action: "clientStatus",
      value: "Ready for QC",
      scope: "matching",
      list: "integration=bulk-inhouse&client=Ready+for+QC",
      picked: "",
    });
    const last = (await followJob(staff, started.jobId!)).at(-1)!;
    assert.deepEqual(last.result, { changed: 0, unchanged: 30, refusedCount: 0, refused: [], warnings: [] });
    const pushes = await db().pushJob.count({ where: { workOrder: { workOrderNumber: { in: numbers.inHouse! } } } });
    assert.equal(pushes, 40 + 30, "no push for no change");
  });

  test("set due date over a list with a deleted order: the deleted one is refused with the rule, the vendor's get the single edit's warning", async () => {
    await deleteOrder((await idsOf(["BLV-2"]))[0]!, adminActor, { confirm: true });
    const started = await startBulk(staff, {
      action: "dueDate",
      value: "2027-01-15",
      scope: "matching",
      list: "integration=bulk-vendor&deleted=1",
      picked: "",
    });
    const last = (await followJob(staff, started.jobId!)).at(-1)!;
    const result = last.result as BulkResult;
    assert.equal(result.changed, 2);
    assert.equal(result.refusedCount, 1);
    assert.deepEqual(result.refused, [{ workOrderNumber: "BLV-2", reason: "Order BLV-2 was deleted; it cannot be changed." }]);
    assert.ok(
      result.warnings.some((w) => /^BLV-[01]: .*dueDate/.test(w)),
      JSON.stringify(result.warnings),
    );
    for (const o of await ordersOf(["BLV-0", "BLV-1"])) assert.equal(o.dueDate?.toISOString(), "2027-01-15T12:00:00.000Z");
  });
});

describe("rows picked on the page", () => {
  test("a bad value is refused beside its field before any order is touched", async () => {
    const picked = (await idsOf(["BLK-1030", "BLK-1031"])).join(",");
    const res = await startBulk(staff, { action: "dueDate", value: "next tuesday", scope: "picked", list: "", picked });
    assert.equal(res.jobId, null);
    assert.match(res.text, /"errors":\{"dueDate":\["must be a date/, res.text.slice(0, 600));
    assert.equal(await db().job.count({ where: { kind: "bulk", total: 2 } }), 0);
  });

  test("delete needs the confirmation; with it, only the picked rows are deleted and Pruvan is told", async () => {
    const picked = (await idsOf(["BLK-1030", "BLK-1031"])).join(",");
    const unconfirmed = await startBulk(staff, { action: "delete", scope: "picked", list: "integration=bulk-inhouse", picked });
    assert.equal(unconfirmed.jobId, null);
    assert.match(unconfirmed.text, /"confirm":\["confirm the deletion"\]/);
    const started = await startBulk(staff, { action: "delete", scope: "picked", list: "integration=bulk-inhouse", picked, confirm: "on" });
    const result = (await followJob(staff, started.jobId!)).at(-1)!.result as BulkResult;
    assert.equal(result.changed, 2);
    const [a, b, untouched] = await ordersOf(["BLK-1030", "BLK-1031", "BLK-1032"]);
    for (const o of [a!, b!]) {
      assert.ok(o.deletedAt);
      assert.equal(o.status, "deleted");
      assert.ok(
        o.pushJobs.some((j) => j.kind === "delete" && j.state === "pending"),
        "the delete is in the outbox",
      );
      assert.ok(o.statusEvents.some((e) => e.note === "Order deleted" && e.actor === "desk@example.com"));
    }
    assert.equal(untouched!.deletedAt, null);
  });

  test("force push is for admins; an admin's queues one forced push per order, and refuses the orders without a push key", async () => {
    const picked = (await idsOf(["BLK-1032", "BLK-1033", "BLV-0"])).join(",");
    const byStaff = await startBulk(staff, { action: "forcePush", scope: "picked", list: "", picked });
    assert.equal(byStaff.jobId, null);
    assert.match(byStaff.text, /Only admins can force a push\./);
    const started = await startBulk(admin, { action: "forcePush", scope: "picked", list: "sort=number", picked });
    const result = (await followJob(admin, started.jobId!)).at(-1)!.result as BulkResult;
    assert.equal(result.changed, 2);
    assert.equal(result.refusedCount, 1);
    assert.equal(result.refused[0]!.workOrderNumber, "BLV-0");
    assert.match(result.refused[0]!.reason, /has no push key yet/);
    for (const o of await ordersOf(["BLK-1032", "BLK-1033"])) assert.equal(o.pushJobs.filter((j) => j.force).length, 1);
  });

  test("export: the picked rows only, in list order; without ids every order matching the filters", async () => {
    const picked = (await idsOf(["BLK-1005", "BLK-1003", "BLK-1004"])).join(",");
    const res = await staff.fetch(`/orders/export?integration=bulk-inhouse&sort=number&dir=desc&ids=${picked}`);
    assert.equal(res.status, 200);
    const rows = parse(await res.text(), { bom: true, columns: true }) as { workOrderNumber: string }[];
    assert.deepEqual(
      rows.map((r) => r.workOrderNumber),
      ["BLK-1005", "BLK-1004", "BLK-1003"],
    );
    const all = parse(await (await staff.fetch("/orders/export?integration=bulk-inhouse")).text(), {
      bom: true,
      columns: true,
    }) as unknown[];
    assert.equal(all.length, 38, "40 orders, 2 deleted");
  });

  test("a job is only shown to a signed-in user", async () => {
    const job = await db().job.findFirstOrThrow({ select: { id: true } });
    const anonymous = await fetch(`${server.url}/jobs/${job.id}`);
    assert.equal(anonymous.status, 401);
    assert.equal((await staff.fetch("/jobs/no-such-job")).status, 404);
  });
});
