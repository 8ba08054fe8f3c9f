import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { db, retryOnConflict, type Tx } from "@/lib/db";
import { onPostgresql } from "../support/database";
import { startServer, type RunningServer } from "../support/server";
import { createOrder, useDataDir } from "../support/work-item-fixtures";

// lib/db/conflict.ts on a real deadlock: two transactions that take the same two order rows
// in opposite order, each waiting until the other holds its first row. PostgreSQL aborts one
// of them (40P01); retryOnConflict runs it again, and both changes land. SQLite has a single
// writer and never deadlocks, so the suite runs in scripts/test.sh's PostgreSQL pass only.

let server: RunningServer;
let orderIds: [string, string];

before(async () => {
  if (!onPostgresql) return;
  server = await startServer();
  useDataDir(server.dataDir);
  const a = await createOrder("DL-1", [{ serviceName: "Lawn" }], "deadlock");
  const b = await createOrder("DL-2", [{ serviceName: "Lawn" }], "deadlock");
  orderIds = [a.id, b.id];
});
after(async () => {
  if (!onPostgresql) return;
  await db().$disconnect();
  await server.stop();
});

/** Resolves once `count` callers have arrived: each transaction holds its first row by then. */
function meeting(count: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === count) open();
    return Promise.race([opened, new Promise((resolve) => setTimeout(resolve, 3000))]);
  };
}

type Writer = "prisma" | "raw";

/** Writes `note` into both orders' instructions, first `first`, then the other; counts its runs. */
function crossing(first: 0 | 1, note: string, meet: () => Promise<unknown>, writer: Writer, runs: { n: number }) {
  const [one, two] = first === 0 ? orderIds : [orderIds[1], orderIds[0]];
  const write = (tx: Tx, id: string) =>
    writer === "prisma"
      ? tx.workOrder.update({ where: { id }, data: { instructions: note } })
      : tx.$executeRaw`UPDATE "WorkOrder" SET "instructions" = ${note} WHERE "id" = ${id}`;
  return () =>
    db().$transaction(
      async (tx) => {
        runs.n++;
        await write(tx, one);
        await meet();
        await write(tx, two);
      },
      { timeout: 20_000 },
    );
}

const notesOf = async () =>
  (await db().workOrder.findMany({ where: { id: { in: orderIds } }, select: { instructions: true } })).map((o) => o.instructions);

describe("retryOnConflict (lib/db/conflict.ts) on PostgreSQL", { skip: !onPostgresql && "SQLite never deadlocks" }, () => {
  test("without it, the crossing transactions really deadlock: one of them fails with 40P01", async () => {
    const meet = meeting(2);
    const runs = { n: 0 };
    const results = await Promise.allSettled([crossing(0, "a", meet, "prisma", runs)(), crossing(1, "b", meet, "prisma", runs)()]);
    const failed = results.filter((r) => r.status === "rejected");
    assert.equal(failed.length, 1, "exactly one of the two is the deadlock's victim");
    assert.match(String((failed[0] as PromiseRejectedResult).reason), /40P01|deadlock/i);
  });

  for (const writer of ["prisma", "raw"] as const) {
    test(`with it, the victim runs again and both transactions land (${writer} statements)`, async () => {
      const meet = meeting(2);
      const runs = { n: 0 };
      await Promise.all([
        retryOnConflict(crossing(0, `${writer} x`, meet, writer, runs)),
        retryOnConflict(crossing(1, `${writer} y`, meet, writer, runs)),
      ]);
      assert.equal(runs.n, 3, "two runs and the victim's second");
      const notes = await notesOf();
      assert.equal(new Set(notes).size, 1, "the last transaction to commit wrote both rows");
      assert.ok([`${writer} x`, `${writer} y`].includes(notes[0]!));
    });
  }

  test("any other failure is not run again", async () => {
    let runs = 0;
    await assert.rejects(
      retryOnConflict(() =>
        db().$transaction(async (tx) => {
          runs++;
          await tx.workOrder.update({ where: { id: "no such order" }, data: { instructions: "z" } });
        }),
      ),
    );
    assert.equal(runs, 1);
  });
});
