// getWorkOrders with a full answer: 5000 orders x 3 services, full refresh, one at a time:
//   npx tsx scripts/bench/pruvan-pull.ts [--orders 5000] [--runs 15]
// Prints the client-side median/p95 (HTTP round trip, JSON included), the server-side
// duration recorded in the call log, the answer size and the server's peak RSS.
import { performance } from "node:perf_hooks";
import { db } from "@/lib/db";
import { sha1Hex } from "@/lib/integrations/api-keys";
import { runCli } from "../../tests/support/server";
import { numberFlag, peakRssMb, printTable, startPortal } from "./harness";

const ORDERS = numberFlag("orders", 5000);
const RUNS = numberFlag("runs", 15);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main() {
  const server = await startPortal();
  try {
    const { token } = runCli(["integration:create", "--username", "bench", "--mode", "internal"], server.env).json() as { token: string };
    process.env.DATA_DIR = server.dataDir; // this process reads the server's database (before db() is first used)
    const { id: integrationId } = await db().integration.findUniqueOrThrow({ where: { username: "bench" } });
    const ids = Array.from({ length: ORDERS }, (_, i) => `bench${String(i).padStart(6, "0")}`);
    await db().workOrder.createMany({
      data: ids.map((id, i) => ({
        id, integrationId, workOrderNumber: `B-${i}`, address1: `${i} Oak Hollow Drive`, city: "Austin", state: "TX", zip: "78758",
        clientStatus: "Order Created", status: "assigned", dueDate: new Date(Date.UTC(2026, 5, 1, 12)), instructions: "Photograph every side.",
        workOrderInfo: "Lock box 4412", attribute7: `LOAN-${i}`, assignedTo: "crew1",
      })),
    });
    await db().service.createMany({ data: ids.flatMap((workOrderId) => ["Lawn", "Exterior Photos", "Winterize"].map((serviceName, position) => ({ workOrderId, serviceName, position }))) });
    await db().$disconnect();

    const payload = JSON.stringify({ username: "bench", password: sha1Hex(token), token, timestamp: null });
    const times: number[] = [];
    let bytes = 0;
    let count = 0;
    for (let i = 0; i < RUNS + 1; i++) {
      const form = new FormData();
      form.append("payload", payload);
      const started = performance.now();
      const res = await fetch(`${server.url}/api/pruvan/getWorkOrders.html`, { method: "POST", body: form });
      const text = await res.text();
      const ms = performance.now() - started;
      if (i === 0) continue; // warm-up
      times.push(ms);
      bytes = text.length;
      count = (JSON.parse(text) as { workOrders: unknown[] }).workOrders.length;
    }
    const serverSide = (await db().pruvanCall.findMany({ where: { endpoint: "getWorkOrders" }, orderBy: { createdAt: "asc" }, select: { durationMs: true } }))
      .slice(1)
      .map((c) => c.durationMs)
      .sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    printTable(`getWorkOrders full refresh: ${ORDERS} orders x 3 services, ${RUNS} runs`, [
      {
        "orders sent": count,
        "answer (MB)": (bytes / 1e6).toFixed(1),
        "median (ms)": Math.round(pct(times, 0.5)),
        "p95 (ms)": Math.round(pct(times, 0.95)),
        "server median (ms)": pct(serverSide, 0.5),
        "server p95 (ms)": pct(serverSide, 0.95),
        "peak RSS (MB)": peakRssMb(server.pid),
      },
    ]);
  } finally {
    await db().$disconnect();
    await server.stop();
  }
}


main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
