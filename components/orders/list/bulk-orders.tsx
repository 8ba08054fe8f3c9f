"use client";

import { useRouter } from "next/navigation";
import { createContext, useActionState, useContext, useEffect, useState } from "react";
import { startBulkChangeAction, type StartedBulkChange } from "@/lib/actions/bulk-orders";
import { JobProgressBar, jobFinished, useJob } from "@/components/jobs/job-progress";
import { Button, buttonClass } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/confirm-dialog";
import { ModalDialog } from "@/components/ui/dialog";
import { CheckboxField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/auth/action";
import type { JobView } from "@/lib/jobs/queue";
import { BULK_ACTIONS, type BulkAction, type BulkResult } from "@/lib/orders/bulk-change";

// Bulk work on the orders list: rows are picked with their checkboxes (or every order
// matching the filters), then one change is applied to all of them in the background,
// with a progress bar and a result (changed, unchanged, refused and why).

type Scope = "picked" | "matching";
type Selection = {
  picked: Set<string>;
  toggle: (id: string, on: boolean) => void;
  pageIds: string[];
  scope: Scope;
  setScope: (s: Scope) => void;
  setPicked: (ids: string[]) => void;
};

const SelectionContext = createContext<Selection | null>(null);
const useSelection = () => {
  const selection = useContext(SelectionContext);
  if (!selection) throw new Error("inside <BulkOrders> only");
  return selection;
};

/** Holds what is picked on this page; remount it (key) when the list's query changes. */
export function BulkOrders({ pageIds, children }: { pageIds: string[]; children: React.ReactNode }) {
  const [picked, setPickedSet] = useState<Set<string>>(new Set());
  const [scope, setScope] = useState<Scope>("picked");
  const selection: Selection = {
    picked,
    pageIds,
    scope,
    setScope,
    setPicked: (ids) => {
      setPickedSet(new Set(ids));
      if (ids.length < pageIds.length) setScope("picked");
    },
    toggle: (id, on) => {
      const next = new Set(picked);
      if (on) next.add(id);
      else next.delete(id);
      setPickedSet(next);
      if (!on) setScope("picked");
    },
  };
  return <SelectionContext.Provider value={selection}>{children}</SelectionContext.Provider>;
}

/** A row's checkbox. */
export function PickRow({ id, workOrderNumber }: { id: string; workOrderNumber: string }) {
  const { picked, toggle } = useSelection();
  return (
    <input
      type="checkbox"
      className="size-4 rounded border-slate-300"
      aria-label={`Pick ${workOrderNumber}`}
      checked={picked.has(id)}
      onChange={(e) => toggle(id, e.target.checked)}
    />
  );
}

/** The header's checkbox: every row of this page. */
export function PickPage() {
  const { picked, pageIds, setPicked } = useSelection();
  const all = pageIds.length > 0 && pageIds.every((id) => picked.has(id));
  return (
    <input
      type="checkbox"
      className="size-4 rounded border-slate-300"
      aria-label="Pick every order on this page"
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = !all && picked.size > 0;
      }}
      onChange={(e) => setPicked(e.target.checked ? pageIds : [])}
    />
  );
}

const n = (count: number) => count.toLocaleString("en-US");
const orders = (count: number) => `${n(count)} ${count === 1 ? "order" : "orders"}`;

/** The bar above the table: what is picked, the scope, and the changes. */
export function BulkBar({
  total,
  listQuery,
  isAdmin,
  clientStatuses,
}: {
  total: number;
  listQuery: string;
  isAdmin: boolean;
  clientStatuses: string[];
}) {
  const { picked, pageIds, scope, setScope, setPicked } = useSelection();
  // What the dialog works on, fixed when it opens (the list behind it changes when the job ends).
  const [open, setOpen] = useState<{ action: BulkAction; count: number } | null>(null);
  const count = scope === "matching" ? total : picked.size;
  const pickedIds = pageIds.filter((id) => picked.has(id));
  const allOnPage = pageIds.length > 0 && pickedIds.length === pageIds.length;
  const exportHref = `/orders/export?${listQuery}${scope === "picked" ? `${listQuery ? "&" : ""}ids=${pickedIds.join(",")}` : ""}`;
  const actions = (Object.keys(BULK_ACTIONS) as BulkAction[]).filter((a) => a !== "forcePush" || isAdmin);
  return (
    <section
      aria-label="Bulk changes"
      className="flex flex-wrap items-center gap-2 rounded-lg bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-slate-200"
    >
      <p className="mr-auto text-slate-700" aria-live="polite">
        {scope === "matching" ? (
          <>
            <strong>All {orders(total)}</strong> matching the filters are picked.{" "}
            <button type="button" className="text-brand-700 underline" onClick={() => setPicked([])}>
              Clear
            </button>
          </>
        ) : picked.size > 0 ? (
          <>
            <strong>{orders(picked.size)}</strong> picked.{" "}
            {allOnPage && total > pageIds.length ? (
              <button type="button" className="text-brand-700 underline" onClick={() => setScope("matching")}>
                Pick all {orders(total)} matching the filters
              </button>
            ) : null}{" "}
            <button type="button" className="text-brand-700 underline" onClick={() => setPicked([])}>
              Clear
            </button>
          </>
        ) : (
          <>
            Pick rows to change them together, or{" "}
            <button type="button" className="text-brand-700 underline" onClick={() => (setPicked(pageIds), setScope("matching"))}>
              pick all {orders(total)} matching the filters
            </button>
            .
          </>
        )}
      </p>
      {actions.map((a) => (
        <Button
          key={a}
          type="button"
          variant={a === "delete" ? "danger" : "secondary"}
          disabled={count === 0}
          onClick={() => setOpen({ action: a, count })}
          aria-haspopup="dialog"
        >
          {BULK_ACTIONS[a]}…
        </Button>
      ))}
      {count > 0 ? (
        <a href={exportHref} className={buttonClass("secondary")} download>
          Export<span className="sr-only"> {orders(count)} as CSV</span>
        </a>
      ) : (
        <Button type="button" variant="secondary" disabled>
          Export
        </Button>
      )}
      <ModalDialog
        open={open !== null}
        onClose={() => setOpen(null)}
        label={open ? `${BULK_ACTIONS[open.action]}: ${orders(open.count)}` : "Bulk change"}
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/50"
      >
        {open ? (
          <div className="space-y-4 p-5">
            <h2 className="text-base font-semibold">
              {BULK_ACTIONS[open.action]}: {orders(open.count)}
            </h2>
            <BulkForm
              action={open.action}
              count={open.count}
              scope={scope}
              listQuery={listQuery}
              pickedIds={pickedIds}
              clientStatuses={clientStatuses}
              close={() => setOpen(null)}
            />
          </div>
        ) : null}
      </ModalDialog>
    </section>
  );
}

function BulkForm(props: {
  action: BulkAction;
  count: number;
  scope: Scope;
  listQuery: string;
  pickedIds: string[];
  clientStatuses: string[];
  close: () => void;
}) {
  const { action, count, close } = props;
  const [state, submit, pending] = useActionState<FormState<StartedBulkChange>, FormData>(startBulkChangeAction, {});
  if (state.ok && state.result) return <BulkProgress jobId={state.result.jobId} action={action} close={close} />;
  return (
    <form action={submit} className="space-y-3">
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name="scope" value={props.scope} />
      <input type="hidden" name="list" value={props.listQuery} />
      <input type="hidden" name="picked" value={props.scope === "picked" ? props.pickedIds.join(",") : ""} />
      <BulkFields action={action} clientStatuses={props.clientStatuses} state={state} />
      <p className="text-sm text-slate-600">
        Each order is changed as if edited on its own: the same rules, history and push to Pruvan. An order the rules refuse is left as it
        is and listed with the reason.
      </p>
      <FormMessage state={state} />
      <DialogActions close={close}>
        <Button type="submit" variant={action === "delete" ? "danger" : "primary"} disabled={pending}>
          {pending ? "Starting…" : `${BULK_ACTIONS[action]}: ${orders(count)}`}
        </Button>
      </DialogActions>
    </form>
  );
}

function BulkFields({ action, clientStatuses, state }: { action: BulkAction; clientStatuses: string[]; state: FormState }) {
  switch (action) {
    case "clientStatus":
      return (
        <>
          <TextField
            label="New client status"
            name="value"
            list="bulk-client-statuses"
            hint="Empty clears it."
            error={state.errors?.clientStatus}
            autoFocus
          />
          <datalist id="bulk-client-statuses">
            {clientStatuses.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </>
      );
    case "dueDate":
      return <TextField label="New due date" name="value" type="date" hint="Empty clears it." error={state.errors?.dueDate} autoFocus />;
    case "forcePush":
      return (
        <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
          <p className="font-semibold">This overwrites what the Pruvan users set.</p>
          <p>
            Each order is pushed once with <code>force: true</code>: Pruvan then takes fields it otherwise ignores from its integration.
            Later pushes go back to the usual rules.
          </p>
        </div>
      );
    case "delete":
      return (
        <>
          <p className="text-sm text-slate-700">
            The orders are marked deleted here (kept with their photos and history) and Pruvan gets the status <strong>deleted</strong>,
            which removes them from Pruvan and from the crews&apos; phones.
          </p>
          <CheckboxField
            name="confirm"
            id="bulk-delete-confirm"
            label="Yes, delete these orders and tell Pruvan."
            error={state.errors?.confirm}
          />
        </>
      );
  }
}

function BulkProgress({ jobId, action, close }: { jobId: string; action: BulkAction; close: () => void }) {
  const job = useJob(jobId);
  const router = useRouter();
  const finished = jobFinished(job);
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);
  return (
    <div className="space-y-3">
      {finished ? (
        <BulkOutcome job={job} action={action} />
      ) : (
        <JobProgressBar job={job} label={BULK_ACTIONS[action]} noun="orders" waiting="Waiting for your previous bulk change to finish…" />
      )}
      <div className="flex justify-end">
        <button type="button" className={buttonClass("secondary")} onClick={close}>
          {finished ? "Close" : "Hide (it goes on)"}
        </button>
      </div>
    </div>
  );
}

function BulkOutcome({ job, action }: { job: JobView; action: BulkAction }) {
  if (job.state === "failed") {
    return (
      <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        {job.error ?? "The change failed."}
      </p>
    );
  }
  const result = job.result as BulkResult;
  const verb = { clientStatus: "Changed", dueDate: "Changed", forcePush: "Force push queued for", delete: "Deleted" }[action];
  return (
    <div className="space-y-2 text-sm">
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-emerald-800 ring-1 ring-emerald-200">
        {verb} {orders(result.changed)}.{result.unchanged > 0 ? ` ${orders(result.unchanged)} already had it.` : ""}
        {result.refusedCount > 0 ? ` ${orders(result.refusedCount)} refused.` : ""}
      </p>
      {result.refused.length > 0 ? (
        <div>
          <h3 className="font-semibold text-slate-800">Refused</h3>
          <ul aria-label="Refused orders" className="mt-1 max-h-60 space-y-1 overflow-y-auto text-slate-700">
            {result.refused.map((r) => (
              <li key={r.workOrderNumber}>
                <strong>{r.workOrderNumber}</strong>: {r.reason}
              </li>
            ))}
          </ul>
          {result.refusedCount > result.refused.length ? (
            <p className="text-slate-500">and {n(result.refusedCount - result.refused.length)} more.</p>
          ) : null}
        </div>
      ) : null}
      {result.warnings.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-amber-800">{result.warnings.length} warnings</summary>
          <ul className="mt-1 max-h-40 space-y-1 overflow-y-auto text-amber-900">
            {result.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
