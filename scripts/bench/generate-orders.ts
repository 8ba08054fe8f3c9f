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
import pg from "pg";
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
  ["Round Rock", "TX", "786"],
  ["Austin", "TX", "787"],
  ["Georgetown", "TX", "786"],
  ["Dallas", "TX", "752"],
  ["Houston", "TX", "770"],
  ["Phoenix", "AZ", "850"],
  ["Tucson", "AZ", "857"],
  ["Denver", "CO", "802"],
  ["Atlanta", "GA", "303"],
  ["Orlando", "FL", "328"],
  ["Tampa", "FL", "336"],
  ["Miami", "FL", "331"],
  ["Charlotte", "NC", "282"],
  ["Raleigh", "NC", "276"],
  ["Columbus", "OH", "432"],
  ["Cleveland", "OH", "441"],
  ["Detroit", "MI", "482"],
  ["Chicago", "IL", "606"],
  ["Memphis", "TN", "381"],
  ["Nashville", "TN", "372"],
] as const;
const STREETS = [
  "Main Street",
  "Oak Hollow Drive",
  "Pecan Lane",
  "Elm Street",
  "Maple Avenue",
  "Cedar Court",
  "Lakeview Road",
  "Sunset Boulevard",
  "Hillcrest Drive",
  "Park Place",
];
const CLIENT_STATUSES = [
  "Order Created",
  "Rush Order",
  "Rework Required",
  "Order Canceled",
  "Order Closed",
  "Pending QC",
  "Awaiting Bid",
  null,
];
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

type Row = Record<string, string | number | null>;
type Table = "Integration" | "WorkOrder" | "Service" | "WorkItem";

/** Every row of the data set, in insertion order (parents first), whatever database takes them. */
function* rowsOf(opts: GenerateOptions, salt: string, usernames: string[]): Generator<[Table, Row]> {
  const { orders, servicesPerOrder = 3, integrations = 20, photoShare = 0.4, photosPerOrder = 6, seed = 1, now = new Date() } = opts;
  const r = prng(seed);
  const day = 86_400_000;
  const integrationIds: { id: string; internal: boolean }[] = [];
  for (let i = 1; i <= integrations; i++) {
    const username = `bench${String(i).padStart(2, "0")}-${salt}`;
    const internal = i % 3 === 0;
    const id = idOf("int", i, salt);
    const broken = i % 7 === 0;
    yield [
      "Integration",
      {
        id,
        username,
        name: `Bench account ${i}`,
        mode: internal ? "internal" : "external",
        autoAdmin: i % 5 === 0 ? 1 : 0,
        clientCode: `B${i}${salt}`.toUpperCase(),
        validatedAt: i % 4 === 0 ? null : dt(now),
        lastError: broken ? "validate refused: bad credentials" : null,
        lastErrorAt: broken ? dt(now) : null,
        createdAt: dt(now),
        updatedAt: dt(now),
      },
    ];
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
    yield [
      "WorkOrder",
      {
        id: orderId,
        integrationId: integration.id,
        workOrderNumber: `WO-${salt}-${String(n).padStart(7, "0")}`,
        address1: `${r.int(1, 9999)} ${r.pick(STREETS)}`,
        city,
        state,
        zip: `${zip3}${String(r.int(0, 99)).padStart(2, "0")}`,
        country: "USA",
        status: integration.internal ? r.pick(INTERNAL_STATUSES) : null,
        pruvanStatus: r.pick(PRUVAN_STATUSES),
        fieldStatus: r.pick(FIELD_STATUSES),
        clientStatus: r.pick(CLIENT_STATUSES),
        dueDate: due,
        gpsLatitude: 30 + r.next(),
        gpsLongitude: -97 - r.next(),
        createdAt: dt(created),
        updatedAt: dt(updated),
        deletedAt: r.next() < 0.02 ? dt(updated) : null,
      },
    ];
    const serviceIds: [string, string][] = [];
    for (let s = 0; s < servicesPerOrder; s++) {
      const name = SERVICE_NAMES[(n + s) % SERVICE_NAMES.length]!;
      const serviceId = idOf("sv", n * servicesPerOrder + s, salt);
      yield ["Service", { id: serviceId, workOrderId: orderId, position: s, serviceName: name, createdAt: dt(created) }];
      serviceIds.push([serviceId, name]);
    }
    if (r.next() < photoShare) {
      for (let p = 0; p < photosPerOrder; p++) {
        const [serviceId, serviceName] = serviceIds[p % serviceIds.length] ?? [null, null];
        const received = new Date(updated.getTime() + p * 60_000);
        yield [
          "WorkItem",
          {
            id: idOf("wi", n * photosPerOrder + p, salt),
            uuId: `${salt}-${n}-${p}`,
            integrationId: integration.id,
            workOrderId: orderId,
            serviceId,
            match: "matched",
            fileType: "picture",
            evidenceType: EVIDENCE[p % 3]!,
            key2: `WO-${n}`,
            key4: serviceName,
            fileName: String(received.getTime()),
            fileExt: "jpg",
            payload: "{}",
            fileSize: 150_000 + r.int(0, 100_000),
            contentType: "image/jpeg",
            receivedAt: dt(received),
          },
        ];
      }
    }
  }
}

const started = () => ({
  at: performance.now(),
  salt: randomBytes(3).toString("hex"),
  usernames: [] as string[],
  counts: { Integration: 0, WorkOrder: 0, Service: 0, WorkItem: 0 },
});
type Progress = ReturnType<typeof started>;
const resultOf = (p: Progress): GenerateResult => ({
  integrations: p.counts.Integration,
  orders: p.counts.WorkOrder,
  services: p.counts.Service,
  photos: p.counts.WorkItem,
  ms: Math.round(performance.now() - p.at),
  usernames: p.usernames,
});

/** Into a migrated SQLite file: prepared statements in one transaction. */
export function generateOrders(dbFile: string, opts: GenerateOptions): GenerateResult {
  const p = started(); // the salt: several runs into one file never collide
  const sqlite = new Database(dbFile);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF"); // a throwaway benchmark file: speed over durability
  const statements = new Map<Table, Database.Statement>();
  const insert = (table: Table, row: Row) => {
    let statement = statements.get(table);
    if (!statement) {
      const cols = Object.keys(row);
      statement = sqlite.prepare(
        `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`,
      );
      statements.set(table, statement);
    }
    statement.run(Object.values(row));
  };
  sqlite.transaction(() => {
    for (const [table, row] of rowsOf(opts, p.salt, p.usernames)) {
      insert(table, row);
      p.counts[table]++;
    }
  })();
  // No ANALYZE: the portal never runs it, and its statistics mislead SQLite here (deletedAt
  // is NULL on nearly every row, but without STAT4 the planner takes "deletedAt IS NULL"
  // for a rare value and picks a skip-scan that reads every row: the list went 1 ms -> 400 ms).
  sqlite.close();
  return resultOf(p);
}

/**
 * Into a migrated PostgreSQL database: 5,000 rows per statement, sent as one JSON array
 * and spread into the table's row type by json_populate_recordset (which casts text to
 * timestamps, enums and booleans as the columns say); columns left out keep their defaults.
 */
export async function generateOrdersPostgres(url: string, opts: GenerateOptions): Promise<GenerateResult> {
  const p = started();
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined); // a dropped connection fails the statement in flight, which says more
  await client.connect();
  const pending = new Map<Table, Row[]>();
  const flush = async (table: Table) => {
    const rows = pending.get(table) ?? [];
    if (rows.length === 0) return;
    pending.set(table, []);
    const cols = Object.keys(rows[0]!)
      .map((c) => `"${c}"`)
      .join(", ");
    await client.query(`INSERT INTO "${table}" (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::"${table}", $1::json)`, [
      JSON.stringify(rows),
    ]);
  };
  const parents: Table[] = ["Integration", "WorkOrder", "Service", "WorkItem"];
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL synchronous_commit = off"); // a throwaway benchmark database
    for (const [table, row] of rowsOf(opts, p.salt, p.usernames)) {
      const rows = pending.get(table) ?? [];
      rows.push(row);
      pending.set(table, rows);
      p.counts[table]++;
      if (rows.length >= 5000) for (const t of parents.slice(0, parents.indexOf(table) + 1)) await flush(t); // a child's parent goes first
    }
    for (const t of parents) await flush(t);
    await client.query("COMMIT");
    await client.query("ANALYZE"); // PostgreSQL's autovacuum would, within a minute of the load; the bench does not wait for it
  } finally {
    await client.end();
  }
  return resultOf(p);
}

if (process.argv[1]?.endsWith("generate-orders.ts")) {
  const at = process.argv.indexOf("--db");
  const dbFile = at >= 0 ? process.argv[at + 1] : undefined;
  if (!dbFile) {
    console.error(
      "usage: tsx scripts/bench/generate-orders.ts --db <migrated portal.db> [--orders N] [--services 3] [--integrations 20] [--photo-share 0.4] [--photos 6] [--seed 1]",
    );
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
