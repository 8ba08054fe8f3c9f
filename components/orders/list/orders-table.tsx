import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td, type HeadCell } from "@/components/ui/table";
import { PickPage, PickRow } from "./bulk-orders";
import { formatDate } from "@/lib/format";
import type { OrderListRow } from "@/lib/orders/list";
import { ORDER_SORTS, isOverdue, sortDir, withQuery, type OrderListQuery, type OrderSort } from "@/lib/orders/list-filters";

// Columns that give way on narrow screens (number, status and due date always stay).
const MD = "hidden md:table-cell";
const LG = "hidden lg:table-cell";
const XL = "hidden xl:table-cell";
const XXL = "hidden 2xl:table-cell";

/** The orders of one page, each with its checkbox for bulk work (inside <BulkOrders>). Sortable headers are links (aria-sort tells which is active). */
export function OrdersTable({ rows, query, now }: { rows: OrderListRow[]; query: OrderListQuery; now: Date }) {
  const sortable = (sort: OrderSort, className = ""): HeadCell => {
    const active = query.sort === sort;
    const dir = sortDir(query);
    const next = active ? (dir === "asc" ? "desc" : "asc") : ORDER_SORTS[sort].defaultDir;
    return {
      key: sort,
      className,
      sort: active ? (dir === "asc" ? "ascending" : "descending") : "none",
      content: (
        <Link href={withQuery(query, { sort, dir: next })} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
          {ORDER_SORTS[sort].label}
          <span aria-hidden="true" className={active ? "text-brand-700" : "text-slate-300"}>
            {active && dir === "desc" ? "▼" : "▲"}
          </span>
          <span className="sr-only">
            {active
              ? `, sorted ${dir === "asc" ? "ascending" : "descending"}; sort ${next === "asc" ? "ascending" : "descending"}`
              : ", sort"}
          </span>
        </Link>
      ),
    };
  };
  const head: HeadCell[] = [
    { key: "pick", content: <PickPage />, className: "w-8" },
    sortable("number"),
    { key: "address", content: "Address", className: MD },
    sortable("city", MD),
    sortable("status"),
    sortable("client", LG),
    sortable("due"),
    { key: "photos", content: "Photos", className: LG },
    { key: "integration", content: "Integration", className: XL },
    sortable("updated", XXL),
  ];
  return (
    <Table head={head} caption="Work orders">
      {rows.map((o) => (
        <tr key={o.id} data-testid="order-row" className="hover:bg-slate-50">
          <Td>
            <PickRow id={o.id} workOrderNumber={o.workOrderNumber} />
          </Td>
          <Td className="font-medium">
            <Link href={`/orders/${o.id}`} className="text-brand-700 underline">
              {o.workOrderNumber}
            </Link>
            {o.deletedAt ? (
              <span className="ml-1.5">
                <Badge tone="red">deleted</Badge>
              </span>
            ) : null}
            <span className="block max-w-[11rem] truncate text-xs font-normal text-slate-500 md:hidden">{o.city}</span>
          </Td>
          <Td className={MD}>
            <div className="max-w-[13rem] truncate" title={`${o.address1}, ${o.city}, ${o.state} ${o.zip}`}>
              {o.address1}
              <span className="text-slate-500">
                , {o.state} {o.zip}
              </span>
            </div>
          </Td>
          <Td className={MD}>{o.city}</Td>
          <Td>
            {o.status ? <Badge tone="blue">{o.status}</Badge> : <Badge>not set</Badge>}
            {o.pruvanStatus ? <span className="block text-xs text-slate-500">Pruvan: {o.pruvanStatus}</span> : null}
          </Td>
          <Td className={LG}>
            <div className="max-w-[9rem] truncate" title={o.clientStatus ?? undefined}>
              {o.clientStatus ?? <span className="text-slate-400">-</span>}
            </div>
          </Td>
          <Td>
            {formatDate(o.dueDate)}
            {isOverdue(o, now) ? (
              <span className="block xl:ml-1.5 xl:inline">
                <Badge tone="red">overdue</Badge>
              </span>
            ) : null}
          </Td>
          <Td className={`${LG} text-right tabular-nums`}>{o.photoCount}</Td>
          <Td className={XL}>{o.integration.username}</Td>
          <Td className={`${XXL} tabular-nums`}>{formatDate(o.updatedAt)}</Td>
        </tr>
      ))}
    </Table>
  );
}
