import assert from "node:assert/strict";
import { test } from "node:test";
import { freshDataDir } from "../support/server";

// The process has one SQLite connection. A write outside a transaction must never join
// (and be rolled back with) a transaction that happens to be open at the same moment.
process.env.DATA_DIR = freshDataDir("one-connection");
delete process.env.DATABASE_URL;

test("a write beside a failing transaction survives its rollback", async () => {
  const { migrateDatabase } = await import("@/lib/db/migrate");
  const { db } = await import("@/lib/db");
  await migrateDatabase();

  const failing = db()
    .$transaction(async (tx) => {
      await tx.statusMapping.create({ data: { clientStatus: "inside the doomed transaction" } });
      await new Promise((r) => setTimeout(r, 300));
      throw new Error("refused on purpose");
    })
    .catch((err: Error) => err.message);
  await new Promise((r) => setTimeout(r, 50));
  await db().statusMapping.create({ data: { clientStatus: "written beside it" } }); // while the transaction is open

  assert.equal(await failing, "refused on purpose");
  const names = (await db().statusMapping.findMany({ select: { clientStatus: true } })).map((m) => m.clientStatus);
  assert.ok(names.includes("written beside it"), "the write outside the transaction is kept");
  assert.ok(!names.includes("inside the doomed transaction"), "the transaction's own write is rolled back");
});
