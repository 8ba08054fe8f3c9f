import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listIntegrations } from "@/lib/integrations/queries";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  await requireAdmin();
  const integrations = await listIntegrations();
  return (
    <>
      <PageHeader title="Integrations" description="Pruvan accounts connected to this portal, and the API keys they use." />
      {integrations.length === 0 ? (
        <EmptyState title="No Pruvan account is connected yet" />
      ) : (
        <Table head={["Username", "Name", "Mode", "Key", "Validated", "Last pull", "Last push", "Orders", "Last error"]} caption="Integrations">
          {integrations.map((i) => (
            <tr key={i.id}>
              <Td className="font-medium">{i.username}</Td>
              <Td>{i.name}</Td>
              <Td>
                {i.mode}
                {i.autoAdmin ? <span className="ml-1"><Badge tone="blue">auto_admin</Badge></span> : null}
              </Td>
              <Td>{i.apiKeys[0] ? <code>{i.apiKeys[0].prefix}...</code> : <Badge tone="amber">no key</Badge>}</Td>
              <Td>{i.validatedAt ? formatDateTime(i.validatedAt) : <Badge tone="amber">never</Badge>}</Td>
              <Td>{formatDateTime(i.lastPullAt)}</Td>
              <Td>{formatDateTime(i.lastPushAt)}</Td>
              <Td>{i._count.workOrders}</Td>
              <Td>{i.lastError ? <Badge tone="red">{i.lastError}</Badge> : "-"}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
