import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { FullSyncCard } from "@/components/integrations/full-sync-card";
import { IntegrationActions } from "@/components/integrations/integration-actions";
import { PruvanCallsTable } from "@/components/integrations/pruvan-calls-table";
import { PushBatchesTable } from "@/components/push/push-log-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/section";
import { requireAdmin } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getIntegrationDetail, integrationSetup } from "@/lib/integrations/queries";
import { ordersHref } from "@/lib/orders/list-filters";
import { listPruvanCalls } from "@/lib/pruvan/calls";
import { latestFullPushSync } from "@/lib/push/full-sync";
import { listPushBatches, pushLogHref } from "@/lib/push/queries";
import { integrationTypeText } from "@/lib/pruvan/statuses";

type Props = { params: Promise<{ id: string }> };

const loadIntegration = cache(getIntegrationDetail);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const integration = await loadIntegration((await params).id);
  return { title: integration ? `Integration ${integration.username}` : "Integration not found" };
}

export default async function IntegrationPage({ params }: Props) {
  await requireAdmin();
  const integration = await loadIntegration((await params).id);
  if (!integration) notFound();
  const [calls, batches, fullSync] = await Promise.all([
    listPruvanCalls(integration.id, 50),
    listPushBatches(integration.id, 10),
    latestFullPushSync(integration.id),
  ]);
  const setup = integrationSetup(integration.username);
  const never = (d: Date | null, none = "never") => (d ? formatDateTime(d) : <span className="text-slate-500">{none}</span>);
  return (
    <div className="space-y-8">
      <div className="space-y-4">
        <Breadcrumbs className="" trail={[{ href: "/integrations", label: "Integrations" }]} current={integration.username} />
        <PageHeader
          title={`Integration ${integration.username}`}
          description={`${integration.name} · ${integrationTypeText(integration)}${integration.clientCode ? ` · client code ${integration.clientCode}` : ""}`}
        />
        <IntegrationActions
          integrationId={integration.id}
          username={integration.username}
          hasKey={integration.apiKeys.length > 0}
          hasPushKey={!!integration.pushKeyHost}
          settings={{
            name: integration.name,
            mode: integration.mode,
            autoAdmin: integration.autoAdmin,
            clientCode: integration.clientCode,
          }}
        />
      </div>
      <div className="grid items-start gap-4 lg:grid-cols-3">
        <Card title="Connection">
          <DescriptionList
            items={[
              { label: "Validated by Pruvan", value: never(integration.validatedAt) },
              {
                label: "Push key",
                value: integration.pushKeyHost ? (
                  <span>
                    <Badge tone="green">set</Badge> <span className="font-mono text-xs">{integration.pushKeyHost}</span>
                    {integration.pushKeyAt ? (
                      <span className="block text-xs text-slate-500">since {formatDateTime(integration.pushKeyAt)}</span>
                    ) : null}
                  </span>
                ) : (
                  <span>
                    <Badge>not set</Badge>{" "}
                    <span className="text-xs text-slate-500">Pruvan hands it over when someone clicks Validate there.</span>
                  </span>
                ),
              },
              { label: "Last pull of orders (getWorkOrders)", value: never(integration.lastPullAt) },
              { label: "Last push to Pruvan", value: never(integration.lastPushAt) },
              ...(integration.pushHoldUntil && integration.pushHoldUntil > new Date()
                ? [{ label: "Pushes wait until", value: formatDateTime(integration.pushHoldUntil) }]
                : []),
              {
                label: "Last error",
                value: integration.lastError ? (
                  <span className="text-red-800">
                    {integration.lastError}
                    {integration.lastErrorAt ? (
                      <span className="block text-xs text-red-800/80">{formatDateTime(integration.lastErrorAt)}</span>
                    ) : null}
                  </span>
                ) : (
                  "none"
                ),
              },
            ]}
          />
        </Card>
        <Card title="Pruvan setup">
          <DescriptionList
            items={[
              { label: "Web service URL", value: <code className="text-xs break-all">{setup.webServiceUrl}</code> },
              { label: "Web service extension", value: <code className="text-xs">{setup.extension}</code> },
              { label: "Username", value: <code className="text-xs">{setup.username}</code> },
              {
                label: "Password (API key)",
                value: (
                  <span className="text-slate-600">
                    Shown once when issued and never stored. Lost it? Rotate the key and set the new one in Pruvan.
                  </span>
                ),
              },
            ]}
          />
        </Card>
        <Card title="Keys and orders">
          <DescriptionList
            items={[
              {
                label: "Active API keys",
                value: integration.apiKeys.length ? (
                  <ul className="space-y-1">
                    {integration.apiKeys.map((k) => (
                      <li key={k.id}>
                        <code className="text-xs">{k.prefix}...</code>
                        <span className="block text-xs text-slate-500">
                          issued {formatDateTime(k.createdAt)} · last used {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "never"}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Badge tone="amber">none: Pruvan&apos;s calls are refused</Badge>
                ),
              },
              {
                label: "Orders",
                value: (
                  <Link href={ordersHref({ integration: integration.username })} className="text-brand-700 underline">
                    {integration._count.workOrders.toLocaleString("en-US")} {integration._count.workOrders === 1 ? "order" : "orders"}
                  </Link>
                ),
              },
              { label: "Created", value: formatDateTime(integration.createdAt) },
            ]}
          />
        </Card>
        {fullSync ? <FullSyncCard sync={fullSync} heldUntil={integration.pushHoldUntil} /> : null}
      </div>
      <Section id="calls" title="Recent calls from Pruvan" count={calls.length}>
        {calls.length ? (
          <PruvanCallsTable calls={calls} />
        ) : (
          <EmptyState title="Pruvan has not called as this integration yet">
            The calls of its Validate button, order imports, uploads and status reports show here.
          </EmptyState>
        )}
      </Section>
      <Section
        id="pushes"
        title="Recent calls to Pruvan's push key"
        count={batches.length}
        actions={
          <Link href={pushLogHref({ integration: integration.username })} className="text-sm text-brand-700 underline">
            Push log of {integration.username}
          </Link>
        }
      >
        {batches.length ? <PushBatchesTable batches={batches} showIntegration={false} /> : <EmptyState title="Nothing pushed yet" />}
      </Section>
    </div>
  );
}
