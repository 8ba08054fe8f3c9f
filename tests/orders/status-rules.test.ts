import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db, type PruvanStatus } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { createOrder, updateOrder } from "@/lib/orders/manage";
import { createStatusMapping, deleteStatusMapping, updateStatusMapping } from "@/lib/status-mapping/manage";
import { listStatusMappings } from "@/lib/status-mapping/queries";
import { makeIntegration, simpleOrder, staffActor, useFreshDatabase } from "../support/orders";
import { PRUVAN_STATUSES } from "../support/pruvan-account/fields";

// Every status rule of remote-fields-and-statuses.txt, allowed and refused, through the
// orders domain and the status mapping domain on a real SQLite file. The expectations are
// written out from the doc's table in the tests, apart from lib/pruvan/statuses.ts.

const ALL: PruvanStatus[] = [...PRUVAN_STATUSES]; // the model account's copy of the doc's table

type Rules = "internal" | "external+auto_admin" | "external";
const ALLOWED: Record<"create" | "update", Record<Rules, PruvanStatus[]>> = {
  create: {
    internal: ["unassigned", "assigned", "rush", "rework"],
    "external+auto_admin": ["rush", "rework"],
    external: [],
  },
  update: {
    internal: ["unassigned", "assigned", "rush", "rework", "canceled", "closed"],
    "external+auto_admin": ["rush", "rework", "canceled", "closed"],
    external: [],
  },
};

/** Why the doc refuses it, as the message must say. */
function expectedReason(status: PruvanStatus, action: "create" | "update", rules: Rules): RegExp {
  if (["accepted", "rejected", "complete", "invoiced", "submitted"].includes(status)) return /never by a remote system/;
  if (status === "deleted") return action === "create" ? /cannot be created as "deleted"/ : /Confirm it explicitly/;
  if (action === "create" && (status === "canceled" || status === "closed")) return /not advised on create/;
  if (rules === "external") return /unless auto_admin is on/;
  return /Only internal integrations/;
}

const integrations = {} as Record<Rules, string>;
before(async () => {
  await useFreshDatabase();
  integrations.internal = (await makeIntegration({ mode: "internal" })).id;
  integrations["external+auto_admin"] = (await makeIntegration({ mode: "external", autoAdmin: true })).id;
  integrations.external = (await makeIntegration({ mode: "external" })).id;
});
after(() => db().$disconnect());

async function refusal(run: () => Promise<unknown>): Promise<DomainError | null> {
  try {
    await run();
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
}

for (const action of ["create", "update"] as const) {
  for (const rules of ["internal", "external+auto_admin", "external"] as const) {
    describe(`${action} on an ${rules} integration`, () => {
      for (const status of ALL) {
        const allowed = ALLOWED[action][rules].includes(status);
        test(`${status}: ${allowed ? "allowed" : "refused"}`, async () => {
          const input = simpleOrder(integrations[rules]);
          const err =
            action === "create"
              ? await refusal(() => createOrder({ ...input, status }, staffActor))
              : await refusal(async () => updateOrder((await createOrder(input, staffActor)).id, { status }, staffActor));
          const stored = await db().workOrder.findUnique({ where: { workOrderNumber: input.workOrderNumber } });
          if (allowed) {
            assert.equal(err, null, err?.message);
            assert.equal(stored?.status, status);
          } else {
            assert.ok(err, `${status} must be refused`);
            assert.match(err.fieldErrors.status?.[0] ?? "", expectedReason(status, action, rules));
            assert.match(err.message, /^status: /, "the message names the field");
            if (action === "create") assert.equal(stored, null, "nothing written");
            else assert.equal(stored?.status, null, "status unchanged");
          }
        });
      }
    });
  }
}

describe('"deleted" with explicit confirmation', () => {
  for (const rules of ["internal", "external+auto_admin"] as const) {
    test(`${rules}: allowed on update, and the order is marked deleted`, async () => {
      const { id } = await createOrder(simpleOrder(integrations[rules]), staffActor);
      const change = await updateOrder(id, { status: "deleted" }, staffActor, { confirmDelete: true });
      assert.equal(change.action, "deleted");
      const order = await db().workOrder.findUniqueOrThrow({ where: { id } });
      assert.equal(order.status, "deleted");
      assert.ok(order.deletedAt);
    });
  }
  test("external without auto_admin: refused even when confirmed", async () => {
    const { id } = await createOrder(simpleOrder(integrations.external), staffActor);
    const err = await refusal(() => updateOrder(id, { status: "deleted" }, staffActor, { confirmDelete: true }));
    assert.match(err?.fieldErrors.status?.[0] ?? "", /unless auto_admin is on/);
  });
  test("never on create, confirmed or not", async () => {
    const err = await refusal(() => createOrder({ ...simpleOrder(integrations.internal), status: "deleted" }, staffActor));
    assert.match(err?.message ?? "", /cannot be created as "deleted"/);
  });
});

describe("status mapping rules (any integration, create and update)", () => {
  const cases: Array<{ status: PruvanStatus | null; allowed: boolean; reason?: RegExp; rule?: RegExp; confirm?: boolean }> = [
    { status: null, allowed: true },
    { status: "rush", allowed: true },
    { status: "rework", allowed: true },
    { status: "canceled", allowed: true, rule: /not advised when an order is first created/i },
    { status: "closed", allowed: true, rule: /not advised when an order is first created/i },
    { status: "unassigned", allowed: true, rule: /internal integrations only/i },
    { status: "assigned", allowed: true, rule: /internal integrations only/i },
    { status: "accepted", allowed: false, reason: /never by a remote system/ },
    { status: "rejected", allowed: false, reason: /never by a remote system/ },
    { status: "complete", allowed: false, reason: /never by a remote system/ },
    { status: "invoiced", allowed: false, reason: /never by a remote system/ },
    { status: "submitted", allowed: false, reason: /never by a remote system/ },
    { status: "deleted", allowed: false, reason: /Confirm it explicitly/ },
    { status: "deleted", allowed: true, confirm: true, rule: /use with caution/ },
  ];
  for (const c of cases) {
    test(`${c.status ?? "not set"}${c.confirm ? " (confirmed)" : ""}: ${c.allowed ? "allowed" : "refused"}`, async () => {
      const clientStatus = `Client ${c.status ?? "none"} ${Math.random().toString(36).slice(2, 6)}`;
      const run = () => createStatusMapping({ clientStatus, pruvanStatus: c.status, confirmDelete: c.confirm });
      if (c.allowed) {
        const { mapping, rule } = await run();
        assert.equal(mapping.pruvanStatus, c.status);
        if (c.rule) assert.match(rule ?? "", c.rule);
        else assert.equal(rule, null);
      } else {
        const err = await refusal(run);
        assert.match(err?.fieldErrors.pruvanStatus?.[0] ?? "", c.reason!);
        assert.equal(await db().statusMapping.count({ where: { clientStatus } }), 0);
      }
    });
  }

  test("Pruvan's suggested messages are there on a fresh install", async () => {
    const rows = await listStatusMappings();
    const suggested = Object.fromEntries(rows.filter((r) => r.id.startsWith("suggested-")).map((r) => [r.clientStatus, r.pruvanStatus]));
    assert.deepEqual(suggested, {
      "Order Canceled": "canceled",
      "Order Closed": "closed",
      "Order Created": null,
      "Rework Required": "rework",
      "Rush Order": "rush",
    });
  });

  test("an update passes the same rules; near-duplicate client statuses are refused; delete", async () => {
    const { mapping } = await createStatusMapping({ clientStatus: "Expedite", pruvanStatus: "rush" });
    const refused = await refusal(() => updateStatusMapping(mapping.id, { clientStatus: "Expedite", pruvanStatus: "complete" }));
    assert.match(refused?.message ?? "", /never by a remote system/);
    const changed = await updateStatusMapping(mapping.id, { clientStatus: "Expedite", pruvanStatus: "", note: "office word for rush" });
    assert.equal(changed.mapping.pruvanStatus, null);
    assert.equal(changed.mapping.note, "office word for rush");
    const twin = await refusal(() => createStatusMapping({ clientStatus: "expedite", pruvanStatus: "rush" }));
    assert.match(twin?.message ?? "", /"Expedite" is already mapped/);
    assert.deepEqual(await deleteStatusMapping(mapping.id), { deleted: "Expedite", ordersChanged: 0, pushesQueued: 0 });
    assert.equal(await db().statusMapping.count({ where: { clientStatus: "Expedite" } }), 0);
  });
});
