import { z } from "zod";

// What a bulk change of the orders list is (lib/orders/bulk.ts runs it): shared by the
// list's bulk bar in the browser and the server.

export const BULK_ACTIONS = {
  clientStatus: "Set client status",
  dueDate: "Set due date",
  forcePush: "Force push",
  delete: "Delete",
} as const;
export type BulkAction = keyof typeof BULK_ACTIONS;

export const bulkChangeSchema = z.object({
  action: z.enum(Object.keys(BULK_ACTIONS) as [BulkAction, ...BulkAction[]], { error: "choose what to change" }),
  /** The new client status or due date; empty clears it. */
  value: z.string().max(1000).optional(),
});
export type BulkChange = z.infer<typeof bulkChangeSchema>;

export type BulkRefusal = { workOrderNumber: string; reason: string };
export type BulkResult = { changed: number; unchanged: number; refusedCount: number; refused: BulkRefusal[]; warnings: string[] };

/** Rows picked on one page: at most the largest page. */
export const MAX_PICKED = 500;
