import { z } from "zod";
import { db, type StatusMapping } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { checkboxField } from "@/lib/form-fields";
import { parse } from "@/lib/errors";
import { checkMappingStatus, PRUVAN_STATUSES } from "@/lib/pruvan/statuses";
import { clientStatusesChanged, resendMappedOrders, type MappedOrdersChange } from "./repush";

// The Status mapping table: the office's client statuses -> a Pruvan status or "not set".
// Every change passes checkMappingStatus (remote-fields-and-statuses.txt); a refusal says
// the rule. A change that moves the Pruvan status of orders sends them again (repush.ts).
// The admin page and the CLI call these.

export const statusMappingInputSchema = z.object({
  clientStatus: z.string({ error: "is required" }).trim().min(1, "is required").max(100, "must be at most 100 characters"),
  pruvanStatus: z.preprocess(
    (v) => (v === undefined || v === null || v === "" || v === "none" || v === "not set" ? null : v),
    z.enum(PRUVAN_STATUSES, { error: `must be one of ${PRUVAN_STATUSES.join(", ")}, or empty for "not set"` }).nullable(),
  ),
  note: z.preprocess((v) => (v === "" ? null : v), z.string().trim().max(500, "must be at most 500 characters").nullable().optional()),
  /** Pruvan's rule: mapping to "deleted" needs an explicit confirmation. */
  confirmDelete: checkboxField.optional(),
});
export type StatusMappingInput = z.input<typeof statusMappingInputSchema>;

export type StatusMappingChange = { mapping: StatusMapping; rule: string | null } & MappedOrdersChange;

export async function createStatusMapping(input: StatusMappingInput): Promise<StatusMappingChange> {
  const data = checked(input);
  await refuseDuplicate(data.clientStatus, null);
  return db().$transaction(async (tx) => {
    const mapping = await tx.statusMapping.create({
      data: { clientStatus: data.clientStatus, pruvanStatus: data.pruvanStatus, note: data.note ?? null },
    });
    const resent = await resendMappedOrders(tx, clientStatusesChanged([], [mapping]));
    return { mapping, rule: data.rule, ...resent };
  });
}

export async function updateStatusMapping(id: string, input: StatusMappingInput): Promise<StatusMappingChange> {
  const data = checked(input);
  const before = await mappingById(id);
  await refuseDuplicate(data.clientStatus, id);
  return db().$transaction(async (tx) => {
    const mapping = await tx.statusMapping.update({
      where: { id },
      data: { clientStatus: data.clientStatus, pruvanStatus: data.pruvanStatus, ...(data.note !== undefined ? { note: data.note } : {}) },
    });
    const resent = await resendMappedOrders(tx, clientStatusesChanged([before], [mapping]));
    return { mapping, rule: data.rule, ...resent };
  });
}

/** Create or change the mapping of a client status (the CLI's `status-mapping:set`). */
export async function setStatusMapping(input: StatusMappingInput): Promise<StatusMappingChange> {
  const clientStatus = typeof input.clientStatus === "string" ? input.clientStatus.trim() : "";
  const existing = await db().statusMapping.findUnique({ where: { clientStatus }, select: { id: true } });
  return existing ? updateStatusMapping(existing.id, input) : createStatusMapping(input);
}

export async function deleteStatusMapping(id: string): Promise<{ deleted: string } & MappedOrdersChange> {
  const mapping = await mappingById(id);
  return db().$transaction(async (tx) => {
    await tx.statusMapping.delete({ where: { id } });
    const resent = await resendMappedOrders(tx, clientStatusesChanged([mapping], []));
    return { deleted: mapping.clientStatus, ...resent };
  });
}

function checked(input: StatusMappingInput) {
  const data = parse(statusMappingInputSchema, input);
  const verdict = checkMappingStatus(data.pruvanStatus, { confirmDelete: data.confirmDelete });
  if (!verdict.ok) throw new DomainError(`pruvanStatus: ${verdict.reason}`, { pruvanStatus: [verdict.reason] });
  return { ...data, rule: verdict.note ?? null };
}

async function mappingById(id: string): Promise<StatusMapping> {
  const mapping = await db().statusMapping.findUnique({ where: { id } });
  if (!mapping) throw new DomainError("No such status mapping.");
  return mapping;
}

/** One mapping per client status, whatever its case: near-twins ("Rush order", "Rush Order") only confuse. */
async function refuseDuplicate(clientStatus: string, exceptId: string | null) {
  const all = await db().statusMapping.findMany({ select: { id: true, clientStatus: true } });
  const clash = all.find((m) => m.id !== exceptId && m.clientStatus.toLowerCase() === clientStatus.toLowerCase());
  if (clash) throw new DomainError(`clientStatus: "${clash.clientStatus}" is already mapped`, { clientStatus: ["is already mapped"] });
}
