import { db, type PruvanStatus } from "@/lib/db";
import { jpeg, storeItem } from "./work-item-fixtures";

// Test data for the portal's lists: orders with known statuses, dates and places across
// three integrations, photos on some, uploads that matched no order, and push jobs.
// Uploads go through the real ingest (storeItem), so an inbox item's key2 must name no
// order of its integration when it arrives.
// Dates are relative to the day it is loaded (UTC), so "overdue" is always the same set.

const DAY = 86_400_000;
const noon = (days: number, now = new Date()) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 12));

type OrderSpec = {
  n: string;
  city: string;
  address1: string;
  zip: string;
  status?: PruvanStatus;
  pruvanStatus?: PruvanStatus;
  client?: string;
  due?: number; // days from today
  integration?: string;
  deleted?: boolean;
  address2?: string;
  services?: string[];
};

/** The named orders; tests assert against these facts. Updated-at runs PF-1001 (oldest) to PF-1008. */
export const PORTAL_ORDERS: OrderSpec[] = [
  {
    n: "PF-1001",
    city: "Austin",
    address1: "100 Oak Street",
    zip: "78701",
    status: "assigned",
    client: "Order Created",
    due: -5,
    services: ["Lawn Maintenance", "Exterior Photos"],
  },
  { n: "PF-1002", city: "Austin", address1: "12 Elm Street", zip: "78702", pruvanStatus: "complete", client: "Order Closed", due: -3 },
  {
    n: "PF-1003",
    city: "Round Rock",
    address1: "110 East Main Street",
    zip: "78664",
    status: "rush",
    pruvanStatus: "assigned",
    client: "Rush Order",
    due: 2,
    services: ["Lawn Maintenance"],
  },
  { n: "PF-1004", city: "Georgetown", address1: "41 Pecan Lane", zip: "78626" },
  { n: "PF-1005", city: "Dallas", address1: "7 Commerce Street", zip: "75201", status: "canceled", client: "Order Canceled", due: -10 },
  {
    n: "PF-1006",
    city: "Austin",
    address1: "2500 Oak Hollow Drive",
    zip: "78758",
    status: "assigned",
    client: "Order Created",
    due: 0,
    integration: "acme",
  },
  // What a spreadsheet must never run as a formula, and text that needs CSV quoting.
  {
    n: "PF-1007",
    city: "Houston; Harris Co.",
    address1: '=HYPERLINK("http://evil.example","x")',
    address2: 'Suite 4, "Back"\nGate B',
    zip: "77002",
    client: "@SUM(A1)",
    due: -1,
    integration: "north",
  },
  { n: "PF-1008", city: "Austin", address1: "9 Gone Road", zip: "78701", status: "assigned", due: -20, deleted: true },
];

/** Filler for paging: PF-2001..PF-2060 in Phoenix, status rework, due in 10 days. */
export const FILLER_COUNT = 60;

export async function loadPortalFixture(now = new Date()) {
  if (await db().workOrder.findUnique({ where: { workOrderNumber: "PF-1001" }, select: { id: true } })) return { created: false };
  const integrations = new Map<string, string>();
  for (const [username, extra] of [
    ["demo", {}],
    ["acme", {}],
    ["north", { validatedAt: new Date(now.getTime() - DAY), lastError: "validate: Pruvan answered HTTP 500", lastErrorAt: now }],
  ] as const) {
    const i = await db().integration.upsert({
      where: { username },
      create: { username, name: `${username} account`, clientCode: username.toUpperCase(), ...extra },
      update: {},
    });
    integrations.set(username, i.id);
  }
  const base = now.getTime() - 30 * DAY;
  const orders = new Map<string, Awaited<ReturnType<typeof createFixtureOrder>>>();
  for (const [i, spec] of PORTAL_ORDERS.entries()) {
    orders.set(spec.n, await createFixtureOrder(spec, integrations.get(spec.integration ?? "demo")!, new Date(base + i * 60_000), now));
  }
  await db().workOrder.createMany({
    data: Array.from({ length: FILLER_COUNT }, (_, i) => ({
      workOrderNumber: `PF-${2001 + i}`,
      integrationId: integrations.get("demo")!,
      address1: `${i + 1} Desert Way`,
      city: "Phoenix",
      state: "AZ",
      zip: "85001",
      status: "rework" as const,
      clientStatus: "Rework Required",
      dueDate: noon(10, now),
      createdAt: new Date(base - DAY),
      updatedAt: new Date(base - DAY + i * 1000),
    })),
  });

  const asOrder = (n: string) => orders.get(n)!;
  const photo = async (n: string, service: string, evidenceType: string, color: string) =>
    storeItem(asOrder(n), { fileType: "picture", service, evidenceType, file: await jpeg(`${n} ${evidenceType}`, color, 800, 600) });
  await photo("PF-1003", "Lawn Maintenance", "before", "#0f766e");
  await photo("PF-1003", "Lawn Maintenance", "after", "#15803d");
  await photo("PF-1006", "Inspection", "before", "#1d4ed8");

  // Uploads that matched no order, as the endpoint stores them.
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const waiting = {
    lawn: await addStrayUpload({
      key2: "DEMO::PF-1010",
      key4: "Lawn Maintenance",
      evidenceType: "before",
      label: "Stray lawn photo",
      receivedAt: ago(4_000),
    }),
    unknown: await addStrayUpload({
      key2: "PF-9999",
      key4: "Roof Repair",
      evidenceType: "after",
      label: "Unknown order",
      receivedAt: ago(5_000),
    }),
    checkIn: await addStrayUpload({ key2: "PF-1004B", key4: "Inspection", fileType: "check-in", receivedAt: ago(6_000) }),
    // PF-1001 is demo's: the ingest only matches the sending integration's orders.
    otherAccount: await addStrayUpload({
      key2: "PF-1001",
      key4: "Lawn Maintenance",
      evidenceType: "during",
      label: "Other account",
      username: "acme",
      receivedAt: ago(7_000),
    }),
  };

  await db().pushJob.createMany({
    data: [
      {
        integrationId: integrations.get("demo")!,
        workOrderId: asOrder("PF-1001").id,
        state: "dead",
        attempts: 12,
        lastStatus: 503,
        lastError: "Service Unavailable",
        createdAt: new Date(now.getTime() - 3 * DAY),
      },
      {
        integrationId: integrations.get("demo")!,
        workOrderId: asOrder("PF-1003").id,
        state: "delivered",
        attempts: 1,
        lastStatus: 200,
        lastResponse: '{"response":{"created":1,"updated":0,"deleted":0},"error":""}',
        deliveredAt: new Date(now.getTime() - 2 * DAY),
        createdAt: new Date(now.getTime() - 2 * DAY),
      },
      {
        integrationId: integrations.get("acme")!,
        workOrderId: asOrder("PF-1006").id,
        state: "pending",
        attempts: 2,
        lastStatus: 502,
        lastError: "Bad Gateway",
        nextAttemptAt: new Date(now.getTime() + 10 * 60_000),
        createdAt: new Date(now.getTime() - DAY),
      },
      {
        integrationId: integrations.get("north")!,
        kind: "refresh",
        state: "dead",
        attempts: 12,
        lastStatus: 401,
        lastResponse: "x".repeat(300),
        createdAt: new Date(now.getTime() - DAY / 2),
      },
    ],
  });
  return { created: true, waiting };
}

/**
 * One upload that matched no order (the uploads inbox), through the real ingest: a photo
 * with a real JPEG, or a check-in sent in the payload without a file. Returns the item id.
 */
export async function addStrayUpload(spec: {
  key2: string;
  key4: string;
  fileType?: "picture" | "check-in";
  evidenceType?: string;
  label?: string;
  username?: string;
  receivedAt?: Date;
}): Promise<string> {
  const username = spec.username ?? "demo";
  const integration = await db().integration.upsert({
    where: { username },
    create: { username, name: `${username} account`, clientCode: username.toUpperCase() },
    update: {},
  });
  const lender = { id: "", workOrderNumber: spec.key2, integrationId: integration.id, services: [] };
  const picture = (spec.fileType ?? "picture") === "picture";
  const item = await storeItem(lender, {
    fileType: picture ? "picture" : "check-in",
    unmatched: true,
    evidenceType: spec.evidenceType,
    meta: { key4: spec.key4 },
    receivedAt: spec.receivedAt,
    ...(picture ? { file: await jpeg(spec.label ?? spec.key2, "#7c2d12", 800, 600) } : { checkIn: { status: "on site" } }),
  });
  return item.id;
}

async function createFixtureOrder(spec: OrderSpec, integrationId: string, updatedAt: Date, now: Date) {
  return db().workOrder.create({
    data: {
      workOrderNumber: spec.n,
      integrationId,
      address1: spec.address1,
      address2: spec.address2 ?? null,
      city: spec.city,
      state: "TX",
      zip: spec.zip,
      status: spec.status ?? null,
      pruvanStatus: spec.pruvanStatus ?? null,
      clientStatus: spec.client ?? null,
      dueDate: spec.due === undefined ? null : noon(spec.due, now),
      deletedAt: spec.deleted ? now : null,
      createdAt: updatedAt,
      updatedAt,
      services: { create: (spec.services ?? ["Inspection"]).map((serviceName, position) => ({ serviceName, position })) },
    },
    select: { id: true, workOrderNumber: true, integrationId: true, services: { select: { id: true, serviceName: true } } },
  });
}

/** Orders for a bulk change (e2e/bulk-changes.spec.ts): BK-3001..BK-3400 of integration "bulkco", client status "Awaiting Bid", and BK-3000, deleted. */
export const BULK_COUNT = 400;

export async function loadBulkFixture(now = new Date()) {
  if (await db().workOrder.findUnique({ where: { workOrderNumber: "BK-3000" }, select: { id: true } })) return { created: false };
  const integration = await db().integration.upsert({
    where: { username: "bulkco" },
    create: { username: "bulkco", name: "bulkco account", clientCode: "BULKCO" },
    update: {},
  });
  await db().workOrder.createMany({
    data: Array.from({ length: BULK_COUNT + 1 }, (_, i) => ({
      workOrderNumber: `BK-${3000 + i}`,
      integrationId: integration.id,
      address1: `${i + 1} Saguaro Road`,
      city: "Tucson",
      state: "AZ",
      zip: "85701",
      status: "assigned" as const,
      clientStatus: "Awaiting Bid",
      dueDate: noon(14, now),
      deletedAt: i === 0 ? now : null,
    })),
  });
  return { created: true };
}
