import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../client";
import { Prisma } from "../generated/client";
import { dateOf, readSnapshot } from "../reader";

// What every uploadPictures call does in the database besides authentication
// (credentials.ts) and the call log: is this item stored already, which order and task is
// it for (reads on the bulk reader), and the item's row. Plain SQL:
// photos arrive in bursts of hundreds, and through Prisma 6 every read is compiled by the
// WebAssembly query compiler on every call (no plan cache before Prisma 7.4), ~2 ms of CPU
// apiece on this machine against ~0.3 ms here (npm run bench -- upload).

/** The current version of a stored item, as a re-publish compares and replaces it. */
export type CurrentWorkItem = {
  id: string;
  integrationId: string | null;
  match: "matched" | "unmatched" | "discarded";
  version: number;
  payload: Record<string, unknown>;
  storagePath: string | null;
  fileSize: number | null;
  sha256: string | null;
  contentType: string | null;
  receivedAt: Date;
  /** Placed by staff (assigned from the inbox) or discarded: a re-publish keeps that placement. */
  placedByStaff: boolean;
  workOrderId: string | null;
  serviceId: string | null;
  inboxReason: string | null;
};

/** The stored item with this uuId, if any. */
export async function workItemByUuId(uuId: string): Promise<CurrentWorkItem | null> {
  const [rows] = await readSnapshot([
    Prisma.sql`SELECT "id", "integrationId", "match", "version", "payload", "storagePath", "fileSize", "sha256", "contentType", "receivedAt",
        "assignedAt", "workOrderId", "serviceId", "inboxReason"
      FROM "WorkItem" WHERE "uuId" = ${uuId}`,
  ]);
  const r = rows![0];
  if (!r) return null;
  return {
    id: r.id as string,
    integrationId: r.integrationId as string | null,
    match: r.match as CurrentWorkItem["match"],
    version: Number(r.version),
    payload: (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>, // SQLite: JSON text; PostgreSQL: json, parsed by the driver
    storagePath: r.storagePath as string | null,
    fileSize: r.fileSize === null ? null : Number(r.fileSize),
    sha256: r.sha256 as string | null,
    contentType: r.contentType as string | null,
    receivedAt: dateOf(r.receivedAt)!,
    placedByStaff: r.assignedAt !== null || r.match === "discarded",
    workOrderId: r.workOrderId as string | null,
    serviceId: r.serviceId as string | null,
    inboxReason: r.inboxReason as string | null,
  };
}

export type OrderForUpload = {
  id: string;
  workOrderNumber: string;
  deleted: boolean;
  services: Array<{ id: string; serviceName: string; pruvanTaskId: string | null }>;
};

/** The integration's orders with these numbers (deleted ones too), each with its services. */
export async function ordersByNumber(integrationId: string, numbers: string[]): Promise<OrderForUpload[]> {
  if (numbers.length === 0) return [];
  const [rows] = await readSnapshot([
    Prisma.sql`SELECT o."id", o."workOrderNumber", o."deletedAt", s."id" AS "serviceId", s."serviceName", s."pruvanTaskId"
      FROM "WorkOrder" o LEFT JOIN "Service" s ON s."workOrderId" = o."id"
      WHERE o."integrationId" = ${integrationId} AND o."workOrderNumber" IN (${Prisma.join(numbers)})
      ORDER BY o."id", s."position"`,
  ]);
  const orders = new Map<string, OrderForUpload>();
  for (const r of rows!) {
    const id = r.id as string;
    let order = orders.get(id);
    if (!order) orders.set(id, (order = { id, workOrderNumber: r.workOrderNumber as string, deleted: r.deletedAt !== null, services: [] }));
    if (r.serviceId !== null)
      order.services.push({
        id: r.serviceId as string,
        serviceName: r.serviceName as string,
        pruvanTaskId: r.pruvanTaskId as string | null,
      });
  }
  return [...orders.values()];
}

/** A new item's columns, as Prisma's own create would take them (the id is ours to give). */
export type NewWorkItem = Omit<Prisma.WorkItemUncheckedCreateInput, "id">;

/**
 * Stores a new item in one INSERT; null when an item with its uuId is there already (the
 * unique key decides, so two processes storing one uuId cannot both win). Plain SQL for the
 * same reason as the reads above: Prisma's create cost ~2.5 ms of CPU per upload here, most
 * of it compiling (npm run bench -- upload).
 */
export async function insertWorkItem(client: Db | Tx, item: NewWorkItem): Promise<{ id: string } | null> {
  const id = randomUUID();
  const columns = Object.entries({ id, ...item }).filter(([, value]) => value !== undefined);
  const names = Prisma.raw(columns.map(([name]) => `"${name}"`).join(", "));
  const values = Prisma.join(columns.map(([, value]) => columnValue(value)));
  const inserted = await client.$executeRaw`INSERT INTO "WorkItem" (${names}) VALUES (${values}) ON CONFLICT ("uuId") DO NOTHING`;
  return inserted === 1 ? { id } : null;
}

/**
 * A value as its column takes it. Json columns: their JSON text. Numbers: Prisma's raw
 * parameters read an integral number past 2^53 as a 64-bit integer and refuse it; the only
 * such values here are Float columns (a phone's garbage GPS), so they go as their decimal
 * text, which SQLite's REAL affinity stores as the same double Prisma's create would.
 */
function columnValue(value: unknown): unknown {
  if (typeof value === "number" && Number.isInteger(value) && !Number.isSafeInteger(value)) return String(value);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}
