import type { Metadata } from "next";
import { ImportJob } from "@/components/orders/import/import-job";
import { ImportOrders } from "@/components/orders/import/import-orders";
import { RecentImports } from "@/components/orders/import/recent-imports";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { loadJobView } from "@/lib/jobs/queue";
import { recentImports } from "@/lib/orders/import-job";
import { listOrderIntegrations } from "@/lib/integrations/queries";
import { CSV_SERVICE_COLUMNS } from "@/lib/orders/import";
import { WORK_ORDER_FIELD_NAMES } from "@/lib/orders/schemas";

export const metadata: Metadata = { title: "Import orders" };

export default async function ImportOrdersPage({ searchParams }: { searchParams: Promise<{ job?: string | string[] }> }) {
  await requireUser();
  const { job: jobParam } = await searchParams;
  const [integrations, job, recent] = await Promise.all([
    listOrderIntegrations(),
    typeof jobParam === "string" ? loadJobView(jobParam) : null,
    recentImports(),
  ]);
  return (
    <div className="space-y-4">
      <Breadcrumbs className="" trail={[{ href: "/orders", label: "Orders" }]} current="Import" />
      <PageHeader
        title="Import orders"
        description="Create or update orders by work order number from a file. You see what each row would do first; nothing is saved until you apply it."
      />
      {job?.kind === "import" ? (
        <ImportJob key={job.id} initial={job} />
      ) : jobParam !== undefined ? (
        <EmptyState title="No such import">It may have been removed. Choose a file below to import.</EmptyState>
      ) : null}
      {job?.kind === "import" ? null : integrations.length === 0 ? (
        <EmptyState title="No Pruvan account is connected yet">Orders belong to an integration: an admin creates one first.</EmptyState>
      ) : (
        <ImportOrders integrations={integrations} />
      )}
      <RecentImports jobs={recent} current={job?.id} />
      <Card title="File formats">
        <div className="space-y-2 text-sm text-slate-700">
          <p>
            <strong>JSON</strong>: Pruvan&apos;s own shape,{" "}
            <code className="text-xs break-all">
              {'{"workOrders":[{"workOrderNumber":"...","address1":"...","services":[{"serviceName":"..."}]}]}'}
            </code>
            .
          </p>
          <p>
            <strong>CSV</strong>: a header row of the doc&apos;s field names, one order a row. Services go in{" "}
            <code className="text-xs">services</code> as names separated by <code className="text-xs">|</code>; optional{" "}
            <code className="text-xs">
              {Object.keys(CSV_SERVICE_COLUMNS)
                .filter((c) => c !== "services")
                .join(", ")}
            </code>{" "}
            hold one entry per service. An empty cell leaves the field as it is.
          </p>
          <details>
            <summary className="cursor-pointer font-medium text-brand-700">Every column name</summary>
            <p className="mt-1 font-mono text-xs break-all text-slate-600">
              {[...WORK_ORDER_FIELD_NAMES, ...Object.keys(CSV_SERVICE_COLUMNS).filter((c) => c !== "services")].join(", ")}
            </p>
          </details>
        </div>
      </Card>
    </div>
  );
}
