import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import { storeFullRefreshWires, type StoredWire } from "@/lib/db/sql/pruvan-pull";
import type { WireContext } from "@/lib/pruvan/work-order-wire";

// A Full Refresh answers every current order (pruvan-api-v2 "getWorkOrders Modes"); an order
// whose current version Pruvan holds goes the same way every time: what it sends depends on
// the order's version (its updatedAt: every change of it or of its services moves it) and the
// wire context alone. So that text is stored per order (FullRefreshWire) and the next Full
// Refresh reads it instead of the order's ~60 columns and its services, and serializes
// nothing. The context's digest covers the integration's mode and Auto-Admin, the status
// mapping, and the code that writes the wire: a text of another context is not used.

/** The source of the code that makes an order's Full Refresh text: a change of it is a new context. */
const WIRE_CODE = ["lib/pruvan", "lib/orders/pruvan-pull.ts", "lib/orders/full-refresh-wire.ts"];

let codeDigest: string | null = null;

/** The wire code's files, relative to the app's folder (instances in other folders agree). */
const wireCodeFiles = () =>
  WIRE_CODE.flatMap((entry) =>
    entry.endsWith(".ts")
      ? [entry]
      : readdirSync(entry)
          .filter((f) => f.endsWith(".ts"))
          .sort()
          .map((f) => path.join(entry, f)),
  );

/** A digest of the wire code's source, read once; without the source at hand, one of this process (stored texts then last its lifetime). */
function wireCodeDigest(): string {
  if (codeDigest) return codeDigest;
  try {
    const hash = createHash("sha256");
    for (const file of wireCodeFiles()) hash.update(file).update(readFileSync(file));
    codeDigest = hash.digest("hex");
  } catch {
    codeDigest = randomUUID();
  }
  return codeDigest;
}

/**
 * The digests a stored Full Refresh text must carry to be used for an integration with this
 * context: of an order Pruvan holds as it is (`held`), and of one going in full again as an
 * unread answer sent it (`again`: lib/pruvan/received toSend's againAsSent).
 */
export function fullRefreshContexts(ctx: WireContext): { held: string; again: string } {
  const mapping = [...(ctx.mapping ?? new Map())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const digest = (send: string) =>
    createHash("sha256")
      .update(JSON.stringify({ send, mode: ctx.mode, autoAdmin: ctx.autoAdmin, mapping, code: wireCodeDigest() }))
      .digest("hex")
      .slice(0, 32);
  return { held: digest("held"), again: digest("again") };
}

/**
 * Stores the Full Refresh texts of orders this answer serialized. A cache: an order changed
 * since has another version and its text is not used, and a failure costs only the next
 * Full Refresh's time, never the answer (logged).
 */
export async function storeFullRefreshTexts(rows: StoredWire[]): Promise<void> {
  if (rows.length === 0) return;
  try {
    await db().$transaction((tx) => storeFullRefreshWires(tx, rows));
  } catch (err) {
    console.error(JSON.stringify({ fullRefreshWire: "not stored", orders: rows.length, error: (err as Error).message.slice(0, 300) }));
  }
}
