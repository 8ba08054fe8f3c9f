import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { formatBytes, formatDateTime } from "@/lib/format";
import { listUnmatchedWorkItems } from "@/lib/work-items/queries";

export const metadata: Metadata = { title: "Uploads" };

export default async function UploadsPage() {
  await requireUser();
  const items = await listUnmatchedWorkItems();
  return (
    <>
      <PageHeader title="Uploads inbox" description="Photos, surveys and check-ins from Pruvan that matched no work order." />
      {items.length === 0 ? (
        <EmptyState title="Nothing waiting">Every item Pruvan sent matched a work order.</EmptyState>
      ) : (
        <Table head={["Received", "Type", "Evidence", "Pruvan order", "Task", "Size"]} caption="Unmatched uploads">
          {items.map((i) => (
            <tr key={i.id}>
              <Td>{formatDateTime(i.receivedAt)}</Td>
              <Td>{i.fileType}</Td>
              <Td>{i.evidenceType ?? "-"}</Td>
              <Td>{i.key2 ?? "-"}</Td>
              <Td>{i.key4 ?? "-"}</Td>
              <Td>{formatBytes(i.fileSize)}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
