import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { formatDate } from "@/lib/format";
import { listOrders } from "@/lib/orders/queries";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage() {
  await requireUser();
  const { total, rows } = await listOrders();
  return (
    <>
      <PageHeader title="Orders" description={`${total} work orders, newest first.`} />
      {rows.length === 0 ? (
        <EmptyState title="No work orders yet">Orders created here are what Pruvan pulls onto crews&apos; phones.</EmptyState>
      ) : (
        <Table head={["Number", "Address", "Integration", "Status", "Client status", "Due", "Services", "Items"]} caption="Work orders">
          {rows.map((o) => (
            <tr key={o.id}>
              <Td className="font-medium">
                <Link href={`/orders/${o.id}`} className="text-brand-700 underline">
                  {o.workOrderNumber}
                </Link>
              </Td>
              <Td>{`${o.address1}, ${o.city}, ${o.state} ${o.zip}`}</Td>
              <Td>{o.integration.username}</Td>
              <Td>{o.status ? <Badge tone="blue">{o.status}</Badge> : <Badge>not set</Badge>}</Td>
              <Td>{o.clientStatus ?? "-"}</Td>
              <Td>{formatDate(o.dueDate)}</Td>
              <Td>{o._count.services}</Td>
              <Td>{o._count.workItems}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
