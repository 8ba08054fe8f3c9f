import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError, parse } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/queue";
import type { JobHandler } from "@/lib/jobs/run";
import { deleteOrder, forcePush, orderActorSchema, updateOrder, type OrderActor } from "./manage";
import { orderIdsInListOrder } from "./list";
import type { OrderListQuery } from "./list-filters";
import { bulkChangeSchema, MAX_PICKED, type BulkChange, type BulkResult } from "./bulk-change";
import { workOrderUpdateSchema } from "./schemas";

// Bulk work on the orders list: one change over the rows picked on the page or every order
// matching the list's filters. It runs as a background job (lib/jobs) that makes the change
// order by order through the same commands as a single edit (updateOrder, deleteOrder,
// forcePush: the same rules, status history and push outbox), so one order's refusal never
// stops the others; the result says how many changed and which were refused and why.

const bulkJobInputSchema = z.object({ change: bulkChangeSchema, orderIds: z.array(z.string()), actor: orderActorSchema });

/** The result keeps this many refusals and warnings by name; the counts cover every order. */
const LISTED = 500;

/**
 * Queues a bulk change: checks the change once (a bad value is refused beside its field,
 * before any order is touched) and fixes the orders it covers now, in list order, so the
 * change applies to what the user saw even if the list moves meanwhile.
 */
export async function startBulkChange(opts: {
  change: BulkChange;
  query: OrderListQuery;
  /** The rows picked on the page; without them, every order matching the query. */
  picked?: string[];
  confirm?: boolean;
  actor: OrderActor;
}): Promise<{ jobId: string; total: number }> {
  const { change, actor } = opts;
  if (change.action === "forcePush" && actor.role !== "admin") throw new DomainError("Only admins can force a push.");
  if (change.action === "delete" && opts.confirm !== true) {
    throw new DomainError(
      'Deleting sets the Pruvan status "deleted", which removes the orders from Pruvan. Confirm it explicitly to proceed.',
      {
        confirm: ["confirm the deletion"],
      },
    );
  }
  if (change.action === "clientStatus" || change.action === "dueDate")
    parse(workOrderUpdateSchema, { [change.action]: change.value ?? "" });
  if (opts.picked && opts.picked.length > MAX_PICKED)
    throw new DomainError(`Pick at most ${MAX_PICKED} rows, or choose every order matching the filters.`);
  const orderIds = await orderIdsInListOrder(opts.query, new Date(), opts.picked);
  if (orderIds.length === 0) throw new DomainError("No orders are selected.");
  const input = { change, orderIds, actor: { ...actor, userId: actor.userId ?? null, role: actor.role ?? null } };
  const jobId = await enqueueJob({
    kind: "bulk",
    lane: `bulk:${actor.userId ?? actor.actor}`,
    input,
    total: orderIds.length,
    createdById: actor.userId,
  });
  return { jobId, total: orderIds.length };
}

/** The job: each order in turn; resumed after a restart from the last order it reported. */
export const bulkChangeJob: JobHandler = async (run) => {
  const { change, orderIds, actor } = bulkJobInputSchema.parse(run.input);
  const result: BulkResult = (run.result as BulkResult | null) ?? { changed: 0, unchanged: 0, refusedCount: 0, refused: [], warnings: [] };
  for (let at = run.done; at < orderIds.length; at += 100) {
    const ids = orderIds.slice(at, at + 100);
    const numbers = await orderNumbers(ids);
    for (const [i, id] of ids.entries()) {
      const number = numbers.get(id) ?? "(gone)";
      try {
        const outcome = await applyChange(change, id, actor);
        result[outcome.changed ? "changed" : "unchanged"] += 1;
        for (const warning of outcome.warnings) if (result.warnings.length < LISTED) result.warnings.push(`${number}: ${warning}`);
      } catch (err) {
        result.refusedCount += 1;
        const reason = err instanceof DomainError ? err.message : `could not be saved: ${(err as Error).message}`;
        if (result.refused.length < LISTED) result.refused.push({ workOrderNumber: number, reason: reason.replace(/\n/g, "; ") });
      }
      await run.report({ done: at + i + 1, result });
    }
  }
  return result;
};

async function applyChange(change: BulkChange, orderId: string, actor: OrderActor): Promise<{ changed: boolean; warnings: string[] }> {
  switch (change.action) {
    case "clientStatus":
    case "dueDate": {
      const saved = await updateOrder(orderId, { [change.action]: change.value ?? "" }, actor);
      return { changed: saved.action !== "unchanged", warnings: saved.warnings };
    }
    case "delete": {
      const deleted = await deleteOrder(orderId, actor, { confirm: true });
      return { changed: true, warnings: deleted.warnings };
    }
    case "forcePush": {
      // Its warning (what force overwrites) was said in the dialog before the change.
      const { queued } = await forcePush(orderId, actor);
      return { changed: queued > 0, warnings: [] };
    }
  }
}

async function orderNumbers(ids: string[]): Promise<Map<string, string>> {
  const rows = await db().workOrder.findMany({ where: { id: { in: ids } }, select: { id: true, workOrderNumber: true } });
  return new Map(rows.map((r) => [r.id, r.workOrderNumber]));
}
