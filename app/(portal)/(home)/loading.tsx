import { SkeletonBlock, SkeletonHeader, SkeletonPage } from "@/components/ui/skeleton";

// Shaped like the dashboard: four figure tiles, then three count lists.
export default function DashboardLoading() {
  return (
    <SkeletonPage label="Loading the dashboard">
      <div className="space-y-6">
        <SkeletonHeader />
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <div key={i} className="space-y-2 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <SkeletonBlock className="h-4 w-32" />
              <SkeletonBlock className="h-8 w-16" />
              <SkeletonBlock className="h-3 w-40" />
            </div>
          ))}
        </div>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
          {Array.from({ length: 3 }, (_, i) => (
            <div key={i} className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <SkeletonBlock className="h-4 w-40" />
              {Array.from({ length: 6 }, (_, r) => (
                <SkeletonBlock key={r} className="h-4 w-full" />
              ))}
            </div>
          ))}
        </div>
      </div>
    </SkeletonPage>
  );
}
