import type { Metadata } from "next";
import Link from "next/link";
import { OrderForm } from "@/components/orders/form/order-form";
import { EmptyState } from "@/components/ui/empty-state";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { orderFormOptions } from "@/lib/orders/form-options";

export const metadata: Metadata = { title: "New order" };

type Props = { searchParams: Promise<{ integration?: string | string[] }> };

export default async function NewOrderPage({ searchParams }: Props) {
  const user = await requireUser();
  const [{ integrations, mappings }, params] = await Promise.all([orderFormOptions(), searchParams]);
  const wanted = typeof params.integration === "string" ? params.integration : undefined;
  const preselected = integrations.find((i) => i.id === wanted || i.username === wanted) ?? integrations[0];
  return (
    <>
      <Breadcrumbs trail={[{ href: "/orders", label: "Orders" }]} current="New order" />
      <PageHeader
        title="New order"
        description="A Pruvan work order: Pruvan pulls it onto your crews' phones, or gets it pushed when the integration has a push key."
      />
      {preselected ? (
        <OrderForm
          mode="create"
          integrations={integrations}
          mappings={mappings}
          initial={{ fields: { integrationId: preselected.id }, services: [] }}
        />
      ) : (
        <EmptyState title="No Pruvan account is connected yet">
          Every order belongs to an integration (a Pruvan account).{" "}
          {user.role === "admin" ? (
            <Link href="/integrations" className="text-brand-700 underline">
              Create an integration first.
            </Link>
          ) : (
            "Ask an admin to create one."
          )}
        </EmptyState>
      )}
    </>
  );
}
