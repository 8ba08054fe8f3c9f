"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { FormMessage } from "@/components/ui/form-message";
import type { WorkResults } from "@/lib/work-items/queries";
import { PhotoThumb } from "./photo-browser";
import { ServiceReviewActions, useReview } from "./photo-review";

const EMPTY_FILTER = {
  unreviewed: "Every photo has been reviewed.",
  approved: "No photo is approved yet.",
  rejected: "No photo is rejected.",
} as const;

/** Photos by service, then evidence type (before, during, after, then custom types), as the review filter allows. Fixed-size boxes: nothing moves as images load. */
export function PhotoGallery({ groups }: { groups: WorkResults["photoGroups"] }) {
  const { matches, filter, notice } = useReview();
  if (groups.length === 0) {
    return <EmptyState title="No photos yet">Photos appear here as soon as Pruvan uploads them for this order.</EmptyState>;
  }
  const shown = groups
    .map((service) => ({
      ...service,
      count: service.groups.reduce((n, g) => n + g.photos.length, 0),
      groups: service.groups.map((g) => ({ ...g, photos: g.photos.filter(matches) })).filter((g) => g.photos.length > 0),
    }))
    .filter((service) => service.groups.length > 0);
  return (
    <div className="space-y-6">
      {notice ? <FormMessage state={notice} /> : null}
      {shown.length === 0 && filter !== "all" ? <EmptyState title={EMPTY_FILTER[filter]} /> : null}
      {shown.map((service) => (
        <div
          key={service.service}
          role="group"
          aria-label={service.service}
          className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <h3 className="text-sm font-semibold text-slate-900">{service.service}</h3>
            <ServiceReviewActions service={service.service} count={service.count} />
          </div>
          <div className="mt-3 flex flex-wrap gap-x-8 gap-y-4">
            {service.groups.map((group) => (
              <div key={group.evidenceType} role="group" aria-label={`${group.label}, ${service.service}`} className="max-w-full">
                <h4 className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                  {group.label} <span className="font-normal normal-case">· {group.photos.length}</span>
                </h4>
                <ul className="flex flex-wrap gap-2">
                  {group.photos.map((p) => (
                    <li key={p.id} className="w-24 sm:w-36">
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
