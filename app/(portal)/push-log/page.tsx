import type { Metadata } from "next";
import Link from "next/link";
import { PushLogFilter } from "@/components/push/push-log-filter";
import { PushBatchesTable, PushLogTable, pushJobLabel } from "@/components/push/push-log-table";
import { Notice } from "@/components/ui/notice";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import {
  PUSH_STATES,
  getPushJob,
  listPushBatchPage,
  listPushLog,
  pushLogHref,
  pushLogQuerySchema,
  type PushLogQuery,
} from "@/lib/push/queries";

export const metadata: Metadata = { title: "Push log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PushLogPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = await searchParams;
  const query = pushLogQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [log, handled] = await Promise.all([
    listPushLog(query.view === "calls" ? { ...query, state: undefined, page: 1 } : query),
    query.retried || query.discarded ? getPushJob((query.retried ?? query.discarded)!) : null,
  ]);
  const all = Object.values(log.counts).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Push log"
        description="Order changes sent to Pruvan through each integration's push key: state, attempts and Pruvan's last answer. Failed pushes retry by themselves; “Retry now” sends one at once."
      />
      {handled ? (
        <Notice tone="success" role="status" title={query.retried ? "Queued again" : "Discarded"}>
          {query.retried
            ? `The ${pushJobLabel(handled)} is ${handled.state === "delivered" ? "delivered" : `${handled.state}: it is sent with the next push, within seconds`}.`
            : `The ${pushJobLabel(handled)} is discarded: Pruvan will not get this change.`}
        </Notice>
      ) : null}
      <nav aria-label="Push log views" className="flex gap-4 border-b border-slate-200 text-sm font-medium">
        <ViewTab href={pushLogHref({ integration: query.integration })} active={query.view === "jobs"} label="Push jobs" />
        <ViewTab
          href={pushLogHref({ integration: query.integration, view: "calls" })}
          active={query.view === "calls"}
          label="Calls to Pruvan"
        />
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-3">
        {query.view === "jobs" ? (
          <nav aria-label="Push job states" className="flex flex-wrap gap-1">
            <StateTab href={pushLogHref({ integration: query.integration })} active={!query.state} label="All" count={all} />
            {PUSH_STATES.map((state) => (
              <StateTab
                key={state}
                href={pushLogHref({ integration: query.integration, state })}
                active={query.state === state}
                label={state[0]!.toUpperCase() + state.slice(1)}
                count={log.counts[state]}
              />
            ))}
          </nav>
        ) : (
          <p className="text-sm text-slate-600">One row per call to a push key: how many orders it carried and what Pruvan answered.</p>
        )}
        <PushLogFilter
          key={query.integration ?? ""}
          view={query.view}
          state={query.state}
          integration={query.integration}
          integrations={log.integrations}
        />
      </div>
      {query.view === "calls" ? (
        <PushCalls query={query} />
      ) : log.jobs.length === 0 ? (
        <EmptyState title={all === 0 && !query.integration ? "Nothing has been pushed yet" : "No push jobs match"}>
          {query.state || query.integration ? (
            <Link href="/push-log" className="text-brand-700 underline">
              Show every push job
            </Link>
          ) : (
            "Orders of integrations with a push key are sent here when they change."
          )}
        </EmptyState>
      ) : (
        <>
          <PushLogTable jobs={log.jobs} canDiscard={user.role === "admin"} back={pushLogHref(query)} />
          <Pagination of={log} noun="push jobs" href={(page) => pushLogHref({ ...query, page })} />
        </>
      )}
    </div>
  );
}

async function PushCalls({ query }: { query: PushLogQuery }) {
  const calls = await listPushBatchPage(query);
  if (calls.batches.length === 0) return <EmptyState title="No call to a push key yet" />;
  return (
    <>
      <PushBatchesTable batches={calls.batches} />
      <Pagination of={calls} noun="calls" href={(page) => pushLogHref({ ...query, page })} />
    </>
  );
}

function ViewTab({ href, active, label }: { href: string; active: boolean; label: string }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`-mb-px border-b-2 px-1 pb-2 ${active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
}

function StateTab({ href, active, label, count }: { href: string; active: boolean; label: string; count: number }) {
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 ${
        active ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      {label} <span className={`tabular-nums ${active ? "text-white" : "text-slate-500"}`}>({count.toLocaleString("en-US")})</span>
    </Link>
  );
}
