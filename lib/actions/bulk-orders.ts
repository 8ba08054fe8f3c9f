"use server";

import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import { checkboxField } from "@/lib/form-fields";
import { startBulkChange } from "@/lib/orders/bulk";
import { bulkChangeSchema } from "@/lib/orders/bulk-change";
import { parseOrderListQuery } from "@/lib/orders/list-filters";

// The orders list's bulk change: queued as a background job; the list then follows its
// progress (GET /jobs/{id}) until the result.

const bulkFormSchema = bulkChangeSchema.extend({
  /** The list's query string (its filters and sort): which orders, in which order. */
  list: z.string().max(4000).default(""),
  scope: z.enum(["picked", "matching"]),
  /** The picked rows' ids, comma separated (scope "picked"). */
  picked: z.string().max(20_000).default(""),
  confirm: checkboxField.optional(),
});

export type StartedBulkChange = { jobId: string; total: number };

export const startBulkChangeAction = formAction({ role: "staff", schema: bulkFormSchema }, async (input, user) => {
  const started = await startBulkChange({
    change: { action: input.action, value: input.value },
    query: parseOrderListQuery(new URLSearchParams(input.list)),
    picked: input.scope === "picked" ? input.picked.split(",").filter(Boolean) : undefined,
    confirm: input.confirm,
    actor: { source: "portal", actor: user.email, userId: user.id, role: user.role },
  });
  return {
    ok: true,
    message: `Started on ${started.total} ${started.total === 1 ? "order" : "orders"}.`,
    result: started satisfies StartedBulkChange,
  };
});
