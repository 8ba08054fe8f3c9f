import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DeleteOrderButton, ForcePushButton } from "@/components/orders/order-actions";
import { OrderFields } from "@/components/orders/order-fields";
import { OrderServices } from "@/components/orders/order-services";
import { OrderTimeline } from "@/components/orders/order-timeline";
import { OrderSectionNav, WorkResults } from "@/components/orders/work-results";
import { OrderSummary } from "@/components/orders/order-summary";
import { OrderSyncPanel } from "@/components/orders/order-sync";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { getOrderSync } from "@/lib/orders/sync-state";
import { fieldsPruvanIgnores } from "@/lib/orders/order-form";
import { getOrderTimeline } from "@/lib/orders/timeline";
import { reviewFilterSchema } from "@/lib/photo-review/schemas";
import { getOrderWorkResults } from "@/lib/work-items/queries";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ review?: string | string[] }> };

const loadOrder = cache(getOrderDetail);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const order = await loadOrder((await params).id);
  return { title: order ? `Order ${order.workOrderNumber}` : "Order not found" };
}

export default async function OrderDetailPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const order = await loadOrder((await params).id);
  if (!order) notFound();
  const [results, timeline, sync] = await Promise.all([getOrderWorkResults(order), getOrderTimeline(order.id), getOrderSync(order.id)]);
  return (
    <div className="space-y-8">
      <div>
        <Breadcrumbs trail={[{ href: "/orders", label: "Orders" }]} current={order.workOrderNumber} />
        <PageHeader
          title={`Order ${order.workOrderNumber}`}
          description={[order.address1, order.address2, `${order.city}, ${order.state} ${order.zip}`].filter(Boolean).join(", ")}
          actions={
            <div className="flex flex-wrap gap-2">
              {order.deletedAt ? null : (
                <Link href={`/orders/${order.id}/edit`} className={buttonClass("primary")}>
                  Edit order
                </Link>
              )}
              <a href={`/orders/${order.id}/report`} className={buttonClass("secondary")}>
                Report (PDF)
              </a>
              <a
                href={`/orders/${order.id}/report?photos=all`}
                className={buttonClass("ghost")}
                aria-label="Report (PDF) with all photos, reviewed or not"
              >
                Report, all photos
              </a>
              <a href={`/orders/${order.id}/download`} className={buttonClass("secondary")}>
                Download all (ZIP)
              </a>
              {user.role === "admin" ? (
                <ForcePushButton
                  orderId={order.id}
                  workOrderNumber={order.workOrderNumber}
                  ignoredFields={fieldsPruvanIgnores(order.integration)}
                />
              ) : null}
              {order.deletedAt ? null : <DeleteOrderButton orderId={order.id} workOrderNumber={order.workOrderNumber} />}
            </div>
          }
        />
        {order.pushError ? (
          <Notice tone="error" title="Pruvan refused the last push of this order" className="mb-4">
            <p>
              {order.pushError}
              {order.pushErrorAt ? <span className="text-red-800/80"> ({formatDateTime(order.pushErrorAt)})</span> : null}
            </p>
            <p className="mt-1">
              <Link href={`/push-log?integration=${encodeURIComponent(order.integration.username)}`} className="underline">
                See the push log
              </Link>
            </p>
          </Notice>
        ) : null}
        <OrderSummary order={order} />
        <div className="mt-4">
          <OrderSectionNav results={results} />
        </div>
      </div>
      <WorkResults orderId={order.id} results={results} reviewFilter={reviewFilterSchema.parse((await searchParams).review)} />
      <Section id="services" title="Services" count={order.services.length}>
        <OrderServices services={order.services} />
      </Section>
      <Section id="fields" title="Order fields">
        <OrderFields order={order} />
      </Section>
      {sync ? (
        <Section id="sync" title="Sync with Pruvan">
          <OrderSyncPanel sync={sync} />
        </Section>
      ) : null}
      <Section id="timeline" title="Timeline">
        <OrderTimeline entries={timeline.entries} truncated={timeline.truncated} />
      </Section>
    </div>
  );
}
