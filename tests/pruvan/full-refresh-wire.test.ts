import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { db } from "@/lib/db";
import { connectIntegration, credsOf, post, type Creds } from "../support/pruvan";
import { startServer, type RunningServer } from "../support/server";
import { useDataDir } from "../support/work-item-fixtures";

// A Full Refresh answers an order Pruvan holds as it is, or one going in full again as an
// unread answer sent it, from that order's stored text (lib/orders/full-refresh-wire): only
// for the order's version and the wire context (mode, Auto-Admin, status mapping, wire code)
// the text was made in. Over real HTTP, on the real database file.

let server: RunningServer;
let creds: Creds;
let integrationId: string;
const MARK = "from the stored text";

before(async () => {
  server = await startServer();
  useDataDir(server.dataDir);
  creds = connectIntegration(server, "fr-wire", ["--mode", "internal", "--client-code", "FRW"]);
  integrationId = (await db().integration.findUniqueOrThrow({ where: { username: creds.username } })).id;
  await db().statusMapping.upsert({
    where: { clientStatus: "Rush Order" },
    create: { clientStatus: "Rush Order", pruvanStatus: "rush" },
    update: { pruvanStatus: "rush" },
  });
  for (const workOrderNumber of ["FRW-1", "FRW-2"]) {
    await db().workOrder.create({
      data: {
        workOrderNumber,
        integrationId,
        address1: "110 East Main Street",
        city: "Round Rock",
        state: "TX",
        zip: "78664",
        clientStatus: "Rush Order",
        instructions: "Mow the front yard.",
        services: { create: [{ serviceName: "Lawn", position: 0, instructions: "Gate code 4321" }] },
      },
    });
  }
});
after(async () => {
  await db().$disconnect();
  await server.stop();
});

type WireOrder = Record<string, unknown>;
async function fullRefresh(): Promise<{ text: string; orders: Map<string, WireOrder> }> {
  const r = await post(server, "getWorkOrders.html", { as: "multipart", payload: { ...credsOf(creds), timestamp: null } });
  assert.equal(r.status, 200, r.text);
  const answer = r.json as { workOrders: WireOrder[]; error: string };
  assert.equal(answer.error, "");
  return { text: r.text, orders: new Map(answer.workOrders.map((o) => [String(o.workOrderNumber), o])) };
}

/** Marks the stored text of an order, so that an answer shows whether it was used. */
async function markStoredText(workOrderNumber: string): Promise<void> {
  const order = await db().workOrder.findFirstOrThrow({ where: { integrationId, workOrderNumber }, include: { fullRefreshWire: true } });
  assert.ok(order.fullRefreshWire, `${workOrderNumber} has a stored Full Refresh text`);
  const wire = { ...(JSON.parse(order.fullRefreshWire.wire) as WireOrder), instructions: MARK };
  await db().fullRefreshWire.update({ where: { workOrderId: order.id }, data: { wire: JSON.stringify(wire) } });
}

test("a Full Refresh of unchanged orders answers from their stored texts, byte for byte what the serializer wrote", async () => {
  await fullRefresh(); // sent as creates: Pruvan held nothing
  const second = await fullRefresh(); // in full again, as the first (unread) answer sent them: the texts are stored
  assert.equal(await db().fullRefreshWire.count({ where: { workOrder: { integrationId } } }), 2);
  const third = await fullRefresh();
  assert.equal(third.text, second.text);
  assert.equal(third.orders.get("FRW-1")?.instructions, "Mow the front yard.");

  await markStoredText("FRW-1");
  const fourth = await fullRefresh();
  assert.equal(fourth.orders.get("FRW-1")?.instructions, MARK, "the stored text is what goes");
  assert.equal(fourth.orders.get("FRW-2")?.instructions, "Mow the front yard.");
});

test("an edit of the order, a status mapping change, a mode change: each makes the stored text unused", async () => {
  await fullRefresh();
  await markStoredText("FRW-1");
  assert.equal((await fullRefresh()).orders.get("FRW-1")?.instructions, MARK);
  const order = await db().workOrder.findFirstOrThrow({ where: { integrationId, workOrderNumber: "FRW-1" } });
  await db().workOrder.update({ where: { id: order.id }, data: { instructions: "Mow the back yard too." } });
  assert.equal((await fullRefresh()).orders.get("FRW-1")?.instructions, "Mow the back yard too.", "a new version of the order");

  await fullRefresh();
  await markStoredText("FRW-2");
  assert.equal((await fullRefresh()).orders.get("FRW-2")?.instructions, MARK);
  await db().statusMapping.update({ where: { clientStatus: "Rush Order" }, data: { pruvanStatus: "assigned" } });
  const remapped = (await fullRefresh()).orders.get("FRW-2");
  assert.deepEqual([remapped?.instructions, remapped?.status], ["Mow the front yard.", "assigned"], "another status mapping");

  await fullRefresh();
  await markStoredText("FRW-2");
  assert.equal((await fullRefresh()).orders.get("FRW-2")?.instructions, MARK);
  await db().integration.update({ where: { id: integrationId }, data: { mode: "external", autoAdmin: true } });
  assert.notEqual((await fullRefresh()).orders.get("FRW-2")?.instructions, MARK, "another mode");
});
