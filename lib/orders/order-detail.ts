import { z } from "zod";
import { db } from "@/lib/db";
import { lastSentToPruvan } from "./last-sent";

const orderIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** One order with everything the detail page shows about it; null when there is none. */
export async function getOrderDetail(id: string) {
  if (!orderIdSchema.safeParse(id).success) return null;
  const order = await db().workOrder.findUnique({
    where: { id },
    include: {
      integration: { select: { username: true, name: true, mode: true, autoAdmin: true, lastFullPullAt: true } },
      services: {
        orderBy: { position: "asc" },
        include: { _count: { select: { workItems: { where: { match: "matched" } } } } },
      },
    },
  });
  return order && { ...order, lastSentAt: lastSentToPruvan(order, order.integration.lastFullPullAt) };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>;

/** Cheap existence check, run by the order's layout before anything streams (a real 404). */
export async function orderExists(id: string): Promise<boolean> {
  if (!orderIdSchema.safeParse(id).success) return false;
  return (await db().workOrder.count({ where: { id } })) > 0;
}

/** One order with what its edit form needs; null when there is none. */
export async function getOrderForEdit(id: string) {
  if (!orderIdSchema.safeParse(id).success) return null;
  return db().workOrder.findUnique({
    where: { id },
    include: {
      integration: { select: { id: true, username: true, name: true, mode: true, autoAdmin: true } },
      services: { orderBy: { position: "asc" } },
    },
  });
}
