"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import { assignItemSchema, assignItemToOrder, discardItem, inboxItemSchema, inboxQuerySchema, restoreItem } from "@/lib/work-items/inbox";

// The inbox's writes. Each ends by going back to the inbox page the form came from, with
// the item it handled named in the URL: the page confirms what happened from the database.

const place = { view: inboxQuerySchema.shape.view, page: inboxQuerySchema.shape.page };
const back = (where: z.infer<z.ZodObject<typeof place>>, done: string, itemId: string): never => {
  const params = new URLSearchParams({ [done]: itemId });
  if (where.view !== "waiting") params.set("view", where.view);
  if (where.page > 1) params.set("page", String(where.page));
  revalidatePath("/uploads");
  redirect(`/uploads?${params}`);
};

export const assignUploadAction = formAction({ role: "staff", schema: assignItemSchema.extend(place) }, async (input) => {
  const assigned = await assignItemToOrder(input);
  revalidatePath(`/orders/${assigned.orderId}`);
  back(input, "assigned", input.itemId);
});

export const discardUploadAction = formAction({ role: "staff", schema: inboxItemSchema.extend(place) }, async (input) => {
  await discardItem(input);
  back(input, "discarded", input.itemId);
});

export const restoreUploadAction = formAction({ role: "staff", schema: inboxItemSchema.extend(place) }, async (input) => {
  await restoreItem(input);
  back(input, "restored", input.itemId);
});
