import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PhotoBrowser } from "@/components/orders/photo-browser";
import { SurveySubmissions } from "@/components/orders/survey-submissions";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { getOrderDetail } from "@/lib/orders/order-detail";
import { getOrderWorkResults } from "@/lib/work-items/queries";

type Props = { params: Promise<{ id: string; itemId: string }> };

export const metadata: Metadata = { title: "Survey" };

/** One survey submission in full, with every submission of the same survey listed beside it. */
export default async function SurveyPage({ params }: Props) {
  await requireUser();
  const { id, itemId } = await params;
  const order = await getOrderDetail(id);
  if (!order) notFound();
  const results = await getOrderWorkResults(order);
  const thread = results.surveys.find((t) => t.latest.id === itemId || t.earlier.some((s) => s.id === itemId));
  if (!thread) notFound();
  return (
    <div className="space-y-6">
      <Breadcrumbs
        className=""
        trail={[
          { href: "/orders", label: "Orders" },
          { href: `/orders/${order.id}#surveys`, label: order.workOrderNumber },
        ]}
        current="survey"
      />
      <PageHeader
        title={`Survey ${thread.latest.templateId ?? thread.surveyId}`}
        description={`${thread.latest.serviceName} on order ${order.workOrderNumber} · survey id ${thread.surveyId}`}
      />
      <PhotoBrowser orderId={order.id} photos={results.photos}>
        <SurveySubmissions orderId={order.id} thread={thread} selectedId={itemId} />
      </PhotoBrowser>
    </div>
  );
}
