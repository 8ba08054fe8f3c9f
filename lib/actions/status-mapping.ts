"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import {
  createStatusMapping,
  deleteStatusMapping,
  statusMappingInputSchema,
  updateStatusMapping,
  type StatusMappingChange,
} from "@/lib/status-mapping/manage";
import type { MappedOrdersChange } from "@/lib/status-mapping/repush";

// The status mapping table (admins only). Every change passes the status rules; a
// refusal names the rule beside the Pruvan status field.

const done = (verb: string, change: StatusMappingChange) => {
  revalidatePath("/status-mapping");
  const to = change.mapping.pruvanStatus ?? "not set";
  return { ok: true, message: `${verb} "${change.mapping.clientStatus}" → ${to}.${change.rule ? ` ${change.rule}` : ""}${resent(change)}` };
};

/** What the change does to orders already in Pruvan, said after the mapping itself. */
function resent({ ordersChanged, pushesQueued }: MappedOrdersChange): string {
  if (ordersChanged === 0) return "";
  const orders = ordersChanged === 1 ? "1 order gets" : `${ordersChanged} orders get`;
  const how =
    pushesQueued === ordersChanged
      ? "queued for push to Pruvan"
      : pushesQueued > 0
        ? `${pushesQueued} queued for push, the others go with Pruvan's next pull`
        : "they go with Pruvan's next pull";
  return ` ${orders} a new Pruvan status from it: ${how}.`;
}

export const createMappingAction = formAction({ role: "admin", schema: statusMappingInputSchema }, async (input) =>
  done("Mapped", await createStatusMapping(input)),
);

export const updateMappingAction = formAction(
  { role: "admin", schema: statusMappingInputSchema.extend({ id: z.string({ error: "is required" }).min(1) }) },
  async ({ id, ...input }) => done("Saved", await updateStatusMapping(id, input)),
);

export const deleteMappingAction = formAction(
  { role: "admin", schema: z.object({ id: z.string({ error: "is required" }).min(1) }) },
  async ({ id }) => {
    const { deleted, ...change } = await deleteStatusMapping(id);
    revalidatePath("/status-mapping");
    return {
      ok: true,
      message: `Removed the mapping of "${deleted}": orders with that client status no longer get a Pruvan status from it.${resent(change)}`,
    };
  },
);
