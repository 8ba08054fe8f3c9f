import type { Metadata } from "next";
import Link from "next/link";
import { NewIntegrationForm } from "@/components/integrations/new-integration-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listIntegrations } from "@/lib/integrations/queries";
import { integrationTypeText } from "@/lib/pruvan/statuses";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requireAdmin();
  const integrations = await listIntegrations();
  return (
    <div className="space-y-6">
      <PageHeader title="Integrations" description="Pruvan accounts connected to this portal, and the API keys they use." />
      {integrations.length === 0 ? (
        <EmptyState title="No Pruvan account is connected yet">Create one below, then copy its setup into Pruvan.</EmptyState>
      ) : (
        <Table
          head={["Username", "Name", "Mode", "Key", "Validated", "Push key", "Last pull", "Last push", "Orders", "Last error"]}
          caption="Integrations"
        >
          {integrations.map((i) => (
            <tr key={i.id} data-testid="integration-row">
              <Td className="font-medium">
                <Link href={`/integrations/${i.id}`} className="text-brand-700 underline">
                  {i.username}
                </Link>
              </Td>
              <Td>{i.name}</Td>
              <Td>{integrationTypeText(i)}</Td>
              <Td>{i.apiKeys[0] ? <code>{i.apiKeys[0].prefix}...</code> : <Badge tone="amber">no key</Badge>}</Td>
              <Td>{i.validatedAt ? formatDateTime(i.validatedAt) : <Badge tone="amber">never</Badge>}</Td>
              <Td>{i.pushKeyUrl ? <Badge tone="green">set</Badge> : <Badge>not set</Badge>}</Td>
              <Td>{formatDateTime(i.lastPullAt)}</Td>
              <Td>{formatDateTime(i.lastPushAt)}</Td>
              <Td className="text-right tabular-nums">{i._count.workOrders}</Td>
              <Td className="whitespace-normal">{i.lastError ? <Badge tone="red">{i.lastError}</Badge> : "-"}</Td>
            </tr>
          ))}
        </Table>
      )}
      <Card title="New integration">
        <NewIntegrationForm />
      </Card>
    </div>
  );
}
