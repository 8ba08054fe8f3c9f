import type { Metadata } from "next";
import Link from "next/link";
import { CountList, StatTile } from "@/components/dashboard/stat-tile";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { dashboardSummary } from "@/lib/dashboard/summary";
import { formatDateTime } from "@/lib/format";
import { NOT_SET, ordersHref, todayUtc } from "@/lib/orders/list-filters";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const now = new Date();
  const s = await dashboardSummary(now);
  const isAdmin = user.role === "admin";
  const attention = s.integrationsNeedingAttention;
  return (
    <div className="space-y-6">
      <PageHeader
        title="Dashboard"
        description={`${s.openOrders.toLocaleString("en-US")} work orders. Every figure opens the list behind it.`}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <StatTile
          testId="tile-overdue"
          label="Overdue orders"
          value={s.overdue}
          tone={s.overdue ? "alert" : "calm"}
          href={ordersHref({ overdue: true, sort: "due" })}
          hint="Due before today and not complete, closed or canceled."
        />
        <StatTile
          testId="tile-uploads"
          label="Uploads today"
          value={s.uploadsToday}
          href={ordersHref({ uploadedSince: todayUtc(now) })}
          hint={
            <Link href="/uploads" className="underline">
              {s.unmatchedWaiting.toLocaleString("en-US")} waiting in the inbox
            </Link>
          }
          tone={s.unmatchedWaiting ? "warn" : "calm"}
        />
        <StatTile
          testId="tile-dead"
          label="Failed pushes"
          value={s.deadPushes}
          tone={s.deadPushes ? "alert" : "calm"}
          href="/push-log?state=dead"
          hint="Pruvan did not take these order changes."
        />
        <StatTile
          testId="tile-integrations"
          label="Integrations needing attention"
          value={attention.length}
          tone={attention.length ? "warn" : "calm"}
          href={isAdmin ? "/integrations" : undefined}
          hint={isAdmin ? "Never validated, or with an error." : "Never validated, or with an error. An admin can fix these."}
        />
      </div>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <CountList testId="by-status" title="By status (what we set)" rows={countRows(s.byStatus, "status", "not set")} />
        <CountList
          testId="by-pruvan-status"
          title="By Pruvan status (what Pruvan reports)"
          rows={countRows(s.byPruvanStatus, "pruvan", "not reported")}
        />
        <CountList testId="by-client-status" title="By client status" rows={countRows(s.byClientStatus, "client")} />
      </div>
      {attention.length ? (
        <section aria-labelledby="attention-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="attention-title" className="mb-2 text-sm font-semibold text-slate-800">
            Integrations needing attention
          </h2>
          <ul className="divide-y divide-slate-100 text-sm">
            {attention.map((i) => (
              <li key={i.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-1.5">
                <span className="font-medium">{i.username}</span>
                <span className="text-slate-600">{i.name}</span>
                {i.validatedAt ? null : <Badge tone="amber">never validated</Badge>}
                {i.lastError ? <span className="min-w-0 break-words text-red-800">Last error: {i.lastError}</span> : null}
                {i.validatedAt ? <span className="text-xs text-slate-500">validated {formatDateTime(i.validatedAt)}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

/** A count per value, each opening the orders list filtered to that value (`blank` names the orders without one). */
function countRows(counts: { value: string | null; count: number }[], filter: "status" | "pruvan" | "client", blank = "not set") {
  return counts.map((r) => ({ label: r.value ?? blank, count: r.count, href: ordersHref({ [filter]: r.value ?? NOT_SET }) }));
}
