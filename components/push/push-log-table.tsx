import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { PushLogJob } from "@/lib/push/log";

const tone = { pending: "amber", sending: "blue", delivered: "green", dead: "red", discarded: "gray" } as const;

// The retry / discard actions join as a last column with the push worker.
export function PushLogTable({ jobs }: { jobs: PushLogJob[] }) {
  return (
    <Table head={["Queued", "Integration", "Order", "State", "Attempts", "Last answer"]} caption="Push jobs">
      {jobs.map((j) => (
        <tr key={j.id} data-testid="push-job">
          <Td className="tabular-nums">{formatDateTime(j.createdAt)}</Td>
          <Td>{j.integration.username}</Td>
          <Td>
            {j.workOrder ? (
              <Link href={`/orders/${j.workOrder.id}`} className="text-brand-700 underline">
                {j.workOrder.workOrderNumber}
              </Link>
            ) : (
              <span className="text-slate-500">{j.kind === "refresh" ? "all orders" : "-"}</span>
            )}
            <span className="block text-xs text-slate-500">{j.kind}</span>
          </Td>
          <Td>
            <Badge tone={tone[j.state]}>{j.state}</Badge>
            {j.deliveredAt ? <span className="block text-xs text-slate-500">{formatDateTime(j.deliveredAt)}</span> : null}
            {j.state === "pending" || j.state === "sending" ? (
              <span className="block text-xs text-slate-500">next attempt {formatDateTime(j.nextAttemptAt)}</span>
            ) : null}
          </Td>
          <Td className="text-right tabular-nums">{j.attempts}</Td>
          <Td className="whitespace-normal">
            <div className="w-[18rem] max-w-[18rem] [overflow-wrap:anywhere]">
              {j.lastStatus ? <span className="mr-1.5 font-medium tabular-nums">HTTP {j.lastStatus}</span> : null}
              {j.lastStatus || j.lastResponse || j.lastError ? (
                <LastAnswer response={j.lastResponse} error={j.lastError} />
              ) : (
                <span className="text-slate-400">not sent yet</span>
              )}
            </div>
          </Td>
        </tr>
      ))}
    </Table>
  );
}

/** Pruvan's answer and our error; long ones fold so the table stays scannable. */
function LastAnswer({ response, error }: { response: string | null; error: string | null }) {
  if (!response && !error) return null;
  const text = [error, response].filter(Boolean).join(" · ");
  if (text.length <= 120) return <span className={error ? "text-red-800" : ""}>{text}</span>;
  return (
    <details>
      <summary className={`cursor-pointer ${error ? "text-red-800" : ""}`}>{text.slice(0, 100)}…</summary>
      <pre className="mt-1 max-h-60 overflow-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap">{text}</pre>
    </details>
  );
}
