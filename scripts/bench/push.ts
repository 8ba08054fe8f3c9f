import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { freshDataDir } from "../../tests/support/server";

// `npx tsx scripts/bench/push.ts [ORDERS]`: how fast orders are imported and pushed.
// A fresh SQLite file, one integration whose push key is a local HTTP server answering
// like Pruvan, ORDERS orders (default 10,000) imported from one JSON file, the queue drained
// (`push:run`'s code), then every order updated once more and drained again. Prints figures.

const ORDERS = Number(process.argv[2] ?? 10_000);

async function main() {
  Object.assign(process.env, {
    DATA_DIR: freshDataDir("bench-push"),
    PUSH_ALLOWED_HOSTS: "127.0.0.1",
    PUSH_HOURLY_LIMIT: "1000000",
    PUSH_BATCH_SIZE: process.env.PUSH_BATCH_SIZE ?? "100",
  });
  // Loaded after the environment is set: config() reads it once.
  const { db } = await import("@/lib/db");
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { importOrders } = await import("@/lib/orders/import");
  const { drainPushQueue } = await import("@/lib/push/worker");
  await migrateDatabase();

  let calls = 0;
  let received = 0;
  let bytes = 0;
  const pruvan = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => ((body += d.toString()), (bytes += d.length)));
    req.on("end", () => {
      calls += 1;
      const n = (JSON.parse(new URLSearchParams(body).get("workOrders") ?? "{}") as { workOrders?: unknown[] }).workOrders?.length ?? 0;
      received += n;
      res.writeHead(200, { "content-type": "text/html" });
      res.end(JSON.stringify({ response: { created: n, updated: 0, deleted: 0 }, error: null }));
    });
  });
  await new Promise<void>((r) => pruvan.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(pruvan.address() as AddressInfo).port}/api/?apiKey=bench`;
  await db().integration.create({ data: { username: "bench", name: "bench", mode: "internal", pushKeyUrl: url } });

  const actor = { source: "import" as const, actor: "bench" };
  const order = (i: number, clientStatus: string) => ({
    workOrderNumber: `B-${i}`, address1: `${i} Main Street`, city: "Round Rock", state: "TX", zip: "78664", clientStatus,
    dueDate: "2026-05-25", instructions: "Photograph every side of the house.",
    services: [{ serviceName: "Lawn" }, { serviceName: "Photos", survey: "vendor1::QC-v1" }],
  });
  const file = (clientStatus: string) => JSON.stringify({ workOrders: Array.from({ length: ORDERS }, (_, i) => order(i, clientStatus)) });
  const rows: Array<[string, string]> = [];
  const time = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    const result = await run();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    rows.push([label, `${(ms / 1000).toFixed(1)} s (${Math.round((ORDERS / ms) * 1000)} orders/s)`]);
    return result;
  };

  const created = await time(`import ${ORDERS} new orders (JSON)`, () => importOrders({ content: file("Order Created"), format: "json", integration: "bench", actor }));
  await time(`push ${ORDERS} queued creates`, () => drainPushQueue());
  const pushed = received;
  const updated = await time(`import ${ORDERS} updates (clientStatus)`, () => importOrders({ content: file("Rush Order"), format: "json", integration: "bench", actor }));
  await time(`push ${ORDERS} queued updates`, () => drainPushQueue());
  const dryRun = await time(`dry-run import of ${ORDERS} unchanged orders`, () => importOrders({ content: file("Rush Order"), format: "json", integration: "bench", actor, dryRun: true }));

  rows.push(["created / updated / unchanged (dry run)", `${created.created} / ${updated.updated} / ${dryRun.unchanged}`]);
  rows.push(["orders received by the endpoint", `${pushed} + ${received - pushed} in ${calls} calls, ${(bytes / 1e6).toFixed(1)} MB`]);
  rows.push(["jobs not delivered", String(await db().pushJob.count({ where: { state: { not: "delivered" } } }))]);
  rows.push(["peak RSS of this process", `${Math.round(process.resourceUsage().maxRSS / 1024)} MB`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n"));
  pruvan.close();
  await db().$disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
