import { SkeletonBlock, SkeletonHeader, SkeletonPage, SkeletonTable } from "@/components/ui/skeleton";

// Shaped like the orders page: header with its actions, the filter form, the table.
export default function OrdersLoading() {
  return (
    <SkeletonPage label="Loading orders">
      <div className="space-y-4">
        <SkeletonHeader actions={3} />
        <div className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6">
            {/* On a phone the form shows the search alone until asked (OrderFilterForm). */}
            {[2, 1, 1, 1, 1, 1, 1, 2, 2].map((span, i) => (
              <div key={i} className={`space-y-1 ${span === 2 ? "sm:col-span-2" : ""} ${i > 0 && i < 8 ? "hidden md:block" : ""}`}>
                <SkeletonBlock className="h-3 w-20" />
                <SkeletonBlock className="h-[2.125rem] w-full rounded-md" />
              </div>
            ))}
          </div>
        </div>
        <SkeletonTable columns={6} rows={12} rowClass="h-[3.25rem]" />
      </div>
    </SkeletonPage>
  );
}
