"use client";

import { useActionState } from "react";
import { deleteOrderAction, forcePushAction } from "@/lib/actions/orders";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, DialogActions, DialogDone } from "@/components/ui/confirm-dialog";
import { CheckboxField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

/** "Delete order": Pruvan's rule wants an explicit confirmation, so the dialog asks for one. */
export function DeleteOrderButton({ orderId, workOrderNumber }: { orderId: string; workOrderNumber: string }) {
  return (
    <ConfirmDialog trigger="Delete order" variant="danger" title={`Delete order ${workOrderNumber}?`}>
      {(close) => <DeleteForm orderId={orderId} close={close} />}
    </ConfirmDialog>
  );
}

function DeleteForm({ orderId, close }: { orderId: string; close: () => void }) {
  const [state, action, pending] = useActionState(deleteOrderAction, {});
  if (state.ok) return <DialogDone state={state} close={close} />;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="orderId" value={orderId} />
      <p className="text-sm text-slate-700">
        The order is marked deleted here (kept with its photos and history) and Pruvan gets the status <strong>deleted</strong>, which
        removes it from Pruvan and from the crews&apos; phones. Pruvan advises remote systems to use this with caution.
      </p>
      <CheckboxField
        name="confirm"
        id={`delete-confirm-${orderId}`}
        label="Yes, delete this order and tell Pruvan."
        error={state.errors?.confirm}
      />
      <FormMessage state={state} />
      <DialogActions close={close}>
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? "Deleting…" : "Delete order"}
        </Button>
      </DialogActions>
    </form>
  );
}

/** Admins only (checked again on the server): one push with force: true. */
export function ForcePushButton({
  orderId,
  workOrderNumber,
  ignoredFields,
}: {
  orderId: string;
  workOrderNumber: string;
  ignoredFields: string[];
}) {
  return (
    <ConfirmDialog trigger="Force push" title={`Force push order ${workOrderNumber}?`}>
      {(close) => <ForcePushForm orderId={orderId} ignoredFields={ignoredFields} close={close} />}
    </ConfirmDialog>
  );
}

function ForcePushForm({ orderId, ignoredFields, close }: { orderId: string; ignoredFields: string[]; close: () => void }) {
  const [state, action, pending] = useActionState(forcePushAction, {});
  if (state.ok) return <DialogDone state={state} close={close} />;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="orderId" value={orderId} />
      <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
        <p className="font-semibold">This overwrites what the Pruvan user set.</p>
        <p>
          The order is pushed once with <code>force: true</code>: Pruvan then takes fields it otherwise ignores from this integration
          {ignoredFields.length ? ` (${ignoredFields.join(", ")})` : ""}. Later pushes go back to the usual rules.
        </p>
      </div>
      <FormMessage state={state} />
      <DialogActions close={close}>
        <Button type="submit" disabled={pending}>
          {pending ? "Queueing…" : "Force push"}
        </Button>
      </DialogActions>
    </form>
  );
}
