import type { Metadata } from "next";
import Link from "next/link";
import { PushLogFilter } from "@/components/push/push-log-filter";
import { PushLogTable } from "@/components/push/push-log-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import { PUSH_STATES, listPushLog, pushLogHref, pushLogQuerySchema } from "@/lib/push/log";

export const metadata: Metadata = { title: "Push log" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PushLogPage({ searchParams }: Props) {
  await requireUser();
  const raw = await searchParams;
  const query = pushLogQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const log = await listPushLog(query);
  const all = Object.values(log.counts).reduce((a, b) => a + b, 0);
  return (
    <div className="space-y-4">
      <PageHeader title="Push log" description="Order changes sent to Pruvan through each integration's push key: state, attempts and Pruvan's last answer." />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <nav aria-label="Push job states" className="flex flex-wrap gap-1">
          <StateTab href={pushLogHref({ integration: query.integration })} active={!query.state} label="All" count={all} />
          {PUSH_STATES.map((state) => (
            <StateTab key={state} href={pushLogHref({ integration: query.integration, state })} active={query.state === state} label={state[0]!.toUpperCase() + state.slice(1)} count={log.counts[state]} />
          ))}
        </nav>
        <PushLogFilter key={query.integration ?? ""} state={query.state} integration={query.integration} integrations={log.integrations} />
      </div>
      {log.jobs.length === 0 ? (
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
          <PushLogTable jobs={log.jobs} />
          <Pagination page={log.page} pageCount={log.pageCount} total={log.total} size={log.size} noun="push jobs" href={(page) => pushLogHref({ ...query, page })} />
        </>
      )}
    </div>
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
