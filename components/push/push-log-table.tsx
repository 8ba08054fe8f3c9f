import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import type { PushBatchRow, PushJobRow } from "@/lib/push/queries";
import { PushJobActions } from "./push-job-actions";

export const pushStateTone = { pending: "amber", sending: "blue", delivered: "green", dead: "red", discarded: "gray" } as const;

/** A job in words: "upsert push of PF-1001 to demo, queued 2026-11-26 10:00 UTC". */
export const pushJobLabel = (j: Pick<PushJobRow, "kind" | "createdAt" | "integration" | "workOrder">) =>
  `${j.kind} push of ${j.workOrder?.workOrderNumber ?? "all orders"} to ${j.integration.username}, queued ${formatDateTime(j.createdAt)}`;

/** Push jobs: what was queued for which order, how it went, and Pruvan's last answer. */
export function PushLogTable({ jobs, canDiscard, back }: { jobs: PushJobRow[]; canDiscard: boolean; back: string }) {
  return (
    <Table head={["Queued", "Integration", "Order", "State", "Attempts", "Last answer", "Actions"]} caption="Push jobs">
      {jobs.map((j) => {
        const what = pushJobLabel(j);
        return (
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
              <span className="block text-xs text-slate-500">
                {j.kind}
                {j.force ? " · force" : ""}
              </span>
            </Td>
            <Td>
              <Badge tone={pushStateTone[j.state]}>{j.state}</Badge>
              {j.deliveredAt ? <span className="block text-xs text-slate-500">{formatDateTime(j.deliveredAt)}</span> : null}
              {j.state === "pending" || j.state === "sending" ? (
                <span className="block text-xs text-slate-500">next attempt {formatDateTime(j.nextAttemptAt)}</span>
              ) : null}
            </Td>
            <Td className="text-right tabular-nums">{j.attempts}</Td>
            <Td className="whitespace-normal">
              <div className="w-[14rem] max-w-[14rem] [overflow-wrap:anywhere] 2xl:w-[18rem] 2xl:max-w-[18rem]">
                {j.lastStatus ? <span className="mr-1.5 font-medium tabular-nums">HTTP {j.lastStatus}</span> : null}
                {j.lastStatus || j.lastResponse || j.lastError ? (
                  <LastAnswer response={j.lastResponse} error={j.lastError} />
                ) : (
                  <span className="text-slate-400">not sent yet</span>
                )}
                {j.workOrder?.pushError ? (
                  <span className="mt-1 block text-xs text-red-800">
                    <span className="font-medium">Pruvan&apos;s error for this order:</span> {j.workOrder.pushError}
                  </span>
                ) : null}
              </div>
            </Td>
            <Td>
              {j.state === "dead" || j.state === "pending" ? (
                <PushJobActions jobId={j.id} label={what} canDiscard={canDiscard} back={back} />
              ) : null}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

/** Pruvan's answer and our error; long ones fold so the table stays scannable. */
export function LastAnswer({ response, error }: { response: string | null; error: string | null }) {
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

const outcomeTone: Record<string, "green" | "red" | "amber" | "blue" | "gray"> = {
  delivered: "green",
  failed: "red",
  interrupted: "amber",
  sending: "blue",
};

/** The calls made to the push keys: one row per call, with Pruvan's answer. */
export function PushBatchesTable({ batches, showIntegration = true }: { batches: PushBatchRow[]; showIntegration?: boolean }) {
  return (
    <Table
      head={["Started", ...(showIntegration ? ["Integration"] : []), "Kind", "Orders", "Outcome", "Took", "Pruvan's answer"]}
      caption="Calls to Pruvan's push key"
    >
      {batches.map((b) => (
        <tr key={b.id} data-testid="push-batch">
          <Td className="tabular-nums">{formatDateTime(b.startedAt)}</Td>
          {showIntegration ? <Td>{b.integration.username}</Td> : null}
          <Td>{b.kind}</Td>
          <Td className="text-right tabular-nums">{b.orderCount}</Td>
          <Td>
            <Badge tone={outcomeTone[b.outcome] ?? "gray"}>{b.outcome}</Badge>
          </Td>
          <Td className="text-right tabular-nums">{b.durationMs === null ? "-" : `${b.durationMs} ms`}</Td>
          <Td className="whitespace-normal">
            <div className="w-[16rem] max-w-[16rem] [overflow-wrap:anywhere] 2xl:w-[20rem] 2xl:max-w-[20rem]">
              {b.httpStatus ? <span className="mr-1.5 font-medium tabular-nums">HTTP {b.httpStatus}</span> : null}
              {b.response || b.error ? (
                <LastAnswer response={b.response} error={b.error} />
              ) : (
                <span className="text-slate-400">no answer</span>
              )}
            </div>
          </Td>
        </tr>
      ))}
    </Table>
  );
}
