import { Badge } from "@/components/ui/badge";
import { formatDate } from "@/lib/format";
import type { OrderDetail } from "@/lib/orders/order-detail";

/** The few facts people look for first, in one line under the title. */
export function OrderSummary({ order }: { order: OrderDetail }) {
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
      {order.deletedAt ? (
        <div className="flex items-center gap-1.5">
          <dt className="sr-only">Deleted</dt>
          <dd>
            <Badge tone="red">Deleted</Badge>
          </dd>
        </div>
      ) : null}
      <div className="flex items-center gap-1.5">
        <dt className="text-slate-500">Status</dt>
        <dd>{order.status ? <Badge tone="blue">{order.status}</Badge> : <Badge>not set</Badge>}</dd>
      </div>
      <div className="flex items-center gap-1.5">
        <dt className="text-slate-500">Client status</dt>
        <dd>{order.clientStatus ?? "-"}</dd>
      </div>
      <div className="flex items-center gap-1.5">
        <dt className="text-slate-500">Field status</dt>
        <dd>{order.fieldStatus ?? "-"}</dd>
      </div>
      <div className="flex items-center gap-1.5">
        <dt className="text-slate-500">Due</dt>
        <dd>{formatDate(order.dueDate)}</dd>
      </div>
      <div className="flex items-center gap-1.5">
        <dt className="text-slate-500">Integration</dt>
        <dd>{order.integration.username}</dd>
      </div>
    </dl>
  );
}
