import { DescriptionList } from "@/components/ui/description-list";
import { EmptyState } from "@/components/ui/empty-state";
import type { CheckInView, PhotoView } from "@/lib/work-items/views";
import { GpsValue } from "./gps-value";
import { ItemHistoryList } from "./item-history";
import { PhotoThumb } from "./photo-browser";

const card = "rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200";

function Download({ href, children }: { href: string | null; children: React.ReactNode }) {
  return href ? (
    <a href={href} download className="text-sm font-medium text-brand-700 underline">
      {children}
    </a>
  ) : null;
}

/** Check-ins with the data the device sent, and certified service records with their counts. */
export function CheckInsAndCsrs({ checkIns, csrs }: { checkIns: CheckInView[]; csrs: PhotoView[] }) {
  if (checkIns.length === 0 && csrs.length === 0) return <EmptyState title="No check-ins or CSRs yet" />;
  return (
    <ul className="grid gap-4 lg:grid-cols-2">
      {checkIns.map((c) => (
        <li key={c.id} className={card}>
          <h3 className="text-sm font-semibold">Check-in · {c.serviceName}</h3>
          <p className="mb-3 text-xs text-slate-600">
            {c.takenBy ?? "unknown user"}, {c.takenAt ?? c.receivedAt} · {c.distance} from the address
          </p>
          <DescriptionList
            columns={2}
            items={[...c.fields.map((f) => ({ label: f.key, value: f.value })), { label: "GPS", value: <GpsValue gps={c.gps} /> }]}
          />
          <div className="mt-3 space-y-1">
            <Download href={c.urls.download}>Download check-in JSON</Download>
            <ItemHistoryList history={c.history} />
          </div>
        </li>
      ))}
      {csrs.map((c) => (
        <li key={c.id} className={`${card} flex gap-4`}>
          <div className="w-24 shrink-0 sm:w-32">
            <PhotoThumb id={c.id} src={c.urls.thumb} alt={c.alt} />
          </div>
          <div className="min-w-0 space-y-2">
            <h3 className="text-sm font-semibold">Certified service record · {c.serviceName}</h3>
            <p className="text-sm text-slate-700">
              {c.csr?.pictures ?? "?"} photos: {c.csr?.authenticated ?? "?"} authenticated, {c.csr?.certifiedTime ?? "?"} with certified
              time, {c.csr?.certifiedLocation ?? "?"} with certified location.
            </p>
            <p className="text-xs text-slate-600">
              {c.takenBy ?? "unknown user"}, {c.takenAt ?? c.receivedAt} · {c.distance} from the address
            </p>
            <Download href={c.urls.download}>Download CSR</Download>
            <ItemHistoryList history={c.history} />
          </div>
        </li>
      ))}
    </ul>
  );
}
