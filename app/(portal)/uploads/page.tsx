import type { Metadata } from "next";
import Link from "next/link";
import { InboxBanner, type InboxOutcome } from "@/components/uploads/inbox-banner";
import { InboxItemCard } from "@/components/uploads/inbox-item";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requireUser } from "@/lib/auth/session";
import { getInboxItem, inboxQuerySchema, listInbox, type InboxView } from "@/lib/work-items/inbox";

export const metadata: Metadata = { title: "Uploads" };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function UploadsPage({ searchParams }: { searchParams: Promise<Params> }) {
  await requireUser();
  const params = await searchParams;
  const query = inboxQuerySchema.parse({ view: first(params.view), page: first(params.page) });
  const [inbox, outcome] = await Promise.all([listInbox(query), lastOutcome(params)]);
  const href = (view: InboxView, page = 1) =>
    `/uploads?${new URLSearchParams({ ...(view !== "waiting" ? { view } : {}), ...(page > 1 ? { page: String(page) } : {}) })}`;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Uploads inbox"
        description="Photos, surveys and check-ins from Pruvan that matched no work order. Assign each to its order, or discard it."
      />
      {outcome ? <InboxBanner outcome={outcome} /> : null}
      <nav aria-label="Inbox views" className="flex gap-1">
        {(["waiting", "discarded"] as const).map((view) => (
          <Link
            key={view}
            href={href(view)}
            aria-current={query.view === view ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ring-1 ${
              query.view === view ? "bg-brand-600 text-white ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
            }`}
          >
            {view === "waiting" ? "Waiting" : "Discarded"}{" "}
            <span className="tabular-nums">({inbox.counts[view].toLocaleString("en-US")})</span>
          </Link>
        ))}
      </nav>
      {inbox.items.length === 0 ? (
        query.view === "waiting" ? (
          <EmptyState title="Nothing waiting">Every item Pruvan sent matched a work order.</EmptyState>
        ) : (
          <EmptyState title="Nothing discarded" />
        )
      ) : (
        <>
          <ul className="space-y-3" aria-label={query.view === "waiting" ? "Unmatched uploads" : "Discarded uploads"}>
            {inbox.items.map((item) => (
              <InboxItemCard key={item.id} item={item} place={{ view: query.view, page: inbox.page }} />
            ))}
          </ul>
          <Pagination of={inbox} noun="uploads" href={(page) => href(query.view, page)} />
        </>
      )}
    </div>
  );
}

/** The confirmation for ?assigned= / ?discarded= / ?restored=, from the item's current state. */
async function lastOutcome(params: Params): Promise<InboxOutcome | null> {
  for (const kind of ["assigned", "discarded", "restored"] as const) {
    const id = first(params[kind]);
    if (!id) continue;
    const item = await getInboxItem(id);
    if (!item) return null;
    if (kind === "assigned" && item.match === "matched" && item.workOrder) {
      return {
        kind,
        orderId: item.workOrder.id,
        workOrderNumber: item.workOrder.workOrderNumber,
        serviceName: item.service?.serviceName ?? null,
      };
    }
    if (kind === "discarded" && item.match === "discarded") return { kind, itemId: item.id, key2: item.key2 };
    if (kind === "restored" && item.match === "unmatched") return { kind, key2: item.key2 };
  }
  return null;
}
