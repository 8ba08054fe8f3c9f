import { z } from "zod";
import type { PruvanStatus } from "@/lib/db";
import { validDate } from "@/lib/pruvan/dates";
import { PRUVAN_STATUSES } from "@/lib/pruvan/statuses";

// The orders list's query as it lives in the URL (/orders?status=rush&overdue=1...): one
// schema read by the list page, the CSV export and every link that leads to a filtered
// list (dashboard, chips, sort headers, pagination). A hand-edited URL never fails: a
// value that does not parse is dropped, as if it were not there.

/** The URL value for "no status" / "no client status" (parentheses: no real value has them). */
export const NOT_SET = "(none)";

/** Done for the office: an order in one of these (ours or Pruvan's) is never overdue. */
export const CLOSED_OUT_STATUSES = [
  "complete",
  "invoiced",
  "submitted",
  "closed",
  "canceled",
  "deleted",
] as const satisfies readonly PruvanStatus[];

export const ORDER_SORTS = {
  updated: { label: "Updated", defaultDir: "desc" },
  number: { label: "Number", defaultDir: "asc" },
  due: { label: "Due date", defaultDir: "asc" },
  city: { label: "City", defaultDir: "asc" },
  status: { label: "Status", defaultDir: "asc" },
  client: { label: "Client status", defaultDir: "asc" },
} as const;
export type OrderSort = keyof typeof ORDER_SORTS;
export type SortDir = "asc" | "desc";

export const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_SIZE = 50;

const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);
const statusValue = z
  .enum([...PRUVAN_STATUSES, NOT_SET])
  .optional()
  .catch(undefined);
const flag = z.literal("1").optional().catch(undefined);
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(
    (s) =>
      validDate(new Date(`${s}T00:00:00Z`))
        ?.toISOString()
        .startsWith(s) ?? false,
  )
  .optional()
  .catch(undefined);

export const orderListQuerySchema = z.object({
  q: text(100),
  status: statusValue,
  pruvan: statusValue,
  client: text(200),
  integration: text(200),
  dueAfter: calendarDate,
  dueBefore: calendarDate,
  uploadedSince: calendarDate,
  overdue: flag,
  photos: flag,
  deleted: flag,
  sort: z.enum(Object.keys(ORDER_SORTS) as [OrderSort, ...OrderSort[]]).catch("updated"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_SIZE),
});

export type OrderListQuery = z.infer<typeof orderListQuerySchema>;
export type SearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

/** Reads the query from Next's searchParams or a URL's; repeated keys keep the first value. */
export function parseOrderListQuery(params: SearchParams = {}): OrderListQuery {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params] : Object.entries(params);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && !(key in flat)) flat[key] = first;
  }
  return orderListQuerySchema.parse(flat);
}

export function sortDir(query: Pick<OrderListQuery, "sort" | "dir">): SortDir {
  return query.dir ?? ORDER_SORTS[query.sort].defaultDir;
}

/** The filter keys: what chips show and what "Clear all" removes. */
export const FILTER_KEYS = [
  "q",
  "status",
  "pruvan",
  "client",
  "integration",
  "dueAfter",
  "dueBefore",
  "uploadedSince",
  "overdue",
  "photos",
  "deleted",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

type QueryInput = Partial<Omit<OrderListQuery, "overdue" | "photos" | "deleted">> & {
  overdue?: "1" | boolean;
  photos?: "1" | boolean;
  deleted?: "1" | boolean;
};

/** The list's URL for a query; defaults are left out so links stay short and canonical. */
export function ordersHref(query: QueryInput = {}, base = "/orders"): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value === true) params.set(key, "1");
    else if (typeof value === "string" && value !== "") params.set(key, value);
  }
  const sort = query.sort ?? "updated";
  if (sort !== "updated") params.set("sort", sort);
  if (query.dir && query.dir !== ORDER_SORTS[sort].defaultDir) params.set("dir", query.dir);
  if (query.size && query.size !== DEFAULT_SIZE) params.set("size", String(query.size));
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** The same query with some keys changed; any change but paging goes back to page 1. */
export function withQuery(query: OrderListQuery, changes: QueryInput): string {
  return ordersHref({ ...query, page: 1, ...changes });
}

export type FilterChip = { key: FilterKey; label: string; removeHref: string };

const statusLabel = (s: string) => (s === NOT_SET ? "not set" : s);

/** One removable chip per active filter, in the order the form shows them. */
export function filterChips(query: OrderListQuery): FilterChip[] {
  const labels: Record<FilterKey, (v: string) => string> = {
    q: (v) => `Search: ${v}`,
    status: (v) => `Status: ${statusLabel(v)}`,
    pruvan: (v) => `Pruvan reports: ${statusLabel(v)}`,
    client: (v) => `Client status: ${statusLabel(v)}`,
    integration: (v) => `Integration: ${v}`,
    dueAfter: (v) => `Due on or after ${v}`,
    dueBefore: (v) => `Due on or before ${v}`,
    uploadedSince: (v) => `Uploads since ${v}`,
    overdue: () => "Overdue",
    photos: () => "Has photos",
    deleted: () => "Including deleted",
  };
  return FILTER_KEYS.filter((key) => query[key] !== undefined).map((key) => ({
    key,
    label: labels[key](String(query[key])),
    removeHref: withQuery(query, { [key]: undefined }),
  }));
}

export function hasFilters(query: OrderListQuery): boolean {
  return FILTER_KEYS.some((key) => query[key] !== undefined);
}

/** Midnight UTC of a calendar date (the portal shows dates in UTC). */
export function startOfDayUtc(day: string | Date): Date {
  const d = typeof day === "string" ? new Date(`${day}T00:00:00Z`) : day;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Overdue: due before today (a due date is a calendar day, kept at 12:00 UTC) and not
 * closed out by us or by Pruvan. The list's SQL filter says the same (lib/orders/list).
 */
export function isOverdue(
  order: { dueDate: Date | null; status: PruvanStatus | null; pruvanStatus: PruvanStatus | null; deletedAt: Date | null },
  now = new Date(),
): boolean {
  const closed = (s: PruvanStatus | null) => s !== null && (CLOSED_OUT_STATUSES as readonly string[]).includes(s);
  return (
    order.dueDate !== null &&
    order.deletedAt === null &&
    order.dueDate < startOfDayUtc(now) &&
    !closed(order.status) &&
    !closed(order.pruvanStatus)
  );
}
