import type { Metadata } from "next";
import Link from "next/link";
import { OrderFilterChips } from "@/components/orders/list/order-filter-chips";
import { OrderFilterForm } from "@/components/orders/list/order-filter-form";
import { BulkBar, BulkOrders } from "@/components/orders/list/bulk-orders";
import { OrdersTable } from "@/components/orders/list/orders-table";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import { listOrderPage, orderFilterOptions } from "@/lib/orders/list";
import {
  filterChips,
  hasFilters,
  ordersHref,
  parseOrderListQuery,
  withQuery,
  type OrderListQuery,
  type SearchParams,
} from "@/lib/orders/list-filters";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  const query = parseOrderListQuery(await searchParams);
  const now = new Date();
  const [list, options] = await Promise.all([listOrderPage(query, now), orderFilterOptions()]);
  const filtered = hasFilters(query);
  const clearHref = ordersHref({ sort: query.sort, dir: query.dir, size: query.size });
  const noun = list.total === 1 ? "work order" : "work orders";
  return (
    <div className="space-y-4">
      <PageHeader
        title="Orders"
        description={`${list.total.toLocaleString("en-US")} ${filtered ? `${noun} match the filters` : noun}.`}
        actions={
          <>
            <Link href="/orders/new" className={buttonClass("primary")}>
              New order
            </Link>
            <Link href="/orders/import" className={buttonClass("secondary")}>
              Import
            </Link>
            <a href={ordersHref({ ...query, page: 1, size: 50 }, "/orders/export")} className={buttonClass("secondary")} download>
              Export CSV<span className="sr-only"> of the {list.total.toLocaleString("en-US")} listed orders</span>
            </a>
          </>
        }
      />
      {/* Remounted when the URL changes, so a removed chip also leaves the form. */}
      <OrderFilterForm key={ordersHref(query)} query={query} options={options} />
      <OrderFilterChips chips={filterChips(query)} clearHref={clearHref} />
      {list.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No work orders match these filters">Remove a filter above, or clear them all.</EmptyState>
        ) : (
          <EmptyState title="No work orders yet">Orders created here are what Pruvan pulls onto crews&apos; phones.</EmptyState>
        )
      ) : (
        // Remounted when the list changes: what was picked belongs to the rows shown. Its key
        // differs from the filter form's (a sibling): two siblings with one key leave the old
        // form on the page beside the new one.
        <BulkOrders key={`picked ${ordersHref({ ...query, page: list.page })}`} pageIds={list.rows.map((r) => r.id)}>
          <BulkBar
            total={list.total}
            listQuery={listQueryString(query)}
            isAdmin={user.role === "admin"}
            clientStatuses={options.clientStatuses}
          />
          <OrdersTable rows={list.rows} query={{ ...query, page: list.page }} now={now} />
          <Pagination of={list} noun="orders" href={(page) => withQuery(query, { page })} />
        </BulkOrders>
      )}
    </div>
  );
}

/** The list's filters and sort as a query string (no page: a bulk change covers every page). */
const listQueryString = (query: OrderListQuery) => ordersHref({ ...query, page: 1 }).split("?")[1] ?? "";
