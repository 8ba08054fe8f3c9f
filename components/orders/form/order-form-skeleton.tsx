import { SkeletonBlock, SkeletonHeader, SkeletonPage } from "@/components/ui/skeleton";

/** Shaped like the order form: header, then field groups as cards. */
export function OrderFormSkeleton({ label }: { label: string }) {
  return (
    <SkeletonPage label={label}>
      <SkeletonHeader />
      <div className="space-y-4">
        {[2, 6, 2, 2].map((fields, i) => (
          <div key={i} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <SkeletonBlock className="mb-3 h-4 w-40" />
            <div className="grid gap-3 sm:grid-cols-2">
              {Array.from({ length: fields }, (_, j) => (
                <div key={j} className="space-y-1">
                  <SkeletonBlock className="h-3.5 w-24" />
                  <SkeletonBlock className="h-[2.125rem] w-full rounded-md" />
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
    </SkeletonPage>
  );
}
