import { randomUUID } from "node:crypto";
import type { Db } from "../client";

// The call log's insert, one per Pruvan call (hundreds in an upload burst): plain SQL,
// because Prisma 6 compiles a create in WebAssembly on every call (~2 ms of CPU on this
// machine against ~0.6 ms for this statement; npm run bench -- upload).

export type PruvanCallRow = {
  endpoint: string;
  integrationId: string | null;
  username: string | null;
  outcome: string;
  httpStatus: number;
  durationMs: number;
  itemCount: number | null;
  message: string | null;
};

export async function insertPruvanCall(client: Db, row: PruvanCallRow): Promise<void> {
  await client.$executeRaw`INSERT INTO "PruvanCall" ("id", "endpoint", "integrationId", "username", "outcome", "httpStatus", "durationMs", "itemCount", "message", "createdAt")
    VALUES (${randomUUID()}, ${row.endpoint}, ${row.integrationId}, ${row.username}, ${row.outcome}, ${row.httpStatus}, ${row.durationMs}, ${row.itemCount}, ${row.message}, ${new Date()})`;
}
