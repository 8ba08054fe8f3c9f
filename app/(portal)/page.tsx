import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { orderCountsByStatus } from "@/lib/orders/queries";

export default async function DashboardPage() {
  await requireUser();
  const counts = await orderCountsByStatus();
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <>
      <PageHeader title="Dashboard" description="Work orders by Pruvan status." />
      <Card title={`${total} open work orders`}>
        {total === 0 ? (
          <p className="text-sm text-slate-600">
            No work orders yet. <Link className="text-brand-700 underline" href="/orders">Go to Orders</Link>.
          </p>
        ) : (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {counts.map((c) => (
              <div key={c.status ?? "not-set"} className="rounded-md bg-slate-50 p-3">
                <dt className="text-xs text-slate-600">{c.status ?? "not set"}</dt>
                <dd className="text-lg font-semibold">{c.count}</dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
    </>
  );
}
