import { DescriptionList } from "@/components/ui/description-list";
import type { OrderDetail } from "@/lib/orders/order-detail";
import { instructionsHtml } from "./order-fields";

const ATTRIBUTES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;

/** The order's services (Pruvan tasks) as "Available workOrder service Object Fields" lists them. */
export function OrderServices({ services }: { services: OrderDetail["services"] }) {
  if (services.length === 0) return <p className="text-sm text-slate-600">This order has no services.</p>;
  return (
    <ol className="grid gap-4 md:grid-cols-2">
      {services.map((s) => {
        const attributes = ATTRIBUTES.filter((n) => s[`attribute${n}`]).map((n) => `Attribute ${n}: ${s[`attribute${n}`]}`);
        return (
          <li key={s.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h3 className="mb-3 text-sm font-semibold">
              {s.position + 1}. {s.serviceName}
              <span className="ml-2 text-xs font-normal text-slate-500">{s._count.workItems} items received</span>
            </h3>
            <DescriptionList
              columns={2}
              items={[
                { label: "Survey template", value: s.survey ? <code className="text-xs">{s.survey}</code> : null },
                { label: "Pruvan task id (key3)", value: s.pruvanTaskId },
                { label: "Source service", value: s.sourceService },
                { label: "Source service id", value: s.sourceServiceId },
                { label: "Instructions", value: instructionsHtml(s.instructions) },
                {
                  label: "Options",
                  value: s.options ? <pre className="overflow-x-auto text-xs">{JSON.stringify(s.options, null, 2)}</pre> : null,
                },
                { label: "Attributes", value: attributes.length ? attributes.join("; ") : null },
              ]}
            />
          </li>
        );
      })}
    </ol>
  );
}
