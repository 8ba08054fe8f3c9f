import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PruvanAccount } from "../support/pruvan-account/account";
import { readDueDate, readPruvanDate } from "../support/pruvan-account/dates";

// The model of a Pruvan account against the docs' own examples and rules, without a portal:
// if the model is wrong, every sync test built on it is wrong too.

const SIMPLE = {
  workOrderNumber: "Simple",
  address1: "110 East Main Street",
  city: "Round Rock",
  state: "TX",
  zip: "78664",
  services: [{ serviceName: "Task" }],
};
const order = (n: string, extra: Record<string, unknown> = {}) => ({ ...SIMPLE, workOrderNumber: n, ...extra });
const account = (settings: Partial<ConstructorParameters<typeof PruvanAccount>[0]> = {}) =>
  new PruvanAccount({ clientCode: "SMC", mode: "external", ...settings });

describe("imports and pushes (managing-integrations, pruvan-api-v2)", () => {
  test("a full import replaces the integration's projects: absent ones deleted, a re-created one gets a new key1", () => {
    const a = account();
    a.fullImport([order("A"), order("B")]);
    const keyB = a.projects.get("B")!.key1;
    a.fullImport([order("A")]);
    assert.deepEqual([...a.projects.keys()], ["A"]);
    assert.equal(a.deletedView.get("B")!.key1, keyB, "in the Deleted View");
    a.fullImport([order("A"), order("B")]);
    assert.notEqual(a.projects.get("B")!.key1, keyB);
  });

  test("incremental imports and pushes upsert and delete nothing", () => {
    const a = account();
    a.incrementalImport([order("A")]);
    a.push([order("B")]);
    a.incrementalImport([{ workOrderNumber: "A", clientStatus: "Order Late" }]);
    assert.deepEqual([...a.projects.keys()].sort(), ["A", "B"]);
    assert.equal(a.valueOf("A", "clientStatus"), "Order Late");
  });

  test("a create needs a valid address and a service; an update of a missing project is a create", () => {
    const a = account();
    const [noService, noZip, update] = a.push([
      order("A", { services: [] }),
      order("B", { zip: "" }),
      { workOrderNumber: "C", clientStatus: "x" },
    ]).results;
    assert.match(noService!.error!, /services required/);
    assert.match(noZip!.error!, /zip required/);
    assert.match(update!.error!, /address1, city, state, zip, services required/);
    assert.equal(a.projects.size, 0);
  });

  test("an answer over the per-call limit is not imported", () => {
    const a = account({ perCallLimit: 2 });
    a.fullImport([order("A")]);
    assert.deepEqual(a.fullImport([order("A"), order("B"), order("C")]), []);
    assert.deepEqual([...a.projects.keys()], ["A"]);
    assert.match(a.advice[0]!, /answered 3 work orders; the limit is 2/);
  });

  test("duplicate work order numbers in one call are rejected; non-ASCII text is refused", () => {
    const a = account();
    const results = a.push([order("A"), order("A"), order("B", { clientInstructions: "Caf\u00e9" })]).results;
    assert.deepEqual(
      results.map((r) => r.outcome),
      ["created", "ignored", "ignored"],
    );
    assert.match(a.advice.join(), /non-ASCII text in clientInstructions/);
  });

  test("the hourly limit counts pushed inserts and updates", () => {
    const a = account({ hourlyLimit: 2 });
    assert.equal(a.push([order("A"), order("B")]).overHourlyLimit, false);
    assert.equal(a.push([order("C")]).overHourlyLimit, true);
    assert.equal(a.projects.has("C"), false);
  });
});

describe("fields on update (pruvan-api-v2 Available workOrder Object Fields, remote-fields)", () => {
  test("fields that are not updatable are ignored once the project exists", () => {
    const a = account({ mode: "internal" });
    a.push([order("A", { description: "first", attribute7: "L-1", options: { camera_orientation: "portrait" } })]);
    a.push([
      {
        workOrderNumber: "A",
        address1: "9 Other Road",
        description: "second",
        attribute7: "L-2",
        options: { camera_orientation: "landscape" },
      },
    ]);
    assert.equal(a.valueOf("A", "address1"), "110 East Main Street");
    assert.equal(a.valueOf("A", "description"), "first");
    assert.equal(a.valueOf("A", "attribute7"), "L-1");
    assert.equal(a.valueOf("A", "options"), '{"camera_orientation":"portrait"}');
  });

  test("client fields are always updated; an empty value clears a field", () => {
    const a = account({ autoAdmin: false });
    a.push([order("A", { clientInstructions: "Call first", clientDueDate: "2020-05-28 1200 +0" })]);
    a.push([{ workOrderNumber: "A", clientInstructions: "", clientDueDate: "2020-05-29 1200 +0" }]);
    assert.equal(a.valueOf("A", "clientInstructions"), null);
    assert.equal(a.valueOf("A", "clientDueDate"), "2020-05-29T12:00:00.000Z");
  });

  test("external without Auto-Admin: status, dueDate, instructions and assignedTo are ignored, on create and update", () => {
    const a = account({ autoAdmin: false });
    a.push([order("A", { status: "rush", dueDate: "2020-05-25 1200 +0", instructions: "Mow", assignedTo: "crew1", reference: "R-1" })]);
    a.push([{ workOrderNumber: "A", status: "rework", instructions: "Edge", reference: "R-2" }]);
    assert.deepEqual(
      [a.valueOf("A", "status"), a.valueOf("A", "dueDate"), a.valueOf("A", "instructions"), a.valueOf("A", "assignedTo")],
      ["unassigned", null, null, null],
    );
    assert.equal(
      a.valueOf("A", "reference"),
      "R-1",
      "shared fields can be set on remote creation; reference is Y*: no update without Auto-Admin",
    );
  });

  test("Auto-Admin (on by default): status, dueDate and instructions are set; assignedTo stays internal-only", () => {
    const a = account();
    assert.equal(a.settings.autoAdmin, true);
    a.push([order("A", { status: "rush", dueDate: "2016-05-25 2359 -07", instructions: "Mow", assignedTo: "crew1" })]);
    assert.deepEqual(
      [a.valueOf("A", "status"), a.valueOf("A", "dueDate"), a.valueOf("A", "instructions"), a.valueOf("A", "assignedTo")],
      ["rush", "2016-05-26", "Mow", null],
    );
  });

  test("a value an account user set is kept without Auto-Admin, overwritten with it, and flagged when ours had not changed", () => {
    const kept = account({ autoAdmin: false });
    kept.push([order("A", { workOrderInfo: "Lockbox 1" })]);
    kept.userEdits("A", "workOrderInfo", "Lockbox 2 (gate code 9)");
    kept.push([{ workOrderNumber: "A", workOrderInfo: "Lockbox 1" }]);
    assert.equal(kept.valueOf("A", "workOrderInfo"), "Lockbox 2 (gate code 9)");

    const auto = account();
    auto.push([order("A", { instructions: "Mow", status: "rush" })]);
    auto.crewCompletes("A");
    auto.userEdits("A", "instructions", "Mow and edge");
    auto.push([{ workOrderNumber: "A", status: "rush", instructions: "Mow, front only" }]);
    assert.equal(auto.valueOf("A", "status"), "rush");
    assert.equal(auto.valueOf("A", "instructions"), "Mow, front only");
    assert.deepEqual(
      auto.overwrites.map((o) => o.split(":")[0]),
      ["A.status"],
      "status had not changed since received; instructions had",
    );
  });

  test("a task's instructions an account user set: kept without Auto-Admin; overwritten with it, flagged when ours had not changed", () => {
    const kept = account({ autoAdmin: false });
    kept.push([order("A", { services: [{ serviceName: "Lawn", instructions: "Mow" }] })]);
    kept.userEditsTask("A", "Lawn", "Mow; the gate sticks");
    kept.push([{ workOrderNumber: "A", services: [{ serviceName: "Lawn", instructions: "Mow and edge" }] }]);
    assert.equal(kept.projects.get("A")!.tasks[0]!.instructions, "Mow; the gate sticks");

    const auto = account();
    auto.push([order("A", { services: [{ serviceName: "Lawn", instructions: "Mow" }, { serviceName: "Photos" }] })]);
    auto.userEditsTask("A", "Lawn", "Mow; the gate sticks");
    auto.push([{ workOrderNumber: "A", services: [{ serviceName: "Lawn", instructions: "Mow" }] }]);
    assert.equal(auto.projects.get("A")!.tasks[0]!.instructions, "Mow");
    assert.match(
      auto.overwrites.join(),
      /^A task Lawn\.instructions: the account user's "Mow; the gate sticks" overwritten by push with "Mow", unchanged/,
    );
  });

  test("services on update replace the set; a kept task keeps its key3 and its survey", () => {
    const a = account();
    a.push([order("A", { services: [{ serviceName: "Lawn", survey: "v1::S-1" }, { serviceName: "Photos" }] })]);
    const lawn = a.projects.get("A")!.tasks[0]!;
    a.push([
      { workOrderNumber: "A", services: [{ serviceName: "Lawn", survey: "v1::S-2", instructions: "Edge" }, { serviceName: "Winterize" }] },
    ]);
    const tasks = a.projects.get("A")!.tasks;
    assert.deepEqual(
      tasks.map((t) => t.serviceName),
      ["Lawn", "Winterize"],
    );
    assert.equal(tasks[0]!.key3, lawn.key3);
    assert.equal(tasks[0]!.survey, "v1::S-1", "the template ID will not update");
    assert.equal(tasks[0]!.instructions, "Edge");
    a.push([{ workOrderNumber: "A", services: [{ serviceName: "Lawn" }, { serviceName: "Winterize" }] }]);
    assert.equal(a.projects.get("A")!.tasks[0]!.instructions, "Edge", "a task's field left out is not changed");
    a.push([{ workOrderNumber: "A", clientStatus: "x" }]);
    assert.equal(a.projects.get("A")!.tasks.length, 2, "services left out: no change");
  });
});

describe("statuses (remote-fields-and-statuses, pruvan-api-v2 status web service)", () => {
  test('"deleted" deletes only where the integration may set status', () => {
    const auto = account();
    auto.push([order("A")]);
    assert.equal(auto.push([{ workOrderNumber: "A", status: "deleted" }]).results[0]!.outcome, "deleted");
    assert.equal(auto.projects.has("A"), false);
    const plain = account({ autoAdmin: false });
    plain.push([order("A")]);
    plain.push([{ workOrderNumber: "A", status: "deleted" }]);
    assert.equal(plain.projects.has("A"), true);
  });

  test("statuses not advised are taken and recorded", () => {
    const a = account();
    a.push([order("A", { status: "closed" })]);
    a.push([{ workOrderNumber: "A", status: "complete" }]);
    a.push([{ workOrderNumber: "A", status: "assigned" }]);
    assert.deepEqual(
      a.advice.map((x) => x.replace(/^A: /, "")),
      [
        'status "closed" is NOT ADVISED on remote create',
        'status "complete" is NOT ADVISED on remote update',
        'status "assigned" on update is not advised for External Integrations',
      ],
    );
  });

  test("a status change queues a status report, never a change to unassigned", () => {
    const a = account();
    a.push([order("A", { clientStatus: "Order Created", dueDate: "2020-05-25 1200 +0" })]);
    assert.equal(a.statusOutbox.length, 0, "created unassigned");
    a.crewCompletes("A");
    assert.deepEqual(a.statusOutbox.splice(0), [
      { workOrderNumber: "SMC::A", clientStatus: "Order Created", status: "complete", fieldStatus: "complete", dueDate: 1590408000 },
    ]);
    a.userEdits("A", "status", "unassigned");
    assert.equal(a.statusOutbox.length, 0);
  });

  test("queued data published for a deleted project re-creates it with a different key1", () => {
    const a = account();
    a.push([order("A")]);
    const key1 = a.projects.get("A")!.key1;
    a.fullImport([]);
    const recreated = a.projectForPublish("A");
    assert.notEqual(recreated.key1, key1);
    assert.equal(recreated.recreated, true);
    assert.ok(a.projects.has("A"));
  });
});

describe("dates (pruvan-api-v2 Date Fields)", () => {
  test("timestamps and offsets; no time means midnight Central; a dueDate is the UTC day at noon", () => {
    assert.equal(readPruvanDate(1414434590), 1414434590_000);
    assert.equal(new Date(readPruvanDate("2020-05-28 1200 +0")!).toISOString(), "2020-05-28T12:00:00.000Z");
    assert.equal(new Date(readPruvanDate("2026-01-15")!).toISOString(), "2026-01-15T06:00:00.000Z", "CST");
    assert.equal(new Date(readPruvanDate("2026-07-15")!).toISOString(), "2026-07-15T05:00:00.000Z", "CDT");
    assert.equal(readDueDate("2016-05-25 1200 +0"), "2016-05-25");
    assert.equal(readDueDate("2016-05-25 2359 -07"), "2016-05-26", "the doc's own example");
    assert.equal(readPruvanDate("next Tuesday"), null);
  });
});
