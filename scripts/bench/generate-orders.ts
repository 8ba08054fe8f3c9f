// Fills a migrated portal database with N work orders x S services spread over I
// integrations, plus matched photos for a share of the orders, fast: better-sqlite3
// prepared statements in one transaction. Rows look like what the portal writes
// (Prisma's DateTime text format, ids unique, statuses by each integration's mode), and
// the same seed always gives the same data.
//
//   tsx scripts/bench/generate-orders.ts --db /tmp/x/portal.db [--orders 100000]
//     [--services 3] [--integrations 20] [--photo-share 0.4] [--photos 6] [--seed 1]
//
// The database must exist and be migrated (DATA_DIR=/tmp/x npm run db:migrate).
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { numberFlag } from "./harness";

export type GenerateOptions = {
  orders: number;
  servicesPerOrder?: number;
  integrations?: number;
  /** Share of orders (0..1) that have photos, and how many each. */
  photoShare?: number;
  photosPerOrder?: number;
  seed?: number;
  /** Orders are dated around this instant (due dates -60..+60 days, updates over the last year). */
  now?: Date;
};

export type GenerateResult = { integrations: number; orders: number; services: number; photos: number; ms: number; usernames: string[] };

const CITIES = [
  ["Round Rock", "TX", "786"], ["Austin", "TX", "787"], ["Georgetown", "TX", "786"], ["Dallas", "TX", "752"], ["Houston", "TX", "770"],
  ["Phoenix", "AZ", "850"], ["Tucson", "AZ", "857"], ["Denver", "CO", "802"], ["Atlanta", "GA", "303"], ["Orlando", "FL", "328"],
  ["Tampa", "FL", "336"], ["Miami", "FL", "331"], ["Charlotte", "NC", "282"], ["Raleigh", "NC", "276"], ["Columbus", "OH", "432"],
  ["Cleveland", "OH", "441"], ["Detroit", "MI", "482"], ["Chicago", "IL", "606"], ["Memphis", "TN", "381"], ["Nashville", "TN", "372"],
] as const;
const STREETS = ["Main Street", "Oak Hollow Drive", "Pecan Lane", "Elm Street", "Maple Avenue", "Cedar Court", "Lakeview Road", "Sunset Boulevard", "Hillcrest Drive", "Park Place"];
const CLIENT_STATUSES = ["Order Created", "Rush Order", "Rework Required", "Order Canceled", "Order Closed", "Pending QC", "Awaiting Bid", null];
const INTERNAL_STATUSES = ["unassigned", "assigned", "assigned", "assigned", "rush", "rework", "canceled", "closed"];
const PRUVAN_STATUSES = [null, null, "assigned", "accepted", "complete", "complete", "submitted", "invoiced", "closed", "rework"];
const FIELD_STATUSES = [null, "new", "viewed", "in-process", "field-accepted", "complete"];
const SERVICE_NAMES = ["Lawn Maintenance", "Exterior Photos", "Property Inspection", "Winterization", "Debris Removal", "Lock Change"];
const EVIDENCE = ["before", "during", "after"];

/** mulberry32: a small, fast, seedable PRNG (the data must be the same run after run). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  return { next, pick, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

/** Prisma's SQLite DateTime text ("2026-11-26T01:05:34.752+00:00"). */
const dt = (d: Date) => d.toISOString().replace("Z", "+00:00");
const noonUtc = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 12));
const idOf = (prefix: string, n: number, salt: string) => `${prefix}${salt}${n.toString(36).padStart(7, "0")}`;

export function generateOrders(dbFile: string, opts: GenerateOptions): GenerateResult {
  const started = performance.now();
  const { orders, servicesPerOrder = 3, integrations = 20, photoShare = 0.4, photosPerOrder = 6, seed = 1, now = new Date() } = opts;
  const r = prng(seed);
  const salt = randomBytes(3).toString("hex"); // several runs into one file never collide
  const sqlite = new Database(dbFile);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF"); // a throwaway benchmark file: speed over durability

  const insertIntegration = sqlite.prepare(
    `INSERT INTO "Integration" (id, username, name, mode, autoAdmin, clientCode, validatedAt, lastError, lastErrorAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertOrder = sqlite.prepare(
    `INSERT INTO "WorkOrder" (id, integrationId, workOrderNumber, address1, city, state, zip, country, status, pruvanStatus, fieldStatus,
       clientStatus, dueDate, gpsLatitude, gpsLongitude, createdAt, updatedAt, deletedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'USA', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertService = sqlite.prepare(
    `INSERT INTO "Service" (id, workOrderId, position, serviceName, createdAt) VALUES (?, ?, ?, ?, ?)`,
  );
  const insertPhoto = sqlite.prepare(
    `INSERT INTO "WorkItem" (id, uuId, integrationId, workOrderId, serviceId, match, fileType, evidenceType, key2, key4, fileName, fileExt,
       payload, fileSize, contentType, receivedAt)
     VALUES (?, ?, ?, ?, ?, 'matched', 'picture', ?, ?, ?, ?, 'jpg', '{}', ?, 'image/jpeg', ?)`,
  );

  const usernames: string[] = [];
  let services = 0;
  let photos = 0;
  const day = 86_400_000;
  sqlite.transaction(() => {
    const integrationIds: { id: string; internal: boolean }[] = [];
    for (let i = 1; i <= integrations; i++) {
      const username = `bench${String(i).padStart(2, "0")}-${salt}`;
      const internal = i % 3 === 0;
      const id = idOf("int", i, salt);
      const broken = i % 7 === 0;
      insertIntegration.run(id, username, `Bench account ${i}`, internal ? "internal" : "external", i % 5 === 0 ? 1 : 0, `B${i}${salt}`.toUpperCase(),
        i % 4 === 0 ? null : dt(now), broken ? "validate refused: bad credentials" : null, broken ? dt(now) : null, dt(now), dt(now));
      integrationIds.push({ id, internal });
      usernames.push(username);
    }
    for (let n = 1; n <= orders; n++) {
      const integration = integrationIds[n % integrationIds.length]!;
      const [city, state, zip3] = r.pick(CITIES);
      const orderId = idOf("wo", n, salt);
      const created = new Date(now.getTime() - r.int(0, 365) * day - r.int(0, day));
      const updated = new Date(Math.min(now.getTime(), created.getTime() + r.int(0, 30) * day));
      const due = r.next() < 0.9 ? dt(noonUtc(new Date(now.getTime() + r.int(-60, 60) * day))) : null;
      insertOrder.run(
        orderId, integration.id, `WO-${salt}-${String(n).padStart(7, "0")}`, `${r.int(1, 9999)} ${r.pick(STREETS)}`, city, state,
        `${zip3}${String(r.int(0, 99)).padStart(2, "0")}`, integration.internal ? r.pick(INTERNAL_STATUSES) : null, r.pick(PRUVAN_STATUSES),
        r.pick(FIELD_STATUSES), r.pick(CLIENT_STATUSES), due, 30 + r.next(), -97 - r.next(), dt(created), dt(updated), r.next() < 0.02 ? dt(updated) : null,
      );
      const serviceIds: [string, string][] = [];
      for (let s = 0; s < servicesPerOrder; s++) {
        const name = SERVICE_NAMES[(n + s) % SERVICE_NAMES.length]!;
        const serviceId = idOf("sv", n * servicesPerOrder + s, salt);
        insertService.run(serviceId, orderId, s, name, dt(created));
        serviceIds.push([serviceId, name]);
        services++;
      }
      if (r.next() < photoShare) {
        for (let p = 0; p < photosPerOrder; p++) {
          const [serviceId, serviceName] = serviceIds[p % serviceIds.length] ?? [null, null];
          const uuId = `${salt}-${n}-${p}`;
          const received = new Date(updated.getTime() + p * 60_000);
          insertPhoto.run(idOf("wi", n * photosPerOrder + p, salt), uuId, integration.id, orderId, serviceId, EVIDENCE[p % 3], `WO-${n}`, serviceName,
            String(received.getTime()), 150_000 + r.int(0, 100_000), dt(received));
          photos++;
        }
      }
    }
  })();
  // No ANALYZE: the portal never runs it, and its statistics mislead SQLite here (deletedAt
  // is NULL on nearly every row, but without STAT4 the planner takes "deletedAt IS NULL"
  // for a rare value and picks a skip-scan that reads every row: the list went 1 ms -> 400 ms).
  sqlite.close();
  return { integrations, orders, services, photos, ms: Math.round(performance.now() - started), usernames };
}

if (process.argv[1]?.endsWith("generate-orders.ts")) {
  const at = process.argv.indexOf("--db");
  const dbFile = at >= 0 ? process.argv[at + 1] : undefined;
  if (!dbFile) {
    console.error("usage: tsx scripts/bench/generate-orders.ts --db <migrated portal.db> [--orders N] [--services 3] [--integrations 20] [--photo-share 0.4] [--photos 6] [--seed 1]");
    process.exit(2);
  }
  const result = generateOrders(dbFile, {
    orders: numberFlag("orders", 100_000),
    servicesPerOrder: numberFlag("services", 3),
    integrations: numberFlag("integrations", 20),
    photoShare: numberFlag("photo-share", 0.4),
    photosPerOrder: numberFlag("photos", 6),
    seed: numberFlag("seed", 1),
  });
  console.log(JSON.stringify({ ...result, usernames: undefined }));
}
