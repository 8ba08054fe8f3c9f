import { wireOrderSelect } from "@/lib/pruvan/work-order-wire";
import { db, type Prisma } from "@/lib/db";
import { pageWindow, type PagePosition } from "@/lib/paging";
import { CLOSED_OUT_STATUSES, NOT_SET, sortDir, startOfDayUtc, type OrderListQuery, type OrderSort, type SortDir } from "./list-filters";

// The orders list: one page of the filtered, sorted list, its total, and the same rows in
// list order for the CSV export. Every filter and sort is served by an index (see the
// migration 20261126030000_order_list_indexes and scripts/bench/orders-list.ts).

/**
 * A filtered query as a Prisma where clause; `now` decides what "overdue" means. Search
 * and "uploads since" first narrow to a list of orders when that list is short (see
 * narrowBySearch), so the page is read by key instead of by scanning the whole table.
 */
export async function orderListWhere(query: OrderListQuery, now = new Date()): Promise<Prisma.WorkOrderWhereInput> {
  const and: Prisma.WorkOrderWhereInput[] = [];
  if (!query.deleted) and.push({ deletedAt: null });
  if (query.status) and.push({ status: query.status === NOT_SET ? null : query.status });
  if (query.pruvan) and.push({ pruvanStatus: query.pruvan === NOT_SET ? null : query.pruvan });
  if (query.client) and.push({ clientStatus: query.client === NOT_SET ? null : query.client });
  if (query.integration) and.push({ integration: { username: query.integration } });
  if (query.dueAfter) and.push({ dueDate: { gte: startOfDayUtc(query.dueAfter) } });
  if (query.dueBefore) and.push({ dueDate: { lt: nextDay(query.dueBefore) } });
  if (query.overdue) and.push(overdueWhere(now));
  if (query.photos) and.push({ workItems: { some: { fileType: "picture", match: "matched" } } });
  if (query.uploadedSince) and.push(await narrowByUploads(startOfDayUtc(query.uploadedSince)));
  if (query.q) and.push(await narrowBySearch(query.q, { deletedAt: query.deleted ? undefined : null }));
  return { AND: and };
}

/**
 * Up to this many matches, a search or upload filter becomes a list of keys. Prisma
 * refuses more than 999 parameters in one SQLite statement, and compiling a long IN list
 * costs about 20 ms at 500.
 */
const NARROW_LIMIT = 500;

/**
 * Search: order number, address, city (anywhere in them) and zip (from its start), case
 * insensitive for ASCII (as SQLite's LIKE). A LIKE with a leading wildcard reads every row,
 * so the candidates are read first from one covering index; when there are few, the page
 * and the count then read just those orders. The candidates are checked again here because
 * Prisma passes % and _ in the text to LIKE as wildcards: "WO_1" must not find "WO-1".
 */
async function narrowBySearch(q: string, scope: Prisma.WorkOrderWhereInput): Promise<Prisma.WorkOrderWhereInput> {
  const like: Prisma.WorkOrderWhereInput = {
    OR: [{ workOrderNumber: { contains: q } }, { address1: { contains: q } }, { city: { contains: q } }, { zip: { startsWith: q } }],
  };
  const candidates = await db().workOrder.findMany({
    where: { ...scope, ...like },
    select: { workOrderNumber: true, address1: true, city: true, zip: true },
    take: NARROW_LIMIT + 1,
  });
  if (candidates.length > NARROW_LIMIT) return like; // many matches: the page finds its rows quickly by scanning
  const needle = foldAscii(q);
  const hits = candidates.filter(
    (o) =>
      [o.workOrderNumber, o.address1, o.city].some((field) => foldAscii(field).includes(needle)) || foldAscii(o.zip).startsWith(needle),
  );
  return { workOrderNumber: { in: hits.map((o) => o.workOrderNumber) } };
}

/** Lower-cases A-Z only, as SQLite's LIKE compares. */
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Orders that received matched uploads since a time, from the received-at index when few. */
async function narrowByUploads(since: Date): Promise<Prisma.WorkOrderWhereInput> {
  const items = await db().workItem.groupBy({
    by: ["workOrderId"],
    where: { match: "matched", receivedAt: { gte: since } },
    orderBy: { workOrderId: "asc" },
    take: NARROW_LIMIT + 1,
  });
  if (items.length > NARROW_LIMIT) return { workItems: { some: { match: "matched", receivedAt: { gte: since } } } };
  return { id: { in: items.flatMap((i) => (i.workOrderId ? [i.workOrderId] : [])) } };
}

/** Due before today and closed out neither by us nor by Pruvan (NULL is "not set": still open). */
export function overdueWhere(now = new Date()): Prisma.WorkOrderWhereInput {
  const open = (field: "status" | "pruvanStatus"): Prisma.WorkOrderWhereInput => ({
    OR: [{ [field]: null }, { [field]: { notIn: [...CLOSED_OUT_STATUSES] } }],
  });
  return { deletedAt: null, dueDate: { lt: startOfDayUtc(now) }, AND: [open("status"), open("pruvanStatus")] };
}

const nextDay = (day: string) => new Date(startOfDayUtc(day).getTime() + 86_400_000);

/** Sort column, then the order number (unique) so that paging is stable. */
function orderListOrderBy(sort: OrderSort, dir: SortDir): Prisma.WorkOrderOrderByWithRelationInput[] {
  const column: Record<OrderSort, Prisma.WorkOrderOrderByWithRelationInput> = {
    updated: { updatedAt: dir },
    number: { workOrderNumber: dir },
    due: { dueDate: dir },
    city: { city: dir },
    status: { status: dir },
    client: { clientStatus: dir },
  };
  return sort === "number" ? [column.number] : [column[sort], { workOrderNumber: dir }];
}

const listRowSelect = {
  id: true,
  workOrderNumber: true,
  address1: true,
  city: true,
  state: true,
  zip: true,
  status: true,
  pruvanStatus: true,
  fieldStatus: true,
  clientStatus: true,
  dueDate: true,
  updatedAt: true,
  deletedAt: true,
  integration: { select: { username: true } },
} satisfies Prisma.WorkOrderSelect;

export type OrderListRow = Prisma.WorkOrderGetPayload<{ select: typeof listRowSelect }> & { photoCount: number };
export type OrderListPage = PagePosition & { rows: OrderListRow[] };

/** One page of the list. A page past the end shows the last page instead of nothing. */
export async function listOrderPage(query: OrderListQuery, now = new Date()): Promise<OrderListPage> {
  const where = await orderListWhere(query, now);
  const orderBy = orderListOrderBy(query.sort, sortDir(query));
  const page = async (n: number) =>
    withPhotoCounts(await db().workOrder.findMany({ where, orderBy, skip: (n - 1) * query.size, take: query.size, select: listRowSelect }));
  // Count and first guess in one go; only a page past the end costs a second read.
  const [total, rows] = await Promise.all([db().workOrder.count({ where }), page(query.page)]);
  const window = pageWindow(total, query.page, query.size);
  return {
    rows: window.page === query.page ? rows : await page(window.page),
    total,
    page: window.page,
    pageCount: window.pageCount,
    size: query.size,
  };
}

/**
 * Photo counts for the orders of one page, by index. (Prisma's relation _count with a
 * where clause aggregates every work item in the database before it joins: 0.4 s at 240,000.)
 */
async function photoCounts(orderIds: string[]): Promise<Map<string, number>> {
  const counts = await db().workItem.groupBy({
    by: ["workOrderId"],
    where: { workOrderId: { in: orderIds }, fileType: "picture", match: "matched" },
    _count: { _all: true },
  });
  return new Map(counts.map((c) => [c.workOrderId ?? "", c._count._all]));
}

async function withPhotoCounts<T extends { id: string }>(rows: T[]): Promise<(T & { photoCount: number })[]> {
  const counts = rows.length ? await photoCounts(rows.map((r) => r.id)) : new Map<string, number>();
  return rows.map((r) => ({ ...r, photoCount: counts.get(r.id) ?? 0 }));
}

const exportSelect = {
  id: true,
  integrationId: true, // the username comes from one lookup, not a join per page
  ...wireOrderSelect, // every field of the field table; the CSV picks its columns there
  pruvanStatus: true,
  fieldStatus: true,
  createdAt: true,
  updatedAt: true,
  services: { select: { serviceName: true }, orderBy: { position: "asc" } },
} satisfies Prisma.WorkOrderSelect;

export type OrderExportRow = Prisma.WorkOrderGetPayload<{ select: typeof exportSelect }> & { photoCount: number; integration: string };

/**
 * The whole filtered list in list order, a page of rows at a time. The ids are read once
 * up front (a snapshot: edits during a long export neither repeat nor skip rows), then
 * the rows by id, so memory holds one page plus the id list.
 */
export async function* orderRowsInListOrder(
  query: OrderListQuery,
  pageSize = 500,
  now = new Date(),
  only?: string[],
): AsyncGenerator<OrderExportRow[]> {
  const [ids, integrations] = await Promise.all([
    orderIdsInListOrder(query, now, only),
    db().integration.findMany({ select: { id: true, username: true } }),
  ]);
  const username = new Map(integrations.map((i) => [i.id, i.username]));
  for (let at = 0; at < ids.length; at += pageSize) {
    const slice = ids.slice(at, at + pageSize);
    const rows = await withPhotoCounts(await db().workOrder.findMany({ where: { id: { in: slice } }, select: exportSelect }));
    const byId = new Map(rows.map((r) => [r.id, { ...r, integration: username.get(r.integrationId) ?? "" }]));
    yield slice.flatMap((id) => byId.get(id) ?? []); // an order deleted meanwhile is left out
  }
}

/**
 * The ids of the filtered list in list order (what a bulk change or an export works
 * through); `only` narrows it to rows picked on the page.
 */
export async function orderIdsInListOrder(query: OrderListQuery, now = new Date(), only?: string[]): Promise<string[]> {
  const where = await orderListWhere(query, now);
  if (only) where.AND = [...(where.AND as Prisma.WorkOrderWhereInput[]), { id: { in: only } }];
  const rows = await db().workOrder.findMany({ where, orderBy: orderListOrderBy(query.sort, sortDir(query)), select: { id: true } });
  return rows.map((r) => r.id);
}

/** What the filter form offers: every integration, and the client statuses in use or mapped. */
export async function orderFilterOptions() {
  const [integrations, inUse, mapped] = await Promise.all([
    db().integration.findMany({ orderBy: { username: "asc" }, select: { username: true } }),
    db().workOrder.groupBy({ by: ["clientStatus"], where: { deletedAt: null } }),
    db().statusMapping.findMany({ select: { clientStatus: true } }),
  ]);
  const clientStatuses = new Set([...inUse.map((r) => r.clientStatus), ...mapped.map((m) => m.clientStatus)]);
  clientStatuses.delete(null);
  return {
    integrations: integrations.map((i) => i.username),
    clientStatuses: [...clientStatuses].filter((s): s is string => s !== null).sort((a, b) => a.localeCompare(b)),
  };
}
