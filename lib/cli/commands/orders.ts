import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { deleteOrder, forcePush, loadOrderIntegration, type OrderActor } from "@/lib/orders/manage";
import { importFormatOf, importFormatSchema, importOrders } from "@/lib/orders/import";
import { runImportHere } from "@/lib/orders/import-job";
import { lastSentToPruvan } from "@/lib/orders/last-sent";
import { command, UsageError } from "../command";
import { terminalProgress } from "../progress";

const CLI: OrderActor = { source: "cli", actor: "cli" };
const flag = z.preprocess((v) => v === true || v === "true", z.boolean()).optional();
const number = z.string({ error: "is required" }).min(1, "is required");

export async function orderId(workOrderNumber: string): Promise<string> {
  const order = await db().workOrder.findUnique({ where: { workOrderNumber }, select: { id: true } });
  if (!order) throw new DomainError(`No order "${workOrderNumber}".`);
  return order.id;
}

export const orderCommands = [
  command({
    name: "orders:import",
    summary: 'Create or update orders from a {"workOrders":[...]} JSON or a CSV file',
    usage: "orders:import FILE --integration U [--format json|csv] [--dry-run] [--confirm-delete]",
    positional: "file",
    flags: z
      .object({
        file: z.string({ error: "is required (the file to import)" }),
        integration: z.string({ error: "is required (the integration's username)" }).min(1),
        format: importFormatSchema.optional(),
        dryRun: flag,
        confirmDelete: flag,
      })
      .strict(),
    run: async (f) => {
      const content = await readFile(f.file).catch((err: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${f.file}: ${err.code ?? err.message}`);
      });
      const format = f.format ?? importFormatOf(f.file, content);
      const actor: OrderActor = { source: "import", actor: "cli" };
      if (f.dryRun)
        return importOrders({ content, format, integration: f.integration, dryRun: true, confirmDelete: f.confirmDelete, actor });
      // Applied as a job of the integration's lane, like the Import page's: never beside another import of it.
      const integration = await loadOrderIntegration(f.integration);
      const input = {
        integrationId: integration.id,
        integration: integration.username,
        format,
        fileName: path.basename(f.file),
        confirmDelete: !!f.confirmDelete,
        actor,
      };
      const progress = terminalProgress("Importing", "rows");
      try {
        return await runImportHere(input, content, progress?.watch);
      } finally {
        progress?.end();
      }
    },
  }),
  command({
    name: "orders:list",
    summary: "List orders (newest first) with their status and push state",
    usage: "orders:list [--integration U] [--deleted] [--limit N]",
    flags: z
      .object({ integration: z.string().min(1).optional(), deleted: flag, limit: z.coerce.number().int().min(1).max(10_000).default(50) })
      .strict(),
    run: async (f) => {
      const integrationId = f.integration ? (await loadOrderIntegration(f.integration)).id : undefined;
      const rows = await db().workOrder.findMany({
        where: { integrationId, deletedAt: f.deleted ? { not: null } : null },
        orderBy: { createdAt: "desc" },
        take: f.limit,
        select: {
          workOrderNumber: true,
          status: true,
          clientStatus: true,
          city: true,
          lastSentAt: true,
          pushError: true,
          createdAt: true,
          deletedAt: true,
          integration: { select: { lastFullPullAt: true } },
          _count: { select: { services: true } },
        },
      });
      return rows.map(({ _count, integration, createdAt, ...r }) => ({
        ...r,
        lastSentAt: lastSentToPruvan({ ...r, createdAt }, integration.lastFullPullAt),
        services: _count.services,
      }));
    },
  }),
  command({
    name: "orders:delete",
    summary: 'Mark an order deleted and push status "deleted" to Pruvan',
    usage: "orders:delete NUMBER --confirm",
    positional: "workOrderNumber",
    flags: z.object({ workOrderNumber: number, confirm: flag }).strict(),
    run: async (f) => deleteOrder(await orderId(f.workOrderNumber), CLI, { confirm: f.confirm }),
  }),
  command({
    name: "orders:force-push",
    summary: "Push one order once with force: true (fields Pruvan otherwise ignores)",
    usage: "orders:force-push NUMBER",
    positional: "workOrderNumber",
    flags: z.object({ workOrderNumber: number }).strict(),
    run: async (f) => forcePush(await orderId(f.workOrderNumber), CLI),
  }),
];
