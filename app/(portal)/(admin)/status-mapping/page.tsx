import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { requireAdmin } from "@/lib/auth/session";
import { listStatusMappings } from "@/lib/status-mapping/queries";

export const metadata: Metadata = { title: "Status mapping" };

export default async function StatusMappingPage() {
  await requireAdmin();
  const mappings = await listStatusMappings();
  return (
    <>
      <PageHeader title="Status mapping" description="Which Pruvan status each of your client statuses sets." />
      {mappings.length === 0 ? (
        <EmptyState title="No client statuses are mapped" />
      ) : (
        <Table head={["Client status", "Pruvan status", "Note"]} caption="Status mapping">
          {mappings.map((m) => (
            <tr key={m.id}>
              <Td className="font-medium">{m.clientStatus}</Td>
              <Td>{m.pruvanStatus ? <Badge tone="blue">{m.pruvanStatus}</Badge> : <Badge>not set</Badge>}</Td>
              <Td>{m.note ?? ""}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
