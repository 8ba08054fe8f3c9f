"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { createOrder, deleteOrder, forcePush, updateOrder, type OrderActor, type OrderChange } from "@/lib/orders/manage";
import { sanitizeInstructions } from "@/lib/orders/instructions-html";
import { checkboxField } from "@/lib/form-fields";
import { editOrderFormSchema, newOrderFormSchema } from "@/lib/orders/order-form";

// The order forms' writes. Staff create, change and delete orders; force push is for
// admins (it overwrites what the Pruvan user set). Every refusal comes back beside its field.

const actorOf = (user: CurrentUser): OrderActor => ({ source: "portal", actor: user.email, userId: user.id, role: user.role });

export type SavedOrder = { orderId: string; workOrderNumber: string };

/** When Pruvan sees the change: with the next push, or at its next import. */
function pushNote(change: OrderChange): string {
  if (change.action === "unchanged") return "";
  return change.pushJobs > 0
    ? " It goes to Pruvan with the next push."
    : " This integration has no push key yet: Pruvan gets it at its next import of orders.";
}

function refreshOrder(id: string) {
  revalidatePath("/orders");
  revalidatePath(`/orders/${id}`);
  revalidatePath(`/orders/${id}/edit`);
}

export const createOrderAction = formAction({ role: "staff", schema: newOrderFormSchema }, async (input, user) => {
  const change = await createOrder(input, actorOf(user));
  refreshOrder(change.id);
  return {
    ok: true,
    message: `Created order ${change.workOrderNumber}.${pushNote(change)}`,
    warnings: change.warnings,
    result: { orderId: change.id, workOrderNumber: change.workOrderNumber } satisfies SavedOrder,
  };
});

export const updateOrderAction = formAction(
  { role: "staff", schema: editOrderFormSchema },
  async ({ orderId, change, confirmDelete }, user) => {
    const saved = await updateOrder(orderId, change, actorOf(user), { confirmDelete });
    refreshOrder(saved.id);
    const what = { created: "Saved", updated: "Saved", deleted: "Deleted", unchanged: "Nothing changed on" }[saved.action];
    return {
      ok: true,
      message: `${what} order ${saved.workOrderNumber}.${pushNote(saved)}`,
      warnings: saved.warnings,
      result: { orderId: saved.id, workOrderNumber: saved.workOrderNumber } satisfies SavedOrder,
    };
  },
);

const orderIdSchema = z.string({ error: "is required" }).min(1, "is required");

export const deleteOrderAction = formAction(
  { role: "staff", schema: z.object({ orderId: orderIdSchema, confirm: checkboxField.optional() }) },
  async ({ orderId, confirm }, user) => {
    const deleted = await deleteOrder(orderId, actorOf(user), { confirm });
    refreshOrder(deleted.id);
    return { ok: true, message: `Order ${deleted.workOrderNumber} is deleted.${pushNote(deleted)}`, warnings: deleted.warnings };
  },
);

export const forcePushAction = formAction({ role: "admin", schema: z.object({ orderId: orderIdSchema }) }, async ({ orderId }, user) => {
  const { queued, warning } = await forcePush(orderId, actorOf(user));
  refreshOrder(orderId);
  revalidatePath("/push-log");
  return {
    ok: true,
    message: queued > 0 ? "Force push queued: it goes out with the next push." : "Nothing was queued.",
    warnings: [warning],
  };
});

/** The instructions as the order page will show them: sanitized here, on the server. */
export async function previewInstructions(html: string): Promise<string> {
  await requireUser();
  const text = z.string().max(20_000).safeParse(html);
  return text.success ? sanitizeInstructions(text.data) : "";
}
