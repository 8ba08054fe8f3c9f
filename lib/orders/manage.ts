import { db, Prisma, type Tx } from "@/lib/db";
import { DomainError, parse } from "@/lib/errors";
import { requireIntegration } from "@/lib/integrations/queries";
import { recordStatusEvents, statusMoved, type StatusChange } from "@/lib/orders/status-events";
import { enqueuePush } from "@/lib/push/outbox";
import { serializeWorkOrder } from "@/lib/pruvan/work-order-wire";
import { loadStatusMap } from "@/lib/status-mapping/queries";
import { z } from "zod";
import { planCreate, planDelete, planUpdate, type CurrentOrder, type OrderIntegration, type OrderPlan } from "./plan";
import { orderCreateInputSchema, workOrderUpdateSchema, type OrderCreateInput, type OrderUpdateInput } from "./schemas";

// Creating, changing and deleting orders: one module for pages, CLI and import. Each change
// is planned first (reads and rules, nothing written), then written in one short
// transaction together with its status history and its push jobs (the outbox).

/** Who made a change: kept on the status history. */
export const orderActorSchema = z.object({
  source: z.enum(["portal", "import", "cli"]),
  actor: z.string(), // staff email, "cli"
  userId: z.string().nullish(),
  role: z.enum(["admin", "staff"]).nullish(),
});
export type OrderActor = z.infer<typeof orderActorSchema>;

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
    throw new DomainError(
      'Deleting sets the Pruvan status "deleted", which removes the order from Pruvan. Confirm it explicitly to proceed.',
      {
        confirm: ["confirm the deletion"],
      },
    );
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
  const order = await loadCurrentOrder({ id: orderId });
  if (!order) throw new DomainError("No such order.");
  const [integration, mapping] = await Promise.all([
    db().integration.findUniqueOrThrow({ where: { id: order.integrationId } }),
    loadStatusMap(),
  ]);
  if (!integration.pushKeyUrl) {
    throw new DomainError(
      `Integration ${integration.username} has no push key yet: Pruvan has not validated it, so nothing can be pushed.`,
    );
  }
  const queued = await db().$transaction((tx) =>
    enqueuePush(tx, { integrationId: order.integrationId, workOrderIds: [orderId], force: true }),
  );
  // What force adds, asked of the serializer (the one place that knows the mode's fields).
  const ctx = { mode: integration.mode, autoAdmin: integration.autoAdmin, mapping };
  const usual = serializeWorkOrder(order, ctx) ?? {};
  const extra = Object.keys(serializeWorkOrder(order, { ...ctx, force: true }) ?? {}).filter((k) => k !== "force" && !(k in usual));
  return {
    queued,
    warning: extra.length
      ? `Force push of ${order.workOrderNumber}: Pruvan takes ${extra.join(", ")} from this push, which it otherwise ignores from this integration, overwriting what the Pruvan user set.`
      : `Force push of ${order.workOrderNumber}: this order has no field Pruvan would otherwise ignore; it is sent as usual, marked force.`,
  };
}

// --- Shared with the import -------------------------------------------------------------------

export const ORDER_INTEGRATION_SELECT = { id: true, username: true, mode: true, autoAdmin: true, pushKeyUrl: true } as const;

export function loadOrderIntegration(idOrUsername: string): Promise<OrderIntegration> {
  return requireIntegration(idOrUsername, ORDER_INTEGRATION_SELECT);
}

export function loadCurrentOrder(where: { id: string } | { workOrderNumber: string }): Promise<CurrentOrder | null> {
  return db().workOrder.findUnique({
    where,
    include: { services: { orderBy: { position: "asc" } }, pruvanReceived: { select: { record: true } } },
  });
}

/** Many orders by number in one query (an import's chunk). */
export async function loadOrdersByNumber(numbers: string[]): Promise<Map<string, CurrentOrder>> {
  const orders = await db().workOrder.findMany({
    where: { workOrderNumber: { in: numbers } },
    include: { services: { orderBy: { position: "asc" } }, pruvanReceived: { select: { record: true } } },
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
  try {
    const [change] = await applyPlans([plan], actor);
    return change!;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new DomainError(`workOrderNumber: "${plan.workOrderNumber}" already exists (Pruvan rejects duplicates)`, {
        workOrderNumber: ["already exists"],
      });
    }
    throw err;
  }
}

/**
 * Writes many plans in one transaction (an import's chunk): one commit, and the history
 * and push jobs of all of them in a few statements. All or nothing.
 */
export async function applyPlans(plans: OrderPlan[], actor: OrderActor): Promise<OrderChange[]> {
  const writes = plans.filter((p) => p.action !== "unchanged");
  const ids = new Map<OrderPlan, string>();
  const pushed = new Set<OrderPlan>();
  if (writes.length > 0) {
    await db().$transaction(
      async (tx) => {
        for (const [plan, id] of await createOrders(
          tx,
          writes.filter((p) => p.action === "created"),
          actor,
        ))
          ids.set(plan, id);
        for (const plan of writes.filter((p) => p.action !== "created")) ids.set(plan, await updateOrderRow(tx, plan));
        await recordStatusEvents(tx, writes.map((p) => statusChange(p, ids.get(p)!, actor)).filter(statusMoved));
        for (const plan of await writePushJobs(tx, writes, ids)) pushed.add(plan);
      },
      { timeout: 60_000 },
    );
  }
  return plans.map((plan) => ({
    id: ids.get(plan) ?? plan.current!.id,
    workOrderNumber: plan.workOrderNumber,
    action: plan.action,
    warnings: plan.warnings,
    pushJobs: pushed.has(plan) ? plan.pushSteps.length : 0,
  }));
}

/** New orders and their services: two statements for any number of them. */
async function createOrders(tx: Tx, plans: OrderPlan[], actor: OrderActor): Promise<Map<OrderPlan, string>> {
  if (plans.length === 0) return new Map();
  const rows = await tx.workOrder.createManyAndReturn({
    data: plans.map((plan) => ({
      ...(withJsonNulls(plan.columns) as Prisma.WorkOrderCreateManyInput),
      integrationId: plan.integration.id,
      createdById: actor.userId ?? null,
    })),
    select: { id: true, workOrderNumber: true },
  });
  const idOf = new Map(rows.map((r) => [r.workOrderNumber, r.id]));
  const ids = new Map(plans.map((plan) => [plan, idOf.get(plan.workOrderNumber)!]));
  await tx.service.createMany({
    data: plans.flatMap((plan) =>
      (plan.services?.create ?? []).map((c) => ({ ...(withJsonNulls(c) as Prisma.ServiceCreateManyInput), workOrderId: ids.get(plan)! })),
    ),
  });
  return ids;
}

async function updateOrderRow(tx: Tx, plan: OrderPlan): Promise<string> {
  const current = plan.current!;
  // Services alone also move updatedAt: getWorkOrders' incremental pull reads it.
  const { count } = await tx.workOrder.updateMany({
    where: { id: current.id, updatedAt: current.updatedAt },
    data: { ...withJsonNulls(plan.columns), updatedAt: new Date() },
  });
  if (count === 0) throw new StaleOrderError();
  const services = plan.services;
  if (services) {
    if (services.remove.length > 0) await tx.service.deleteMany({ where: { id: { in: services.remove }, workOrderId: current.id } });
    for (const u of services.update) await tx.service.update({ where: { id: u.id }, data: withJsonNulls(u.data) });
    if (services.create.length > 0) {
      await tx.service.createMany({
        data: services.create.map((c) => ({ ...(withJsonNulls(c) as Prisma.ServiceCreateManyInput), workOrderId: current.id })),
      });
    }
  }
  return current.id;
}

function statusChange(plan: OrderPlan, workOrderId: string, actor: OrderActor): StatusChange {
  const to = <K extends "status" | "clientStatus">(key: K) =>
    (key in plan.columns ? plan.columns[key] : plan.current?.[key]) as CurrentOrder[K] | undefined;
  return {
    workOrderId,
    source: actor.source,
    actor: actor.actor,
    actorUserId: actor.userId ?? null,
    fromStatus: plan.current?.status ?? null,
    toStatus: to("status") ?? null,
    fromClientStatus: plan.current?.clientStatus ?? null,
    toClientStatus: to("clientStatus") ?? null,
    note: plan.action === "created" ? "Order created" : plan.action === "deleted" ? "Order deleted" : null,
  };
}

/**
 * The outbox rows of the written plans. Steps that leave services out (step one of a
 * survey change) are written first, so each comes before its order's second step.
 * Returns the plans that got jobs (those of integrations with a push key).
 */
async function writePushJobs(tx: Tx, plans: OrderPlan[], ids: Map<OrderPlan, string>): Promise<OrderPlan[]> {
  const pushed: OrderPlan[] = [];
  for (const plan of plans) {
    for (const step of plan.pushSteps.filter((s) => s.omitServices)) {
      await enqueuePush(tx, { integrationId: plan.integration.id, workOrderIds: [ids.get(plan)!], omitServices: step.omitServices });
    }
  }
  const groups = new Map<string, OrderPlan[]>();
  for (const plan of plans) {
    const key = `${plan.integration.id} ${plan.action === "deleted" ? "delete" : "upsert"}`;
    groups.set(key, [...(groups.get(key) ?? []), plan]);
  }
  for (const [key, group] of groups) {
    const [integrationId, kind] = key.split(" ") as [string, "delete" | "upsert"];
    const workOrderIds = group.filter((p) => p.pushSteps.some((s) => !s.omitServices)).map((p) => ids.get(p)!);
    if ((await enqueuePush(tx, { integrationId, workOrderIds, kind })) > 0) pushed.push(...group);
  }
  return pushed;
}

/** Prisma writes SQL NULL into a Json column only when told so explicitly. */
function withJsonNulls<T extends Record<string, unknown>>(columns: T): T {
  return ("options" in columns && columns.options === null ? { ...columns, options: Prisma.DbNull } : columns) as T;
}
