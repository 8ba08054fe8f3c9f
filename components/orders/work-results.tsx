import { Section } from "@/components/ui/section";
import type { ReviewFilter } from "@/lib/photo-review/schemas";
import type { WorkResults as Results } from "@/lib/work-items/queries";
import { CheckInsAndCsrs } from "./check-ins";
import { OtherFiles } from "./other-files";
import { PhotoBrowser } from "./photo-browser";
import { PhotoGallery } from "./photo-gallery";
import { ReviewFilterBar } from "./photo-review";
import { SurveyThreads } from "./survey-threads";
import { VideoList } from "./videos";

/** What the crew sent for an order. One lightbox serves every photo on the page. */
export function WorkResults({ orderId, results, reviewFilter }: { orderId: string; results: Results; reviewFilter: ReviewFilter }) {
  const photoCount = results.photoGroups.reduce((n, s) => n + s.groups.reduce((m, g) => m + g.photos.length, 0), 0);
  return (
    <PhotoBrowser orderId={orderId} photos={results.photos} initialFilter={reviewFilter}>
      <div className="space-y-8">
        <Section id="photos" title="Photos" count={photoCount} actions={<ReviewFilterBar photos={results.photos} />}>
          <PhotoGallery groups={results.photoGroups} />
        </Section>
        <Section id="surveys" title="Surveys" count={results.surveys.length}>
          <SurveyThreads orderId={orderId} threads={results.surveys} />
        </Section>
        <Section id="check-ins" title="Check-ins and CSRs" count={results.checkIns.length + results.csrs.length}>
          <CheckInsAndCsrs checkIns={results.checkIns} csrs={results.csrs} />
        </Section>
        <Section id="videos" title="Videos" count={results.videos.length}>
          <VideoList videos={results.videos} />
        </Section>
        {results.files.length ? (
          <Section id="files" title="Other files" count={results.files.length}>
            <OtherFiles files={results.files} />
          </Section>
        ) : null}
      </div>
    </PhotoBrowser>
  );
}

/** Jump links to the page's sections, with their counts. */
export function OrderSectionNav({ results }: { results: Results }) {
  const links = [
    ["#photos", "Photos", results.photos.length - results.csrs.length],
    ["#surveys", "Surveys", results.surveys.length],
    ["#check-ins", "Check-ins and CSRs", results.checkIns.length + results.csrs.length],
    ["#videos", "Videos", results.videos.length],
    ["#services", "Services", null],
    ["#fields", "Order fields", null],
    ["#timeline", "Timeline", null],
  ] as const;
  return (
    <nav aria-label="On this page" className="-mx-1 flex flex-wrap gap-1 text-sm">
      {links.map(([href, label, count]) => (
        <a key={href} href={href} className="rounded-md px-2 py-1 font-medium text-brand-700 hover:bg-brand-50">
          {label}
          {count !== null ? <span className="ml-1 text-slate-500">{count}</span> : null}
        </a>
      ))}
    </nav>
  );
}
