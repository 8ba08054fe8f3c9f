import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OrderFields } from "@/components/orders/order-fields";
import { OrderServices } from "@/components/orders/order-services";
import { OrderTimeline } from "@/components/orders/order-timeline";
import { OrderSectionNav, WorkResults } from "@/components/orders/work-results";
import { OrderSummary } from "@/components/orders/order-summary";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { requireUser } from "@/lib/auth/session";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { getOrderTimeline } from "@/lib/orders/timeline";
import { getOrderWorkResults } from "@/lib/work-items/queries";

type Props = { params: Promise<{ id: string }> };

const loadOrder = cache(getOrderDetail);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const order = await loadOrder((await params).id);
  return { title: order ? `Order ${order.workOrderNumber}` : "Order not found" };
}

export default async function OrderDetailPage({ params }: Props) {
  await requireUser();
  const order = await loadOrder((await params).id);
  if (!order) notFound();
  const [results, timeline] = await Promise.all([getOrderWorkResults(order), getOrderTimeline(order.id)]);
  return (
    <div className="space-y-8">
      <div>
        <p className="mb-2 text-sm">
          <Link href="/orders" className="text-brand-700 underline">
            Orders
          </Link>
          <span className="text-slate-400"> / {order.workOrderNumber}</span>
        </p>
        <PageHeader
          title={`Order ${order.workOrderNumber}`}
          description={[order.address1, order.address2, `${order.city}, ${order.state} ${order.zip}`].filter(Boolean).join(", ")}
          actions={
            // The edit link (/orders/[id]/edit) joins this row once that page exists.
            <a href={`/orders/${order.id}/download`} className={buttonClass("secondary")}>
              Download all (ZIP)
            </a>
          }
        />
        <OrderSummary order={order} />
        <div className="mt-4">
          <OrderSectionNav results={results} />
        </div>
      </div>
      <WorkResults orderId={order.id} results={results} />
      <Section id="services" title="Services" count={order.services.length}>
        <OrderServices services={order.services} />
      </Section>
      <Section id="fields" title="Order fields">
        <OrderFields order={order} />
      </Section>
      <Section id="timeline" title="Timeline">
        <OrderTimeline entries={timeline.entries} truncated={timeline.truncated} />
      </Section>
    </div>
  );
}
