import { db, type PruvanStatus } from "@/lib/db";
import { startOfDayUtc } from "@/lib/orders/list-filters";
import { overdueWhere } from "@/lib/orders/list";

// What the dashboard counts. Each figure has a filtered list behind it (ordersHref in lib/orders/list-filters).

export type StatusCount = { value: PruvanStatus | null; count: number };
export type ClientStatusCount = { value: string | null; count: number };
export type IntegrationAttention = { id: string; username: string; name: string; validatedAt: Date | null; lastError: string | null };

export type DashboardSummary = {
  openOrders: number;
  byStatus: StatusCount[];
  byPruvanStatus: StatusCount[];
  byClientStatus: ClientStatusCount[];
  overdue: number;
  uploadsToday: number;
  unmatchedWaiting: number;
  deadPushes: number;
  integrationsNeedingAttention: IntegrationAttention[];
};

const live = { deletedAt: null };
/** Most first; equal counts by value, "not set" first, so the order never shifts between loads. */
const byCount = <T extends { count: number; value: string | null }>(a: T, b: T) =>
  b.count - a.count || (a.value ?? "").localeCompare(b.value ?? "");

/** All dashboard figures, read in parallel. "Today" is the UTC day, as the portal shows dates. */
export async function dashboardSummary(now = new Date()): Promise<DashboardSummary> {
  const [byStatus, byPruvanStatus, byClientStatus, overdue, uploadsToday, unmatchedWaiting, deadPushes, integrations] = await Promise.all([
    db().workOrder.groupBy({ by: ["status"], where: live, _count: { _all: true } }),
    db().workOrder.groupBy({ by: ["pruvanStatus"], where: live, _count: { _all: true } }),
    db().workOrder.groupBy({ by: ["clientStatus"], where: live, _count: { _all: true } }),
    db().workOrder.count({ where: overdueWhere(now) }),
    db().workItem.count({ where: { receivedAt: { gte: startOfDayUtc(now) } } }),
    db().workItem.count({ where: { match: "unmatched" } }),
    db().pushJob.count({ where: { state: "dead" } }),
    db().integration.findMany({
      where: { disabledAt: null, OR: [{ validatedAt: null }, { lastError: { not: null } }] },
      orderBy: { username: "asc" },
      select: { id: true, username: true, name: true, validatedAt: true, lastError: true },
    }),
  ]);
  return {
    openOrders: byStatus.reduce((sum, r) => sum + r._count._all, 0),
    byStatus: byStatus.map((r) => ({ value: r.status, count: r._count._all })).sort(byCount),
    byPruvanStatus: byPruvanStatus.map((r) => ({ value: r.pruvanStatus, count: r._count._all })).sort(byCount),
    byClientStatus: byClientStatus.map((r) => ({ value: r.clientStatus, count: r._count._all })).sort(byCount),
    overdue,
    uploadsToday,
    unmatchedWaiting,
    deadPushes,
    integrationsNeedingAttention: integrations,
  };
}
