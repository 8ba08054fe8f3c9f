import { db } from "@/lib/db";

export function listStatusMappings() {
  return db().statusMapping.findMany({ orderBy: { clientStatus: "asc" } });
}
