import type { Metadata } from "next";
import { MappingColumns, MappingForm } from "@/components/status-mapping/mapping-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";
import { checkMappingStatus, PRUVAN_STATUSES, STATUS_RULES_TEXT } from "@/lib/pruvan/statuses";
import { listStatusMappings } from "@/lib/status-mapping/queries";

export const metadata: Metadata = { title: "Status mapping" };

export default async function StatusMappingPage() {
  await requireAdmin();
  const mappings = await listStatusMappings();
  return (
    <div className="space-y-6">
      <PageHeader
        title="Status mapping"
        description="Which Pruvan status each of your client statuses sets. An order whose own Pruvan status is not set sends the status its client status maps to, where its integration may set one."
      />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-4">
          <Card title="Add a mapping">
            <MappingForm />
          </Card>
          <section aria-labelledby="mappings-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h2 id="mappings-title" className="mb-3 text-sm font-semibold text-slate-800">
              Mapped client statuses <span className="font-normal text-slate-500">({mappings.length})</span>
            </h2>
            {mappings.length === 0 ? (
              <p className="text-sm text-slate-600">No client status is mapped: Pruvan gets client statuses as text only.</p>
            ) : (
              <>
                <MappingColumns />
                <ul className="divide-y divide-slate-100">
                  {mappings.map((m) => (
                    <li key={m.id} className="py-3 first:pt-0 last:pb-0">
                      <MappingForm mapping={m} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
        <Card title="The rules (Pruvan's remote status rules)">
          <p className="mb-2 text-xs text-slate-600">
            A mapping applies to every integration. External integrations without auto_admin never send a Pruvan status, mapped or not.
            Changing a mapping sends the orders it moves (those with that client status and no Pruvan status of their own) to Pruvan again.
          </p>
          <ul className="space-y-1.5 text-sm" aria-label="Rule for each Pruvan status">
            {PRUVAN_STATUSES.map((s) => {
              const ok = checkMappingStatus(s, { confirmDelete: true }).ok;
              return (
                <li key={s}>
                  <span className={`font-medium ${ok ? "text-slate-900" : "text-slate-400 line-through"}`}>{s}</span>
                  <span className="sr-only">{ok ? " (may be mapped)" : " (may not be mapped)"}</span>:{" "}
                  <span className="text-slate-700">{STATUS_RULES_TEXT[s]}</span>
                </li>
              );
            })}
          </ul>
        </Card>
      </div>
    </div>
  );
}
