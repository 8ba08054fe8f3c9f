import { SkeletonBlock, SkeletonHeader, SkeletonPage, SkeletonTable } from "@/components/ui/skeleton";

// Shaped like the push log: view tabs, state tabs and the integration filter, then the jobs table.
export default function PushLogLoading() {
  return (
    <SkeletonPage label="Loading the push log">
      <div className="space-y-4">
        <SkeletonHeader />
        <div className="flex gap-4 border-b border-slate-200 pb-2">
          <SkeletonBlock className="h-4 w-20" />
          <SkeletonBlock className="h-4 w-28" />
        </div>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="flex flex-wrap gap-1">
            {Array.from({ length: 6 }, (_, i) => (
              <SkeletonBlock key={i} className="h-8 w-24 rounded-md" />
            ))}
          </div>
          <SkeletonBlock className="h-[3.25rem] w-64" />
        </div>
        <SkeletonTable columns={7} rows={10} rowClass="h-[3.25rem]" />
      </div>
    </SkeletonPage>
  );
}
