import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function OrderNotFound() {
  return (
    <EmptyState title="This work order does not exist">
      It may have been removed, or the link is wrong.{" "}
      <Link href="/orders" className="text-brand-700 underline">
        Back to the orders
      </Link>
    </EmptyState>
  );
}
