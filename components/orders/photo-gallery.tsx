import { EmptyState } from "@/components/ui/empty-state";
import type { WorkResults } from "@/lib/work-items/queries";
import { PhotoThumb } from "./photo-browser";

const GRID = "grid grid-cols-3 gap-2 sm:grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))]";

/** Photos by service, then evidence type (before, during, after, then custom types). */
export function PhotoGallery({ groups }: { groups: WorkResults["photoGroups"] }) {
  if (groups.length === 0) {
    return <EmptyState title="No photos yet">Photos appear here as soon as Pruvan uploads them for this order.</EmptyState>;
  }
  return (
    <div className="space-y-6">
      {groups.map((service) => (
        <div key={service.service} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h3 className="text-sm font-semibold text-slate-900">{service.service}</h3>
          <div className="mt-3 space-y-4">
            {service.groups.map((group) => (
              <div key={group.evidenceType} role="group" aria-label={`${group.label}, ${service.service}`}>
                <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  {group.label} <span className="font-normal normal-case">· {group.photos.length}</span>
                </h4>
                <ul className={GRID}>
                  {group.photos.map((p) => (
                    <li key={p.id}>
                      <PhotoThumb id={p.id} src={p.urls.thumb} alt={p.alt} badge={p.video ? "Video" : undefined} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
