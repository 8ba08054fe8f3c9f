"use client";

import { useActionState } from "react";
import { discardPushJobAction, retryPushJobAction } from "@/lib/actions/push-log";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, DialogActions } from "@/components/ui/confirm-dialog";
import { FormMessage } from "@/components/ui/form-message";

/** Retry now (anyone) and discard (admins; confirmed) for a job that is waiting or dead; the page then says what became of it. */
export function PushJobActions({ jobId, label, canDiscard, back }: { jobId: string; label: string; canDiscard: boolean; back: string }) {
  const [state, retry, retrying] = useActionState(retryPushJobAction, {});
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap gap-1.5">
        <form action={retry}>
          <input type="hidden" name="jobId" value={jobId} />
          <input type="hidden" name="back" value={back} />
          <Button type="submit" variant="secondary" disabled={retrying} aria-label={`Retry now: ${label}`}>
            {retrying ? "Queueing…" : "Retry now"}
          </Button>
        </form>
        {canDiscard ? (
          <ConfirmDialog trigger="Discard" triggerLabel={`Discard: ${label}`} variant="danger" title="Discard this push?">
            {(close) => <DiscardForm jobId={jobId} label={label} back={back} close={close} />}
          </ConfirmDialog>
        ) : null}
      </div>
      <div className="max-w-56 text-xs">
        <FormMessage state={state} />
      </div>
    </div>
  );
}

function DiscardForm({ jobId, label, back, close }: { jobId: string; label: string; back: string; close: () => void }) {
  const [state, discard, pending] = useActionState(discardPushJobAction, {});
  return (
    <form action={discard} className="space-y-3">
      <input type="hidden" name="jobId" value={jobId} />
      <input type="hidden" name="back" value={back} />
      <p className="text-sm text-slate-700">
        {label}: Pruvan will not get this change, and this order stays different in Pruvan until it changes again here. The job stays in the
        log as discarded.
      </p>
      <FormMessage state={state} />
      <DialogActions close={close}>
        <Button type="submit" variant="danger" disabled={pending}>
          Discard
        </Button>
      </DialogActions>
    </form>
  );
}
