import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function IntegrationNotFound() {
  return (
    <EmptyState title="This integration does not exist">
      <Link href="/integrations" className="text-brand-700 underline">
        Back to the integrations
      </Link>
    </EmptyState>
  );
}
