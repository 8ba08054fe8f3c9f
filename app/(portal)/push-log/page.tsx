import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { requireUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listPushJobs } from "@/lib/push/queries";

export const metadata: Metadata = { title: "Push log" };

const tone = { pending: "amber", sending: "blue", delivered: "green", dead: "red", discarded: "gray" } as const;

export default async function PushLogPage() {
  await requireUser();
  const jobs = await listPushJobs();
  return (
    <>
      <PageHeader title="Push log" description="Order changes sent to Pruvan through each integration's push key." />
      {jobs.length === 0 ? (
        <EmptyState title="Nothing has been pushed yet" />
      ) : (
        <Table head={["Queued", "Integration", "Order", "Kind", "State", "Attempts", "Next attempt", "Last answer"]} caption="Push jobs">
          {jobs.map((j) => (
            <tr key={j.id}>
              <Td>{formatDateTime(j.createdAt)}</Td>
              <Td>{j.integration.username}</Td>
              <Td>{j.workOrder?.workOrderNumber ?? "-"}</Td>
              <Td>{j.kind}</Td>
              <Td><Badge tone={tone[j.state]}>{j.state}</Badge></Td>
              <Td>{j.attempts}</Td>
              <Td>{j.state === "pending" ? formatDateTime(j.nextAttemptAt) : "-"}</Td>
              <Td>{j.lastError ?? (j.lastStatus ? `HTTP ${j.lastStatus}` : "-")}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
