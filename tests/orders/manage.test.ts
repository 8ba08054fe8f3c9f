import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createOrder, deleteOrder, forcePush, updateOrder } from "@/lib/orders/manage";
import { adminActor, makeIntegration, simpleOrder, staffActor, useFreshDatabase } from "../support/orders";

// The orders domain on a real SQLite file: what create accepts and refuses, the doc's
// update rules, services as a whole set, status history, and push jobs written with the
// change (the outbox).

let withKey: string; // external, has a push key
let internalWithKey: string;
let withoutKey: string;
let userId: string;

before(async () => {
  await useFreshDatabase();
  withKey = (await makeIntegration({ pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=test" })).id;
  internalWithKey = (await makeIntegration({ mode: "internal", pushKeyUrl: "https://direct.pruvan.com/api/?apiKey=int" })).id;
  withoutKey = (await makeIntegration()).id;
  userId = (await db().user.create({ data: { email: "clerk@example.com", passwordHash: "x" } })).id;
});
after(() => db().$disconnect());

async function refused(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  assert.fail("expected a refusal");
}

const jobsOf = (workOrderId: string) => db().pushJob.findMany({ where: { workOrderId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

describe("create", () => {
  test("every doc field is stored; the minimal order is the doc's Simple", async () => {
    const input = simpleOrder(withKey, {
      workOrderInfo: "Lockbox 1234",
      address2: "Unit B",
      country: "USA",
      assignedTo: "crew1",
      dueDate: "2026-05-25 2359 -07",
      instructions: "<b>Mow</b>",
      clientStatus: "Order Created",
      clientDueDate: "2026-05-28 1200 +0",
      clientInstructions: "Call first",
      description: "Desc",
      reference: "Ref-9",
      attribute7: "LOAN-1",
      attribute15: "Z",
      gpsLatitude: "30.5088",
      gpsLongitude: -97.6785,
      options: '{"camera_orientation":"landscape"}',
      startDate: 1414434590,
      source_wo_id: "S-1",
      source_wo_number: "SN-1",
      source_wo_provider: "Tier1",
      services: [
        {
          serviceName: "Lawn",
          survey: "vendor1::Simple-v1",
          instructions: "Front and back",
          options: { required: true },
          source_service: "mow",
          source_service_id: "77",
          attribute1: "a1",
          attribute15: "a15",
        },
        { serviceName: "Photos" },
      ],
    });
    const change = await createOrder(input, { ...staffActor, userId });
    assert.equal(change.action, "created");
    const order = await db().workOrder.findUniqueOrThrow({
      where: { id: change.id },
      include: { services: { orderBy: { position: "asc" } } },
    });
    assert.equal(order.workOrderInfo, "Lockbox 1234");
    assert.equal(order.dueDate?.toISOString(), "2026-05-26T12:00:00.000Z", "Pruvan's dueDate rule: the UTC day at noon");
    assert.equal(order.clientDueDate?.toISOString(), "2026-05-28T12:00:00.000Z");
    assert.equal(order.startDate?.toISOString(), "2014-10-27T18:29:50.000Z");
    assert.equal(order.gpsLatitude, 30.5088);
    assert.deepEqual(order.options, { camera_orientation: "landscape" });
    assert.equal(order.sourceWoProvider, "Tier1");
    assert.equal(order.createdById, userId);
    assert.deepEqual(
      order.services.map((s) => s.serviceName),
      ["Lawn", "Photos"],
    );
    assert.equal(order.services[0]!.sourceServiceId, "77");
    assert.deepEqual(order.services[0]!.options, { required: true });
    assert.equal(order.services[0]!.attribute15, "a15");
    // External without auto_admin: stored, but the user is told what Pruvan will not get
    // (description and reference go with the create: remote-fields' shared fields "can be set on remote order creation").
    assert.match(change.warnings.join(" "), /not sent to Pruvan: assignedTo, dueDate, instructions\./);
  });

  const bad: Array<{ name: string; input: Record<string, unknown>; field: string; rule: RegExp }> = [
    { name: "no address1", input: { address1: undefined }, field: "address1", rule: /is required/ },
    { name: "blank city", input: { city: "  " }, field: "city", rule: /is required/ },
    { name: "no zip", input: { zip: undefined }, field: "zip", rule: /is required/ },
    { name: "no services", input: { services: [] }, field: "services", rule: /at least one service/ },
    { name: "service without a name", input: { services: [{ survey: "x" }] }, field: "services.0.serviceName", rule: /is required/ },
    {
      name: "the same service twice",
      input: { services: [{ serviceName: "Lawn" }, { serviceName: "lawn" }] },
      field: "services.1.serviceName",
      rule: /appears twice/,
    },
    { name: "client code separator in the number", input: { workOrderNumber: "ACME::1" }, field: "workOrderNumber", rule: /"::"/ },
    { name: "non-ASCII number", input: { workOrderNumber: "Café-1" }, field: "workOrderNumber", rule: /ASCII/ },
    { name: "unknown status", input: { status: "urgent" }, field: "status", rule: /must be one of unassigned/ },
    { name: "bad date", input: { clientDueDate: "next tuesday" }, field: "clientDueDate", rule: /must be a date/ },
    { name: "latitude out of range", input: { gpsLatitude: 123, gpsLongitude: 1 }, field: "gpsLatitude", rule: /between -90 and 90/ },
    { name: "latitude without longitude", input: { gpsLatitude: 30 }, field: "gpsLongitude", rule: /go together/ },
    { name: "options not an object", input: { options: "[1,2]" }, field: "options", rule: /JSON object/ },
    { name: "a field the doc does not have", input: { adress1: "x" }, field: "input", rule: /Unrecognized key: "adress1"/ },
    { name: "too long", input: { clientStatus: "x".repeat(101) }, field: "clientStatus", rule: /at most 100 characters/ },
  ];
  for (const c of bad) {
    test(`refused, naming the field and the rule: ${c.name}`, async () => {
      const input = simpleOrder(withKey, c.input);
      const err = await refused(() => createOrder(input, staffActor));
      assert.match(err.fieldErrors[c.field]?.join(" ") ?? "", c.rule, JSON.stringify(err.fieldErrors));
      assert.match(err.message, new RegExp(`^${c.field.replace(/\./g, "\\.")}: `, "m"));
      assert.equal(await db().workOrder.count({ where: { workOrderNumber: input.workOrderNumber } }), 0);
    });
  }

  test("workOrderNumber is unique, deleted orders included", async () => {
    const input = simpleOrder(withKey);
    await createOrder(input, staffActor);
    assert.match((await refused(() => createOrder(input, staffActor))).message, /already exists/);
  });
});

describe("update (pruvan-api-v2 Updates)", () => {
  test("create-only fields cannot change; sending the same value is fine", async () => {
    const input = simpleOrder(withKey, {
      description: "Desc",
      attribute7: "A7",
      gpsLatitude: 30,
      gpsLongitude: -97,
      options: { a: 1 },
      source_wo_id: "S1",
    });
    const { id } = await createOrder(input, staffActor);
    const same = await updateOrder(
      id,
      { address1: input.address1, options: '{"a":1}', gpsLatitude: "30", clientStatus: "Order Late" },
      staffActor,
    );
    assert.equal(same.action, "updated");
    for (const [field, value] of Object.entries({
      address1: "2 Main",
      city: "Austin",
      zip: "78701",
      description: "New",
      attribute7: "B7",
      gpsLatitude: 31,
      options: { a: 2 },
      source_wo_id: "S2",
      country: "USA",
    })) {
      const change = field === "gpsLatitude" ? { gpsLatitude: value, gpsLongitude: -97 } : { [field]: value };
      const err = await refused(() => updateOrder(id, change as never, staffActor));
      assert.match(err.fieldErrors[field]?.[0] ?? "", /cannot change once the order exists/, field);
    }
    assert.match(
      (await refused(() => updateOrder(id, { workOrderNumber: "OTHER" }, staffActor))).message,
      /workOrderNumber: cannot change/,
    );
    const stored = await db().workOrder.findUniqueOrThrow({ where: { id } });
    assert.equal(stored.address1, input.address1);
    assert.equal(stored.clientStatus, "Order Late");
  });

  test("updatable fields change; an unchanged update writes and pushes nothing", async () => {
    const { id } = await createOrder(simpleOrder(withKey), staffActor);
    const before = await jobsOf(id);
    const change = await updateOrder(
      id,
      { workOrderInfo: "Gate code 9", clientInstructions: "Knock", startDate: "2026-06-01", reference: "R" },
      staffActor,
    );
    assert.equal(change.action, "updated");
    const stored = await db().workOrder.findUniqueOrThrow({ where: { id } });
    assert.equal(stored.workOrderInfo, "Gate code 9");
    assert.equal(stored.startDate?.toISOString(), "2026-06-01T05:00:00.000Z", "a date alone: midnight US Central");
    assert.equal((await jobsOf(id)).length, before.length + 1);
    const again = await updateOrder(id, { workOrderInfo: "Gate code 9" }, staffActor);
    assert.equal(again.action, "unchanged");
    assert.equal((await jobsOf(id)).length, before.length + 1);
  });

  test("services replace the whole set: missing ones go, new ones come, order follows the list", async () => {
    const { id } = await createOrder(
      simpleOrder(withKey, { services: [{ serviceName: "Lawn" }, { serviceName: "Photos" }, { serviceName: "Trash" }] }),
      staffActor,
    );
    const before = await db().workOrder.findUniqueOrThrow({ where: { id } });
    await updateOrder(
      id,
      { services: [{ serviceName: "Trash" }, { serviceName: "Lawn", instructions: "Edge too" }, { serviceName: "Locks" }] },
      staffActor,
    );
    const services = await db().service.findMany({ where: { workOrderId: id }, orderBy: { position: "asc" } });
    assert.deepEqual(
      services.map((s) => s.serviceName),
      ["Trash", "Lawn", "Locks"],
    );
    assert.equal(services[1]!.instructions, "Edge too");
    const after = await db().workOrder.findUniqueOrThrow({ where: { id } });
    assert.ok(after.updatedAt > before.updatedAt, "a services-only change moves updatedAt (incremental getWorkOrders)");
  });

  test("a service's name cannot change; its create-only fields cannot either", async () => {
    const { id } = await createOrder(simpleOrder(withKey, { services: [{ serviceName: "Lawn", attribute3: "x" }] }), staffActor);
    const [lawn] = await db().service.findMany({ where: { workOrderId: id } });
    const renamed = await refused(() => updateOrder(id, { services: [{ id: lawn!.id, serviceName: "Grass" }] }, staffActor));
    assert.match(renamed.fieldErrors["services.0.serviceName"]?.[0] ?? "", /a service's name cannot change \("Lawn"\)/);
    const foreign = await refused(() => updateOrder(id, { services: [{ id: "not-a-service", serviceName: "Lawn" }] }, staffActor));
    assert.match(foreign.fieldErrors["services.0.id"]?.[0] ?? "", /not a service of this order/);
    const attr = await refused(() => updateOrder(id, { services: [{ serviceName: "Lawn", attribute3: "y" }] }, staffActor));
    assert.match(attr.fieldErrors["services.0.attribute3"]?.[0] ?? "", /cannot change on an existing service/);
  });

  test("a changed survey template is two pushes in order: without the service, then with the new template", async () => {
    const { id } = await createOrder(
      simpleOrder(withKey, { services: [{ serviceName: "Inspect", survey: "vendor1::QC-v1" }, { serviceName: "Photos" }] }),
      staffActor,
    );
    const change = await updateOrder(
      id,
      { services: [{ serviceName: "Inspect", survey: "vendor1::QC-v2" }, { serviceName: "Photos" }] },
      staffActor,
    );
    assert.equal(change.pushJobs, 2);
    assert.match(change.warnings.join(" "), /removed and added back \(two pushes\)/);
    const jobs = await jobsOf(id);
    assert.deepEqual(
      jobs.map((j) => j.omitServices),
      [null, ["Inspect"], null],
    );
    assert.equal((await db().service.findFirstOrThrow({ where: { workOrderId: id, serviceName: "Inspect" } })).survey, "vendor1::QC-v2");
  });

  test("a refused change writes nothing: no order change, no history, no push job", async () => {
    const { id } = await createOrder(simpleOrder(withKey), staffActor);
    const counts = async () => [await db().statusEvent.count({ where: { workOrderId: id } }), (await jobsOf(id)).length];
    const before = await counts();
    await refused(() => updateOrder(id, { clientStatus: "Order Late", city: "Elsewhere" }, staffActor));
    assert.deepEqual(await counts(), before);
    assert.equal((await db().workOrder.findUniqueOrThrow({ where: { id } })).clientStatus, null);
  });
});

describe("status history and the outbox", () => {
  test("status or clientStatus moves record who did it; other edits do not", async () => {
    const actor = { ...staffActor, userId };
    const { id } = await createOrder(simpleOrder(internalWithKey, { clientStatus: "Order Created" }), actor);
    await updateOrder(id, { workOrderInfo: "nothing about status" }, actor);
    await updateOrder(id, { status: "rush", clientStatus: "Rush Order" }, { source: "cli", actor: "cli" });
    const events = await db().statusEvent.findMany({ where: { workOrderId: id }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(
      events.map((e) => [e.source, e.actor, e.actorUserId, e.fromStatus, e.toStatus, e.fromClientStatus, e.toClientStatus]),
      [
        ["portal", "clerk@example.com", userId, null, null, null, "Order Created"],
        ["cli", "cli", null, null, "rush", "Order Created", "Rush Order"],
      ],
    );
  });

  test("a push job is written with every change of an order whose integration has a push key", async () => {
    const { id, pushJobs } = await createOrder(simpleOrder(withKey), staffActor);
    assert.equal(pushJobs, 1);
    await updateOrder(id, { clientStatus: "Order Late" }, staffActor);
    await deleteOrder(id, staffActor, { confirm: true });
    assert.deepEqual(
      (await jobsOf(id)).map((j) => [j.kind, j.state]),
      [
        ["upsert", "pending"],
        ["upsert", "pending"],
        ["delete", "pending"],
      ],
    );
  });

  test("no push key, no job (Pruvan pulls those orders)", async () => {
    const { id, pushJobs } = await createOrder(simpleOrder(withoutKey), staffActor);
    await updateOrder(id, { clientStatus: "x" }, staffActor);
    assert.equal(pushJobs, 0);
    assert.equal((await jobsOf(id)).length, 0);
  });
});

describe("delete", () => {
  test("needs explicit confirmation; marks the order deleted and keeps it", async () => {
    const { id } = await createOrder(simpleOrder(internalWithKey, { clientStatus: "Order Created" }), staffActor);
    assert.match((await refused(() => deleteOrder(id, staffActor))).message, /Confirm it explicitly/);
    assert.equal((await db().workOrder.findUniqueOrThrow({ where: { id } })).deletedAt, null);
    const change = await deleteOrder(id, staffActor, { confirm: true });
    assert.equal(change.action, "deleted");
    assert.deepEqual(change.warnings, []);
    const order = await db().workOrder.findUniqueOrThrow({ where: { id } });
    assert.ok(order.deletedAt);
    assert.equal(order.status, "deleted");
    const event = await db().statusEvent.findFirstOrThrow({ where: { workOrderId: id, toStatus: "deleted" } });
    assert.equal(event.note, "Order deleted");
    assert.match((await refused(() => updateOrder(id, { clientStatus: "back" }, staffActor))).message, /was deleted/);
    assert.match((await refused(() => deleteOrder(id, staffActor, { confirm: true }))).message, /already deleted/);
  });

  test("external without auto_admin: deleted here, and the user is told Pruvan keeps it", async () => {
    const { id } = await createOrder(simpleOrder(withKey), staffActor);
    const change = await deleteOrder(id, staffActor, { confirm: true });
    assert.match(change.warnings.join(" "), /Pruvan keeps order .* cannot set the "deleted" status/);
  });
});

describe("force push (admins)", () => {
  test("staff are refused; an admin queues one force job with a warning", async () => {
    const { id } = await createOrder(simpleOrder(withKey, { assignedTo: "crew9" }), staffActor);
    assert.match((await refused(() => forcePush(id, staffActor))).message, /Only admins/);
    const result = await forcePush(id, adminActor);
    assert.equal(result.queued, 1);
    assert.match(result.warning, /Pruvan takes assignedTo from this push/);
    assert.deepEqual(
      (await jobsOf(id)).map((j) => j.force),
      [false, true],
    );
  });
  test("no push key: refused with the reason", async () => {
    const { id } = await createOrder(simpleOrder(withoutKey), staffActor);
    assert.match((await refused(() => forcePush(id, adminActor))).message, /no push key/);
  });
});
