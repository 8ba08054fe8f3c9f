import { z } from "zod";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { deleteStatusMapping, setStatusMapping } from "@/lib/status-mapping/manage";
import { listStatusMappings } from "@/lib/status-mapping/queries";
import { command } from "../command";

export const statusMappingCommands = [
  command({
    name: "status-mapping:list",
    summary: "Client statuses and the Pruvan status each sets",
    usage: "status-mapping:list",
    flags: z.object({}).strict(),
    run: async () =>
      (await listStatusMappings()).map((m) => ({ clientStatus: m.clientStatus, pruvanStatus: m.pruvanStatus ?? "not set", note: m.note })),
  }),
  command({
    name: "status-mapping:set",
    summary: "Map a client status to a Pruvan status (or none = not set), under Pruvan's rules",
    usage: "status-mapping:set --client-status S --pruvan-status STATUS|none [--note N] [--confirm-delete]",
    flags: z
      .object({
        clientStatus: z.string({ error: "is required" }),
        pruvanStatus: z.string({ error: "is required (a Pruvan status, or none)" }),
        note: z.string().optional(),
        confirmDelete: z.literal(true).optional(),
      })
      .strict(),
    run: (f) => setStatusMapping(f),
  }),
  command({
    name: "status-mapping:delete",
    summary: "Remove the mapping of a client status",
    usage: "status-mapping:delete --client-status S",
    flags: z.object({ clientStatus: z.string({ error: "is required" }) }).strict(),
    run: async (f) => {
      const mapping = await db().statusMapping.findUnique({ where: { clientStatus: f.clientStatus }, select: { id: true } });
      if (!mapping) throw new DomainError(`No mapping for "${f.clientStatus}".`);
      return deleteStatusMapping(mapping.id);
    },
  }),
];
