import { SkeletonBlock, SkeletonHeader, SkeletonPage } from "@/components/ui/skeleton";

// Shaped like the inbox: the view tabs, then item cards (preview, facts, forms).
export default function UploadsLoading() {
  return (
    <SkeletonPage label="Loading the uploads inbox">
      <div className="space-y-4">
        <SkeletonHeader />
        <div className="flex gap-1">
          <SkeletonBlock className="h-8 w-28 rounded-md" />
          <SkeletonBlock className="h-8 w-28 rounded-md" />
        </div>
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className="flex flex-col gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row">
            <SkeletonBlock className="h-28 w-28 shrink-0 rounded-md" />
            <div className="flex-1 space-y-3">
              <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
                {Array.from({ length: 8 }, (_, c) => (
                  <SkeletonBlock key={c} className="h-8" />
                ))}
              </div>
              <SkeletonBlock className="h-9 w-full max-w-md rounded-md" />
            </div>
          </div>
        ))}
      </div>
    </SkeletonPage>
  );
}
