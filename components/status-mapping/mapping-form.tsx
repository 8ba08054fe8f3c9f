"use client";

import { useActionState, useState } from "react";
import { createMappingAction, deleteMappingAction, updateMappingAction } from "@/lib/actions/status-mapping";
import { answerKey } from "@/components/ui/answer-key";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, DialogActions } from "@/components/ui/confirm-dialog";
import { CheckboxField, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { PruvanStatus } from "@/lib/db";
import { checkMappingStatus, PRUVAN_STATUSES, STATUS_RULES_TEXT } from "@/lib/pruvan/statuses";

export type MappingRow = { id: string; clientStatus: string; pruvanStatus: PruvanStatus | null; note: string | null };

/** What the picker says beside a status: its rule, and whether a mapping may use it. */
function optionLabel(status: PruvanStatus) {
  const verdict = checkMappingStatus(status, { confirmDelete: true });
  return `${status}${verdict.ok ? "" : " (not allowed)"}`;
}

/**
 * One client status → Pruvan status mapping, or the "add" row when `mapping` is absent.
 * Every option is offered so that the rule can be seen; the server refuses one that
 * breaks it, with the reason beside the field.
 */
export function MappingForm({ mapping }: { mapping?: MappingRow }) {
  const [state, action, pending] = useActionState(mapping ? updateMappingAction : createMappingAction, {});
  const refused = !state.ok && !!state.values;
  return (
    <div className="space-y-2" data-testid={mapping ? "mapping-row" : "mapping-new"}>
      <form action={action} className="grid items-start gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto]">
        {mapping ? <input type="hidden" name="id" value={mapping.id} /> : null}
        <MappingFields
          key={answerKey(state)}
          mapping={mapping}
          values={
            refused
              ? state.values!
              : { clientStatus: mapping?.clientStatus ?? "", pruvanStatus: mapping?.pruvanStatus ?? "", note: mapping?.note ?? "" }
          }
          errors={refused ? (state.errors ?? {}) : {}}
          pending={pending}
        />
      </form>
      <FormMessage state={refused && state.errors && Object.keys(state.errors).length ? {} : state} />
    </div>
  );
}

/** Column labels shown once above the mapped rows (each row's labels stay for screen readers and phones). */
export function MappingColumns() {
  return (
    <div
      aria-hidden="true"
      className="mb-2 hidden gap-3 text-xs font-semibold tracking-wide text-slate-600 uppercase md:grid md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto]"
    >
      <span>Client status</span>
      <span>Pruvan status</span>
      <span>Note</span>
      <span className="w-[8.5rem]" />
    </div>
  );
}

function MappingFields({
  mapping,
  values,
  errors,
  pending,
}: {
  mapping?: MappingRow;
  values: Record<string, string>;
  errors: Record<string, string[]>;
  pending: boolean;
}) {
  const [status, setStatus] = useState(values.pruvanStatus ?? "");
  const prefix = mapping ? `m-${mapping.id}` : "m-new";
  const rule = status
    ? `${status}: ${STATUS_RULES_TEXT[status as PruvanStatus]}`
    : "Pruvan gets the client status as text; its status stays as Pruvan users set it.";
  const name = mapping?.clientStatus ?? "new mapping";
  const labelClassName = mapping ? "md:sr-only" : undefined;
  return (
    <>
      <TextField
        id={`${prefix}-client`}
        name="clientStatus"
        label="Client status"
        labelClassName={labelClassName}
        defaultValue={values.clientStatus}
        error={errors.clientStatus}
        autoComplete="off"
        placeholder={mapping ? undefined : 'e.g. "Expedite"'}
      />
      <SelectField
        id={`${prefix}-pruvan`}
        name="pruvanStatus"
        label="Pruvan status"
        labelClassName={labelClassName}
        defaultValue={values.pruvanStatus ?? ""}
        onChange={(e) => setStatus(e.target.value)}
        error={errors.pruvanStatus}
        hint={errors.pruvanStatus ? undefined : rule}
        extra={
          status === "deleted" ? (
            <CheckboxField
              id={`${prefix}-confirm`}
              name="confirmDelete"
              label='Yes: orders with this client status get Pruvan status "deleted" (removed from Pruvan).'
              error={errors.confirmDelete}
            />
          ) : null
        }
      >
        <option value="">not set</option>
        {PRUVAN_STATUSES.map((s) => (
          <option key={s} value={s}>
            {optionLabel(s)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${prefix}-note`}
        name="note"
        label="Note"
        labelClassName={labelClassName}
        defaultValue={values.note ?? ""}
        error={errors.note}
        autoComplete="off"
      />
      <div className={`flex gap-2 ${mapping ? "" : "md:pt-6"}`}>
        <Button type="submit" disabled={pending} aria-label={mapping ? `Save the mapping of ${name}` : "Add the mapping"}>
          {mapping ? "Save" : "Add"}
        </Button>
        {mapping ? (
          <ConfirmDialog
            trigger="Delete"
            triggerLabel={`Delete the mapping of ${name}`}
            variant="danger"
            title={`Delete the mapping of "${name}"?`}
          >
            {(close) => <DeleteMapping id={mapping.id} close={close} />}
          </ConfirmDialog>
        ) : null}
      </div>
    </>
  );
}

function DeleteMapping({ id, close }: { id: string; close: () => void }) {
  const [state, action, pending] = useActionState(deleteMappingAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="id" value={id} />
      <p className="text-sm text-slate-700">
        Orders with this client status then send no Pruvan status of their own (unless they have one set).
      </p>
      <FormMessage state={state} />
      <DialogActions close={close}>
        <Button type="submit" variant="danger" disabled={pending}>
          Delete mapping
        </Button>
      </DialogActions>
    </form>
  );
}
