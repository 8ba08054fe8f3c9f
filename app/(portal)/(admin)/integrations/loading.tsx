import { SkeletonBlock, SkeletonHeader, SkeletonPage, SkeletonTable } from "@/components/ui/skeleton";

// Shaped like the integrations page: the table, then the new-integration card.
export default function IntegrationsLoading() {
  return (
    <SkeletonPage label="Loading integrations">
      <div className="space-y-6">
        <SkeletonHeader />
        <SkeletonTable columns={10} rows={4} />
        <SkeletonBlock className="h-48 w-full rounded-lg" />
      </div>
    </SkeletonPage>
  );
}
