import { db, type PruvanStatus } from "@/lib/db";

export function listStatusMappings() {
  return db().statusMapping.findMany({ orderBy: { clientStatus: "asc" } });
}

/** clientStatus -> Pruvan status (null = "not set"), as the order serializer reads it. */
export async function loadStatusMap(): Promise<Map<string, PruvanStatus | null>> {
  const rows = await db().statusMapping.findMany({ select: { clientStatus: true, pruvanStatus: true } });
  return new Map(rows.map((r) => [r.clientStatus, r.pruvanStatus]));
}
