import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeleteOrderButton } from "@/components/orders/order-actions";
import { OrderForm } from "@/components/orders/form/order-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { orderFormOptions } from "@/lib/orders/form-options";
import { getOrderForEdit } from "@/lib/orders/order-detail";
import { fieldsPruvanIgnores, orderFormData } from "@/lib/orders/order-form";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit order" };

export default async function EditOrderPage({ params }: Props) {
  await requireUser();
  const [order, { mappings }] = await Promise.all([getOrderForEdit((await params).id), orderFormOptions()]);
  if (!order) notFound();
  const integration = { ...order.integration, ignored: fieldsPruvanIgnores(order.integration) };
  return (
    <>
      <Breadcrumbs
        trail={[
          { href: "/orders", label: "Orders" },
          { href: `/orders/${order.id}`, label: order.workOrderNumber },
        ]}
        current="Edit"
      />
      <PageHeader
        title={`Edit order ${order.workOrderNumber}`}
        description="Only what Pruvan updates can change: the rest is locked, with the reason beside it."
        actions={order.deletedAt ? null : <DeleteOrderButton orderId={order.id} workOrderNumber={order.workOrderNumber} />}
      />
      {order.deletedAt ? (
        <EmptyState title="This order was deleted">
          A deleted order is kept for its history and cannot be changed.{" "}
          <Link href={`/orders/${order.id}`} className="text-brand-700 underline">
            Back to the order
          </Link>
        </EmptyState>
      ) : (
        <OrderForm
          mode="edit"
          orderId={order.id}
          workOrderNumber={order.workOrderNumber}
          currentStatus={order.status}
          integrations={[integration]}
          mappings={mappings}
          initial={orderFormData(order)}
        />
      )}
    </>
  );
}
