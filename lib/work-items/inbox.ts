import { z } from "zod";
import { db, type Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { pageWindow } from "@/lib/paging";
import { orderNumberCandidates } from "@/lib/pruvan/order-number";
import { serviceForUpload } from "./ingest";

// The uploads inbox: what Pruvan sent that matched no work order (match "unmatched").
// Staff assign an item to an order (it joins that order's work results) or discard it
// (it leaves the inbox; the row and the file stay, and it can be put back).

export const INBOX_VIEWS = { waiting: "unmatched", discarded: "discarded" } as const;

/**
 * Why an item waits here although an order has its number (WorkItem.inboxReason); null
 * when no order of its integration has it.
 */
export const INBOX_REASONS = {
  "order-deleted": {
    label: "Order deleted",
    text: "The order with this number was deleted here. Pruvan relays what was queued for a deleted order; discard this unless it belongs to another order.",
  },
} as const;
export type InboxReason = keyof typeof INBOX_REASONS;
export type InboxView = keyof typeof INBOX_VIEWS;

const itemId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown upload.");
export const inboxItemSchema = z.object({ itemId });
export const assignItemSchema = z.object({
  itemId,
  workOrderNumber: z.string().trim().min(1, "Enter the work order number.").max(100, "That is longer than any work order number."),
});
export type AssignItemInput = z.infer<typeof assignItemSchema>;

export const inboxQuerySchema = z.object({
  view: z.enum(["waiting", "discarded"]).catch("waiting"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const PAGE_SIZE = 50;

const inboxSelect = {
  id: true,
  uuId: true,
  fileType: true,
  evidenceType: true,
  key2: true,
  key4: true,
  receivedAt: true,
  discardedAt: true,
  fileSize: true,
  contentType: true,
  storagePath: true,
  createdBy: true,
  createdBySubUser: true,
  notes: true,
  inboxReason: true,
  version: true,
  integration: { select: { username: true } },
} satisfies Prisma.WorkItemSelect;

type InboxRow = Prisma.WorkItemGetPayload<{ select: typeof inboxSelect }>;
export type InboxItem = Omit<InboxRow, "storagePath" | "integration" | "inboxReason"> & {
  integration: string | null;
  hasFile: boolean;
  /** Why it is here although an order has its number; null when no order has it. */
  inboxReason: { label: string; text: string } | null;
  /** The order number key2 names, without the "{clientCode}::" Pruvan may put before it. */
  suggestedOrderNumber: string;
};

/** One page of the inbox, newest first, with how many wait in each view. */
export async function listInbox(query: z.infer<typeof inboxQuerySchema>) {
  const where = { match: INBOX_VIEWS[query.view] } as const;
  const [waiting, discarded] = await Promise.all([
    db().workItem.count({ where: { match: "unmatched" } }),
    db().workItem.count({ where: { match: "discarded" } }),
  ]);
  const total = query.view === "waiting" ? waiting : discarded;
  const { skip, take, ...window } = pageWindow(total, query.page, PAGE_SIZE);
  const rows = await db().workItem.findMany({ where, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], skip, take, select: inboxSelect });
  return { items: rows.map(toInboxItem), counts: { waiting, discarded }, total, ...window };
}

function toInboxItem({ storagePath, integration, inboxReason, ...row }: InboxRow): InboxItem {
  return {
    ...row,
    integration: integration?.username ?? null,
    hasFile: storagePath !== null,
    inboxReason: inboxReason ? (INBOX_REASONS[inboxReason as InboxReason] ?? { label: inboxReason, text: "" }) : null,
    suggestedOrderNumber: orderNumberCandidates(row.key2 ?? "").at(-1) ?? "",
  };
}

/** An item the inbox just handled, for the confirmation after the action. */
export function getInboxItem(id: string) {
  if (!itemId.safeParse(id).success) return null;
  return db().workItem.findUnique({
    where: { id },
    select: {
      id: true,
      fileType: true,
      match: true,
      key2: true,
      key4: true,
      workOrder: { select: { id: true, workOrderNumber: true } },
      service: { select: { serviceName: true } },
    },
  });
}

const matchWord = { matched: "already assigned to an order", discarded: "discarded", unmatched: "still in the inbox" } as const;

/** Why an item can no longer take the action the form asked for (someone else was faster). */
async function refuseHandled(id: string, expected: keyof typeof matchWord): Promise<never> {
  const item = await db().workItem.findUnique({ where: { id }, select: { match: true } });
  if (!item) throw new DomainError("This upload does not exist.");
  throw new DomainError(`This upload was ${matchWord[item.match]} meanwhile${item.match === expected ? "" : "; reload the inbox"}.`);
}

/**
 * Assigns an unmatched item to the order with that number: it becomes matched, linked to
 * the order and to the service its task names (key3/key4, the ingest's rule). Refused for
 * an unknown or deleted order and for an order of another Pruvan account: as in the
 * ingest, another customer's photos never land on this order.
 */
export async function assignItemToOrder(input: AssignItemInput, now = new Date()) {
  const { itemId: id, workOrderNumber } = assignItemSchema.parse(input);
  return db().$transaction(async (tx) => {
    const [item, order] = await Promise.all([
      tx.workItem.findUnique({
        where: { id },
        select: { match: true, key3: true, key4: true, integrationId: true, integration: { select: { username: true } } },
      }),
      tx.workOrder.findUnique({
        where: { workOrderNumber },
        select: {
          id: true,
          workOrderNumber: true,
          integrationId: true,
          deletedAt: true,
          integration: { select: { username: true } },
          services: { select: { id: true, serviceName: true, pruvanTaskId: true } },
        },
      }),
    ]);
    if (!item) throw new DomainError("This upload does not exist.");
    if (item.match !== "unmatched") await refuseHandled(id, "unmatched");
    const field = (message: string) => new DomainError(message, { workOrderNumber: [message] });
    if (!order) throw field(`No work order has the number "${workOrderNumber}".`);
    if (order.deletedAt) throw field(`Work order ${order.workOrderNumber} was deleted.`);
    if (item.integrationId && item.integrationId !== order.integrationId) {
      throw field(
        `This upload came from the Pruvan account "${item.integration?.username}"; order ${order.workOrderNumber} belongs to "${order.integration.username}".`,
      );
    }
    const service = serviceForUpload(order.services, item.key3, item.key4);
    const { count } = await tx.workItem.updateMany({
      where: { id, match: "unmatched" },
      data: {
        match: "matched",
        workOrderId: order.id,
        serviceId: service?.id ?? null,
        integrationId: order.integrationId,
        assignedAt: now,
        inboxReason: null,
      },
    });
    if (count !== 1) await refuseHandled(id, "unmatched");
    // As the ingest does: remember Pruvan's task id so later uploads of the task match by it.
    if (service && item.key3 && service.pruvanTaskId !== item.key3) {
      await tx.service.update({ where: { id: service.id }, data: { pruvanTaskId: item.key3 } });
    }
    return { orderId: order.id, workOrderNumber: order.workOrderNumber, serviceName: service?.serviceName ?? null };
  });
}

/** Takes an unmatched item out of the inbox; the row and its file are kept. */
export async function discardItem(input: z.infer<typeof inboxItemSchema>, now = new Date()) {
  const { itemId: id } = inboxItemSchema.parse(input);
  const { count } = await db().workItem.updateMany({ where: { id, match: "unmatched" }, data: { match: "discarded", discardedAt: now } });
  if (count !== 1) await refuseHandled(id, "discarded");
}

/** Puts a discarded item back in the inbox. */
export async function restoreItem(input: z.infer<typeof inboxItemSchema>) {
  const { itemId: id } = inboxItemSchema.parse(input);
  const { count } = await db().workItem.updateMany({ where: { id, match: "discarded" }, data: { match: "unmatched", discardedAt: null } });
  if (count !== 1) await refuseHandled(id, "unmatched");
}
