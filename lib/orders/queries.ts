import { db } from "@/lib/db";

/** The newest orders first, one page at a time. */
export async function listOrders({ page = 1, pageSize = 50 }: { page?: number; pageSize?: number } = {}) {
  const where = { deletedAt: null };
  const [total, rows] = await Promise.all([
    db().workOrder.count({ where }),
    db().workOrder.findMany({
      where,
      orderBy: { createdAt: "desc" },
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        workOrderNumber: true,
        address1: true,
        city: true,
        state: true,
        zip: true,
        status: true,
        clientStatus: true,
        dueDate: true,
        integration: { select: { username: true } },
        _count: { select: { services: true, workItems: true } },
      },
    }),
  ]);
  return { total, rows };
}

export async function orderCountsByStatus() {
  const rows = await db().workOrder.groupBy({ by: ["status"], where: { deletedAt: null }, _count: { _all: true } });
  return rows.map((r) => ({ status: r.status, count: r._count._all }));
}
