import { db, Prisma, type Role, type Tx } from "@/lib/db";
import { DomainError, describeZodError } from "@/lib/errors";
import { recordStatusEvent, statusMoved } from "@/lib/orders/status-events";
import { enqueuePush } from "@/lib/push/outbox";
import { maySetStatus } from "@/lib/pruvan/statuses";
import { loadStatusMap } from "@/lib/status-mapping/queries";
import type { z } from "zod";
import { planCreate, planDelete, planUpdate, type CurrentOrder, type OrderIntegration, type OrderPlan } from "./plan";
import { orderCreateInputSchema, workOrderUpdateSchema, type OrderCreateInput, type OrderUpdateInput } from "./schemas";

// Creating, changing and deleting orders: one module for pages, CLI and import. Each change
// is planned first (reads and rules, nothing written), then written in one short
// transaction together with its status history and its push jobs (the outbox).

/** Who made a change: kept on the status history. */
export type OrderActor = {
  source: "portal" | "import" | "cli";
  actor: string; // staff email, "cli"
  userId?: string | null;
  role?: Role | null;
};

export type OrderChange = {
  id: string;
  workOrderNumber: string;
  action: OrderPlan["action"];
  warnings: string[];
  pushJobs: number;
};

export async function createOrder(input: OrderCreateInput, actor: OrderActor): Promise<OrderChange> {
  const { integrationId, ...order } = parse(orderCreateInputSchema, input);
  const [integration, mapping] = await Promise.all([loadOrderIntegration(integrationId), loadStatusMap()]);
  await refuseTakenNumber(order.workOrderNumber);
  return applyPlan(planCreate(order, integration, mapping), actor);
}

/** Changes an order; `confirmDelete` lets a status of "deleted" through (Pruvan's rule). */
export async function updateOrder(
  id: string,
  input: OrderUpdateInput,
  actor: OrderActor,
  opts: { confirmDelete?: boolean } = {},
): Promise<OrderChange> {
  const change = parse(workOrderUpdateSchema, input);
  return withFreshOrder(id, (order, integration, mapping) => planUpdate(order, change, integration, mapping, opts), actor);
}

/** Marks the order deleted (kept for history) and tells Pruvan. Needs explicit confirmation. */
export async function deleteOrder(id: string, actor: OrderActor, opts: { confirm?: boolean } = {}): Promise<OrderChange> {
  if (opts.confirm !== true) {
    throw new DomainError('Deleting sets the Pruvan status "deleted", which removes the order from Pruvan. Confirm it explicitly to proceed.', {
      confirm: ["confirm the deletion"],
    });
  }
  return withFreshOrder(id, (order, integration, mapping) => planDelete(order, integration, mapping), actor);
}

/**
 * Admins only: one push of this order with `force: true`, which makes Pruvan take fields
 * it otherwise ignores from this integration (assignedTo, status, dueDate, instructions,
 * description, reference). Overwrites what the Pruvan user set.
 */
export async function forcePush(orderId: string, actor: OrderActor): Promise<{ queued: number; warning: string }> {
  if (actor.role !== "admin" && actor.source !== "cli") throw new DomainError("Only admins can force a push.");
  const order = await db().workOrder.findUnique({ where: { id: orderId }, select: { integrationId: true, workOrderNumber: true } });
  if (!order) throw new DomainError("No such order.");
  const integration = await db().integration.findUniqueOrThrow({ where: { id: order.integrationId } });
  if (!integration.pushKeyUrl) {
    throw new DomainError(`Integration ${integration.username} has no push key yet: Pruvan has not validated it, so nothing can be pushed.`);
  }
  const queued = await db().$transaction((tx) =>
    enqueuePush(tx, { integrationId: order.integrationId, workOrderIds: [orderId], force: true }),
  );
  const ignored = maySetStatus(integration) ? "assignedTo, description and reference" : "assignedTo, status, dueDate, instructions, description and reference";
  return {
    queued,
    warning: `Force push of ${order.workOrderNumber}: Pruvan takes ${ignored} from this push even though a ${integration.mode} integration normally may not set them, overwriting what the Pruvan user set.`,
  };
}

// --- Shared with the import -------------------------------------------------------------------

export const ORDER_INTEGRATION_SELECT = { id: true, username: true, mode: true, autoAdmin: true } as const;

export async function loadOrderIntegration(idOrUsername: string): Promise<OrderIntegration> {
  const integration = await db().integration.findFirst({
    where: { OR: [{ id: idOrUsername }, { username: idOrUsername }] },
    select: ORDER_INTEGRATION_SELECT,
  });
  if (!integration) throw new DomainError(`No integration "${idOrUsername}".`, { integrationId: ["is not a known integration"] });
  return integration;
}

export function loadCurrentOrder(where: { id: string } | { workOrderNumber: string }): Promise<CurrentOrder | null> {
  return db().workOrder.findUnique({ where, include: { services: { orderBy: { position: "asc" } } } });
}

/** Many orders by number in one query (an import's chunk). */
export async function loadOrdersByNumber(numbers: string[]): Promise<Map<string, CurrentOrder>> {
  const orders = await db().workOrder.findMany({
    where: { workOrderNumber: { in: numbers } },
    include: { services: { orderBy: { position: "asc" } } },
  });
  return new Map(orders.map((o) => [o.workOrderNumber, o]));
}

export async function refuseTakenNumber(workOrderNumber: string): Promise<void> {
  const taken = await db().workOrder.findUnique({ where: { workOrderNumber }, select: { deletedAt: true } });
  if (taken) {
    const why = taken.deletedAt ? "belongs to a deleted order" : "already exists";
    throw new DomainError(`workOrderNumber: "${workOrderNumber}" ${why} (Pruvan rejects duplicates)`, { workOrderNumber: [why] });
  }
}

/** A refusal naming each field and rule, from a zod error. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const { message, fieldErrors } = describeZodError(parsed.error);
    throw new DomainError(message, fieldErrors);
  }
  return parsed.data;
}

/** Someone else changed the order between plan and write. */
class StaleOrderError extends Error {}

async function withFreshOrder(
  id: string,
  plan: (order: CurrentOrder, integration: OrderIntegration, mapping: Awaited<ReturnType<typeof loadStatusMap>>) => OrderPlan,
  actor: OrderActor,
): Promise<OrderChange> {
  for (let attempt = 0; ; attempt++) {
    const order = await loadCurrentOrder({ id });
    if (!order) throw new DomainError("No such order.");
    const [integration, mapping] = await Promise.all([loadOrderIntegration(order.integrationId), loadStatusMap()]);
    try {
      return await applyPlan(plan(order, integration, mapping), actor);
    } catch (err) {
      if (!(err instanceof StaleOrderError) || attempt >= 2) throw err;
    }
  }
}

/**
 * Writes a plan: the order, its services, a StatusEvent when status or clientStatus
 * moved, and one push job per step, all in one transaction. Every rule was checked by
 * the plan, so the transaction only writes.
 */
export async function applyPlan(plan: OrderPlan, actor: OrderActor): Promise<OrderChange> {
  if (plan.action === "unchanged") {
    return { id: plan.current!.id, workOrderNumber: plan.workOrderNumber, action: plan.action, warnings: plan.warnings, pushJobs: 0 };
  }
  try {
    const { id, pushJobs } = await db().$transaction((tx) => writePlan(tx, plan, actor));
    return { id, workOrderNumber: plan.workOrderNumber, action: plan.action, warnings: plan.warnings, pushJobs };
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new DomainError(`workOrderNumber: "${plan.workOrderNumber}" already exists (Pruvan rejects duplicates)`, { workOrderNumber: ["already exists"] });
    }
    throw err;
  }
}

/**
 * Writes many plans in one transaction (an import's chunk): one commit instead of one per
 * order. All or nothing: on any error the caller falls back to applyPlan per plan.
 */
export async function applyPlans(plans: OrderPlan[], actor: OrderActor): Promise<OrderChange[]> {
  const writes = plans.filter((p) => p.action !== "unchanged");
  const written = await db().$transaction(async (tx) => {
    const out = new Map<OrderPlan, { id: string; pushJobs: number }>();
    for (const plan of writes) out.set(plan, await writePlan(tx, plan, actor));
    return out;
  }, { timeout: 60_000 });
  return plans.map((plan) => {
    const w = written.get(plan);
    return { id: w?.id ?? plan.current!.id, workOrderNumber: plan.workOrderNumber, action: plan.action, warnings: plan.warnings, pushJobs: w?.pushJobs ?? 0 };
  });
}

async function writePlan(tx: Tx, plan: OrderPlan, actor: OrderActor): Promise<{ id: string; pushJobs: number }> {
  const columns = withJsonNulls(plan.columns);
  let id: string;
  if (plan.action === "created") {
    const created = await tx.workOrder.create({
      data: { ...(columns as Prisma.WorkOrderUncheckedCreateInput), integrationId: plan.integration.id, createdById: actor.userId ?? null },
      select: { id: true },
    });
    id = created.id;
  } else {
    const current = plan.current!;
    id = current.id;
    // Services alone also move updatedAt: getWorkOrders' incremental pull reads it.
    const { count } = await tx.workOrder.updateMany({ where: { id, updatedAt: current.updatedAt }, data: { ...columns, updatedAt: new Date() } });
    if (count === 0) throw new StaleOrderError();
  }
  if (plan.services) {
    const { create, update, remove } = plan.services;
    if (remove.length > 0) await tx.service.deleteMany({ where: { id: { in: remove }, workOrderId: id } });
    for (const u of update) await tx.service.update({ where: { id: u.id }, data: withJsonNulls(u.data) });
    if (create.length > 0) {
      await tx.service.createMany({ data: create.map((c) => ({ ...(withJsonNulls(c) as Prisma.ServiceCreateManyInput), workOrderId: id })) });
    }
  }
  const change = {
    workOrderId: id,
    source: actor.source,
    actor: actor.actor,
    actorUserId: actor.userId ?? null,
    fromStatus: plan.current?.status ?? null,
    toStatus: "status" in plan.columns ? (plan.columns.status as CurrentOrder["status"]) : (plan.current?.status ?? null),
    fromClientStatus: plan.current?.clientStatus ?? null,
    toClientStatus: "clientStatus" in plan.columns ? (plan.columns.clientStatus as string | null) : (plan.current?.clientStatus ?? null),
    note: plan.action === "created" ? "Order created" : plan.action === "deleted" ? "Order deleted" : null,
  };
  if (statusMoved(change)) await recordStatusEvent(tx, change);
  let pushJobs = 0;
  for (const step of plan.pushSteps) {
    pushJobs += await enqueuePush(tx, {
      integrationId: plan.integration.id,
      workOrderIds: [id],
      kind: plan.action === "deleted" ? "delete" : "upsert",
      omitServices: step.omitServices,
    });
  }
  return { id, pushJobs };
}

/** Prisma writes SQL NULL into a Json column only when told so explicitly. */
function withJsonNulls<T extends Record<string, unknown>>(columns: T): T {
  return ("options" in columns && columns.options === null ? { ...columns, options: Prisma.DbNull } : columns) as T;
}
