import { db } from "@/lib/db";

/** Items Pruvan sent that matched no order: the uploads inbox. */
export function listUnmatchedWorkItems(take = 100) {
  return db().workItem.findMany({
    where: { match: "unmatched" },
    orderBy: { receivedAt: "desc" },
    take,
    select: { id: true, uuId: true, fileType: true, evidenceType: true, key2: true, key4: true, receivedAt: true, fileSize: true },
  });
}
