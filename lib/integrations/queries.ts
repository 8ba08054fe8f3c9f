import { db } from "@/lib/db";

export function listIntegrations() {
  return db().integration.findMany({
    orderBy: { username: "asc" },
    select: {
      id: true,
      username: true,
      name: true,
      mode: true,
      autoAdmin: true,
      clientCode: true,
      validatedAt: true,
      lastPullAt: true,
      lastPushAt: true,
      lastError: true,
      disabledAt: true,
      pushKeyUrl: true,
      apiKeys: { where: { revokedAt: null }, select: { prefix: true, createdAt: true, lastUsedAt: true } },
      _count: { select: { workOrders: true } },
    },
  });
}
