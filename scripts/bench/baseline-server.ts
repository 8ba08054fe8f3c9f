import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, rmSync } from "node:fs";
import { open, rename, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import busboy from "busboy";
import Database from "better-sqlite3";
import pg from "pg";

// The practical limit on this machine: the same work as our endpoints with nothing but
// node:http, a streaming multipart parser and better-sqlite3. Benchmarks print our figure
// divided by this one. The same work includes the same durability: an upload's file is
// fsynced, renamed, its folder fsynced, and its row committed with synchronous=FULL
// before the answer (lib/storage/local-disk.ts, lib/db/connection.ts). Usage: node --import tsx scripts/bench/baseline-server.ts PORT DB_FILE|POSTGRESQL_URL STORAGE_DIR
// With STORAGE_URL and the S3_* settings in its environment (the upload bench's "baseline +
// S3"), an upload's file goes to the bucket instead, as the portal's does: received into a
// local file, then one PutObject of known length (If-None-Match: *), before its row.

const [port = "4100", database = "/tmp/baseline.db", storageDir = "/tmp/baseline-storage"] = process.argv.slice(2);
const onPostgres = /^postgres(ql)?:\/\//.test(database);
mkdirSync(path.join(storageDir, "tmp"), { recursive: true });
// Uploads keep their rows in SQLite (beside the portal's own file, or in a file of their own
// when the portal's database is PostgreSQL); pulls and the list read the portal's database.
const sqlite = new Database(onPostgres ? path.join(path.dirname(storageDir), "baseline.db") : database);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = FULL");
sqlite.exec("create table if not exists baseline_item (uuid text primary key, path text, size integer, sha256 text, payload text)");
const insertItem = sqlite.prepare("insert or ignore into baseline_item (uuid, path, size, sha256, payload) values (?, ?, ?, ?, ?)");

/** The bucket of STORAGE_URL when set: put(file, size) stores a local file under a new key and removes it. */
const bucket = process.env.STORAGE_URL ? s3Bucket(process.env.STORAGE_URL) : undefined;

function s3Bucket(url: string) {
  const [, name = "", prefix = ""] = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url) ?? [];
  const client = new S3Client({
    endpoint: process.env.S3_ENDPOINT,
    region: process.env.S3_REGION ?? "us-east-1",
    forcePathStyle: process.env.S3_FORCE_PATH_STYLE === "true",
    credentials: { accessKeyId: process.env.S3_ACCESS_KEY_ID ?? "", secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? "" },
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    async put(file: string, size: number): Promise<string> {
      const Key = `${prefix}/${randomUUID()}.jpg`;
      const Body = createReadStream(file);
      await client.send(new PutObjectCommand({ Bucket: name, Key, Body, ContentLength: size, IfNoneMatch: "*" }));
      await rm(file, { force: true });
      return Key;
    },
  };
}

function upload(req: IncomingMessage, res: ServerResponse) {
  const bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: 1024 * 1024 * 1024 } });
  let payload = "";
  let stored: Promise<{ file: string; size: number; sha256: string }> | undefined;
  bb.on("field", (name, value) => {
    if (name === "payload") payload = value;
  });
  bb.on("file", (_name, stream) => {
    const tmp = path.join(storageDir, "tmp", `${randomUUID()}.part`);
    const hash = createHash("sha256");
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _e, done) {
        size += chunk.length;
        hash.update(chunk);
        done(null, chunk);
      },
    });
    stored = pipeline(stream, meter, createWriteStream(tmp, { flush: !bucket })).then(async () => {
      if (bucket) return { file: await bucket.put(tmp, size), size, sha256: hash.digest("hex") };
      const file = path.join(storageDir, `${randomUUID()}.jpg`);
      await rename(tmp, file);
      const dir = await open(storageDir, "r");
      await dir.sync();
      await dir.close();
      return { file, size, sha256: hash.digest("hex") };
    });
    stored.catch(() => {
      rmSync(tmp, { force: true });
      stream.resume(); // keep reading the request so that it is answered
    });
  });
  bb.on("close", async () => {
    try {
      const meta = JSON.parse(payload) as { uuId?: string };
      const file = await stored;
      insertItem.run(meta.uuId ?? randomUUID(), file?.file ?? null, file?.size ?? 0, file?.sha256 ?? null, payload);
      send(res, 200, { status: true, error: null });
    } catch (err) {
      send(res, 400, { status: false, error: (err as Error).message });
    }
  });
  req.pipe(bb);
}

function readPayload(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const bb = busboy({ headers: req.headers });
    let payload = "{}";
    bb.on("field", (name, value) => name === "payload" && (payload = value));
    bb.on("close", () => resolve(JSON.parse(payload) as Record<string, unknown>));
    bb.on("error", reject);
    req.pipe(bb);
  });
}

type Rows = Array<Record<string, unknown>>;
/** The reads of a pull and of the list, on the portal's database. */
type Reads = {
  ordersSince(username: string, since: string | null): Promise<Rows>;
  servicesOf(orderIds: unknown[]): Promise<Rows>;
  count(status: string): Promise<number>;
  page(status: string): Promise<Rows>;
};

const ORDERS_SINCE = `select o.* from "WorkOrder" o join "Integration" i on i.id = o."integrationId"
  where i.username = ? and o."deletedAt" is null and (? is null or o."updatedAt" >= ?)
  order by o."lastSentAt" limit 5000`;
const COUNT = `select count(*) as n from "WorkOrder" where "deletedAt" is null and status = ?`;
const PAGE = `select id, "workOrderNumber", address1, city, state, zip, status, "clientStatus", "dueDate" from "WorkOrder"
  where "deletedAt" is null and status = ? order by "dueDate" limit 50`;

function sqliteReads(): Reads {
  const ordersSince = sqlite.prepare(ORDERS_SINCE);
  const servicesOf = sqlite.prepare(`select * from "Service" where "workOrderId" in (select value from json_each(?)) order by position`);
  const count = sqlite.prepare(COUNT);
  const page = sqlite.prepare(PAGE);
  return {
    ordersSince: async (username, since) => ordersSince.all(username, since, since) as Rows,
    servicesOf: async (ids) => servicesOf.all(JSON.stringify(ids)) as Rows,
    count: async (status) => (count.get(status) as { n: number }).n,
    page: async (status) => page.all(status) as Rows,
  };
}

function postgresReads(): Reads {
  const pool = new pg.Pool({ connectionString: database, max: 4 });
  pool.on("error", (err) => console.error(JSON.stringify({ baseline: "idle connection lost", error: err.message })));
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  const all = async (sql: string, params: unknown[]) => (await pool.query(numbered(sql), params)).rows as Rows;
  return {
    ordersSince: (username, since) => all(ORDERS_SINCE.replace("? is null", "?::timestamp is null"), [username, since, since]),
    servicesOf: (ids) => all(`select * from "Service" where "workOrderId" = any(?) order by position`, [ids]),
    count: async (status) => Number((await all(COUNT, [status]))[0]!.n),
    page: (status) => all(PAGE, [status]),
  };
}

const reads = onPostgres ? postgresReads() : sqliteReads();

async function getWorkOrders(req: IncomingMessage, res: ServerResponse) {
  const p = await readPayload(req);
  const since = typeof p.timestamp === "number" ? new Date(p.timestamp * 1000).toISOString() : null;
  const orders = await reads.ordersSince(String(p.username), since);
  const services = await reads.servicesOf(orders.map((o) => o.id));
  const byOrder = new Map<unknown, unknown[]>();
  for (const s of services) byOrder.set(s.workOrderId, [...(byOrder.get(s.workOrderId) ?? []), { serviceName: s.serviceName }]);
  const workOrders = orders.map((o) => ({
    workOrderNumber: o.workOrderNumber,
    address1: o.address1,
    city: o.city,
    state: o.state,
    zip: o.zip,
    clientStatus: o.clientStatus,
    services: byOrder.get(o.id) ?? [],
  }));
  send(res, 200, { workOrders, error: "" });
}

const escapeHtml = (v: unknown) => String(v ?? "").replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The orders list at its plainest: the count and one page of one filter, sorted, as an HTML table. */
async function listOrders(req: IncomingMessage, res: ServerResponse) {
  const status = new URL(req.url ?? "/", "http://localhost").searchParams.get("status") ?? "assigned";
  const [n, rows] = await Promise.all([reads.count(status), reads.page(status)]);
  const cells = (r: Record<string, unknown>) =>
    ["workOrderNumber", "address1", "city", "state", "zip", "status", "clientStatus", "dueDate"]
      .map((k) => `<td>${escapeHtml(r[k])}</td>`)
      .join("");
  const html = `<!doctype html><html><body><h1>Orders</h1><p>${n} work orders</p><table>${rows.map((r) => `<tr>${cells(r)}</tr>`).join("")}</table></body></html>`;
  res.writeHead(200, { "content-type": "text/html", "content-length": Buffer.byteLength(html) });
  res.end(html);
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

createServer((req, res) => {
  const route = req.url?.split("?")[0];
  if (req.method === "POST" && route === "/uploadPictures") return upload(req, res);
  if (req.method === "POST" && route === "/getWorkOrders")
    return void getWorkOrders(req, res).catch((e: Error) => send(res, 500, { error: e.message }));
  if (req.method === "GET" && route === "/orders")
    return void listOrders(req, res).catch((e: Error) => send(res, 500, { error: e.message }));
  if (route === "/health") return send(res, 200, { ok: true });
  send(res, 404, { error: "not found" });
}).listen(Number(port), "127.0.0.1", () => console.log(JSON.stringify({ baseline: Number(port) })));

// A clean exit on the bench's SIGTERM, so that `--cpu-prof` can write its profile.
process.on("SIGTERM", () => process.exit(0));
