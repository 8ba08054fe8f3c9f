import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { OrderSync, SentField } from "@/lib/orders/sync-state";

const CALL = {
  push: "a push",
  "full-refresh": "a Full Refresh (getWorkOrders)",
  "incremental-pull": "an Import Orders (getWorkOrders)",
} as const;

/** What Pruvan last received of the order and what the next call sends (server-rendered; no secrets). */
export function OrderSyncPanel({ sync }: { sync: OrderSync }) {
  const { received } = sync;
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="order-sync">
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="text-sm font-semibold text-slate-900">Pruvan last received</h3>
        {received ? (
          <>
            <p className="mt-1 text-sm text-slate-600" data-testid="sync-received">
              {formatDateTime(received.at)}, by {CALL[received.by]}
              {received.pending ? (
                <>
                  {" "}
                  <Badge tone="amber">answer not yet confirmed read</Badge>
                </>
              ) : null}
            </p>
            <FieldList fields={received.fields} />
            {received.services.length > 0 ? <p className="mt-2 text-xs text-slate-500">Services: {received.services.join(", ")}</p> : null}
          </>
        ) : (
          <p className="mt-1 text-sm text-slate-600" data-testid="sync-received">
            Never: the next call sends the order in full.
          </p>
        )}
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="text-sm font-semibold text-slate-900">
          The next {sync.via === "push" ? "push or Import Orders" : "Import Orders"} sends
        </h3>
        {sync.nextUpdate ? (
          <div data-testid="sync-next">
            <FieldList fields={sync.nextUpdate} />
            <p className="mt-2 text-xs text-slate-500">
              {sync.nextServices ? `Services (all of them): ${sync.nextServices.join(", ")}` : "Services: left out (unchanged)"}
            </p>
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-600" data-testid="sync-next">
            Nothing: this integration cannot delete an order in Pruvan.
          </p>
        )}
        {sync.fullRefreshOmits.length > 0 ? (
          <p className="mt-2 text-xs text-slate-500">
            A Full Refresh sends the order in full except what Pruvan already has of: {sync.fullRefreshOmits.join(", ")}.
          </p>
        ) : null}
        {sync.notUpdatable.length > 0 ? (
          <p className="mt-2 text-xs text-amber-800" data-testid="sync-not-updatable">
            Changed here, but Pruvan does not update these once the order exists: {sync.notUpdatable.join(", ")}.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function FieldList({ fields }: { fields: SentField[] }) {
  return (
    <dl className="mt-2 space-y-1 text-sm">
      {fields.map((f) => (
        <div key={f.field} className="flex gap-2">
          <dt className="w-40 shrink-0 text-slate-500">{f.field}</dt>
          <dd className="min-w-0 break-words text-slate-900">{f.cleared ? <Badge>cleared (sent empty)</Badge> : f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
