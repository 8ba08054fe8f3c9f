"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { applyImportAction, previewImportAction } from "@/lib/actions/order-import";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CheckboxField, SelectField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { Notice, Warnings } from "@/components/ui/notice";
import { Table, Td } from "@/components/ui/table";
import type { FormState } from "@/lib/auth/action";
import type { ImportReport } from "@/lib/orders/import-report";

type IntegrationChoice = { id: string; username: string; name: string };

/**
 * Import in two steps: upload and see what would happen (a dry run), then apply that file.
 * Applying runs in the background: the action leads to the job's address (?job=), which
 * follows it and survives a reload.
 */
export function ImportOrders({ integrations }: { integrations: IntegrationChoice[] }) {
  const [preview, previewAction, previewing] = useActionState<FormState<ImportReport>, FormData>(previewImportAction, {});
  // Applying answers with the job's address; only a refusal comes back here.
  const [applied, applyAction, applying] = useActionState<FormState, FormData>(applyImportAction, {});
  // The preview shows until it is put aside with "choose another file".
  const [dismissed, setDismissed] = useState<object[]>([]);
  const report = preview.ok && !dismissed.includes(preview) ? preview.result : undefined;
  return (
    <div className="space-y-4">
      {/* An apply that was refused (e.g. the preview expired) says why. */}
      {!applied.ok && applied.message ? <FormMessage state={applied} /> : null}
      {!report ? (
        <UploadForm integrations={integrations} state={preview} action={previewAction} pending={previewing} />
      ) : (
        <>
          <ReportView report={report} />
          {report.stagedId ? (
            <form
              action={applyAction}
              className="flex flex-wrap items-center gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
            >
              <input type="hidden" name="stagedId" value={report.stagedId} />
              {report.confirmDelete ? <input type="hidden" name="confirmDelete" value="on" /> : null}
              <Button type="submit" disabled={applying || report.counts.created + report.counts.updated + report.counts.deleted === 0}>
                {applying ? "Starting…" : `Apply: ${applySummary(report)}`}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setDismissed((d) => [...d, preview])}>
                Choose another file
              </Button>
              <p className="text-xs text-slate-600">
                Rows with errors are left out; each good row is applied on its own. It runs in the background with a progress bar: you may
                leave the page and come back.
              </p>
            </form>
          ) : null}
        </>
      )}
    </div>
  );
}

function applySummary(r: ImportReport) {
  const parts = [
    ["create", r.counts.created],
    ["update", r.counts.updated],
    ["delete", r.counts.deleted],
  ] as const;
  const text = parts
    .filter(([, n]) => n > 0)
    .map(([verb, n]) => `${verb} ${n}`)
    .join(", ");
  return text || "nothing to change";
}

function UploadForm({
  integrations,
  state,
  action,
  pending,
}: {
  integrations: IntegrationChoice[];
  state: FormState<ImportReport>;
  action: (data: FormData) => void;
  pending: boolean;
}) {
  return (
    <form action={action} className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          label="Integration (Pruvan account)"
          name="integrationId"
          defaultValue={state.values?.integrationId}
          error={state.errors?.integrationId}
        >
          {integrations.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} ({i.username})
            </option>
          ))}
        </SelectField>
        <div className="space-y-1">
          <label htmlFor="file" className="block text-sm font-medium text-slate-700">
            File (JSON or CSV)
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-brand-700 hover:file:bg-brand-100"
            aria-invalid={state.errors?.file ? true : undefined}
            aria-describedby={state.errors?.file ? "file-error" : "file-hint"}
          />
          {state.errors?.file ? (
            <p id="file-error" className="text-xs text-red-700" role="alert">
              {state.errors.file[0]}
            </p>
          ) : (
            <p id="file-hint" className="text-xs text-slate-500">
              Up to 20 MB.
            </p>
          )}
        </div>
        <SelectField label="Format" name="format" defaultValue={state.values?.format ?? "auto"} error={state.errors?.format}>
          <option value="auto">From the file name</option>
          <option value="json">JSON</option>
          <option value="csv">CSV</option>
        </SelectField>
      </div>
      <CheckboxField
        name="confirmDelete"
        label='Rows with status "deleted" delete their orders'
        hint="Pruvan's rule: deleting needs an explicit confirmation. Without it, such rows are refused."
        defaultChecked={state.values?.confirmDelete === "on"}
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Preview (dry run)"}
      </Button>
    </form>
  );
}

const actionTone = { created: "green", updated: "blue", deleted: "red", unchanged: "gray", error: "red" } as const;

/** What an import did, or in a dry run would do: counts, warnings and rows. */
export function ReportView({ report, message }: { report: ImportReport; message?: string }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), [report]);
  const c = report.counts;
  const tiles = [
    ["Created", c.created],
    ["Updated", c.updated],
    ["Deleted", c.deleted],
    ["Unchanged", c.unchanged],
    ["Errors", c.errors],
  ] as const;
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="import-report-title" className="space-y-3 focus:outline-none">
      <h2 id="import-report-title" className="text-base font-semibold text-slate-900">
        {report.dryRun ? "Dry run: nothing was saved yet" : "Imported"}
        <span className="ml-2 text-sm font-normal text-slate-600">
          {report.fileName} · {report.format.toUpperCase()} · {report.integration}
        </span>
      </h2>
      {message ? <Notice tone="success" role="status" title={message} /> : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="import-counts">
        {tiles.map(([label, n]) => (
          <div key={label} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs font-medium text-slate-500">
              {report.dryRun && label !== "Errors" && label !== "Unchanged" ? `Would be ${label.toLowerCase()}` : label}
            </dt>
            <dd className={`text-2xl font-semibold tabular-nums ${label === "Errors" && n > 0 ? "text-red-700" : "text-slate-900"}`}>
              {n}
            </dd>
          </div>
        ))}
      </dl>
      <Warnings warnings={report.warnings} title="Warnings" />
      {report.rows.length ? (
        <Table head={["Row", "Work order", "Result", "Details"]} caption="What happens to each row">
          {report.rows.map((row) => (
            <tr key={row.at} data-testid="import-row">
              <Td className="tabular-nums">{row.at}</Td>
              <Td className="font-medium">{row.workOrderNumber ?? "-"}</Td>
              <Td>
                <Badge tone={actionTone[row.action]}>
                  {report.dryRun && row.action !== "error" && row.action !== "unchanged" ? `will be ${row.action}` : row.action}
                </Badge>
              </Td>
              <Td className="whitespace-normal text-red-800">
                <span className="block max-w-xl">{row.message ?? ""}</span>
              </Td>
            </tr>
          ))}
        </Table>
      ) : null}
      {report.rowsNotShown ? (
        <p className="text-sm text-slate-600">
          {report.rowsNotShown.toLocaleString("en-US")} more rows are counted above but not listed: the list holds every refused row (up to
          1,000) and the first 200 others.
        </p>
      ) : null}
    </section>
  );
}
