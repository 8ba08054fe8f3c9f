"use client";

import { useActionState, useEffect, useState } from "react";
import {
  refreshIntegrationAction,
  revokeKeysAction,
  rotateKeyAction,
  updateSettingsAction,
  type IssuedSetup,
} from "@/lib/actions/integrations";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, DialogActions } from "@/components/ui/confirm-dialog";
import { CheckboxField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/auth/action";
import { SettingsForm, type IntegrationSettingsValues } from "./settings-form";
import { SetupCard } from "./setup-card";

type KeyForm = { state: FormState; action: (data: FormData) => void; pending: boolean };

type Props = { integrationId: string; username: string; hasKey: boolean; hasPushKey: boolean; settings: IntegrationSettingsValues };

/**
 * "Ask Pruvan to refresh now", settings, rotate and revoke (each in a dialog). A rotated
 * key shows once, in the setup card under the buttons.
 */
export function IntegrationActions({ integrationId, username, hasKey, hasPushKey, settings }: Props) {
  const [saved, save, saving] = useActionState(updateSettingsAction, {});
  const [rotated, rotate, rotating] = useActionState<FormState<IssuedSetup>, FormData>(rotateKeyAction, {});
  const [revoked, revoke, revoking] = useActionState(revokeKeysAction, {});
  const [refreshed, refresh, refreshing] = useActionState(refreshIntegrationAction, {});
  const [hidden, setHidden] = useState<object | null>(null);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <form action={refresh}>
          <input type="hidden" name="integrationId" value={integrationId} />
          <Button
            type="submit"
            disabled={!hasPushKey || refreshing}
            title={hasPushKey ? undefined : "Pruvan has not validated this integration yet: there is no push key to call."}
          >
            {refreshing ? "Asking…" : "Ask Pruvan to refresh now"}
          </Button>
        </form>
        <ConfirmDialog trigger="Edit settings" title={`Settings of ${username}`}>
          {(close) => (
            <SettingsForm
              integrationId={integrationId}
              settings={settings}
              form={{ state: saved, action: save, pending: saving }}
              close={close}
            />
          )}
        </ConfirmDialog>
        <ConfirmDialog
          trigger={hasKey ? "Rotate key" : "Issue a new key"}
          title={`${hasKey ? "Rotate the API key" : "Issue an API key"} of ${username}?`}
        >
          {(close) => (
            <KeyChangeForm
              integrationId={integrationId}
              form={{ state: rotated, action: rotate, pending: rotating }}
              close={close}
              explanation="A new key is issued and shown once. The current key stops working at once: Pruvan's calls fail until the new key is set in Pruvan's integration setup."
              confirmLabel="Yes, issue a new key and stop the current one."
              submit="Rotate key"
            />
          )}
        </ConfirmDialog>
        {hasKey ? (
          <ConfirmDialog trigger="Revoke key" variant="danger" title={`Revoke the API key of ${username}?`}>
            {(close) => (
              <KeyChangeForm
                integrationId={integrationId}
                form={{ state: revoked, action: revoke, pending: revoking }}
                close={close}
                explanation="Every key of this integration stops working at once. Pruvan's calls (validate, pulls, uploads, status) are refused until you issue a new key."
                confirmLabel="Yes, revoke every key of this integration."
                submit="Revoke key"
                danger
              />
            )}
          </ConfirmDialog>
        ) : null}
      </div>
      <FormMessage state={refreshed} />
      <FormMessage state={saved.ok ? saved : {}} />
      <FormMessage state={revoked.ok ? revoked : {}} />
      {rotated.ok && rotated.result && hidden !== rotated ? (
        <>
          <FormMessage state={{ ok: true, message: rotated.message }} />
          <SetupCard setup={rotated.result} onDone={() => setHidden(rotated)} />
        </>
      ) : null}
    </div>
  );
}

function KeyChangeForm({
  integrationId,
  form,
  close,
  explanation,
  confirmLabel,
  submit,
  danger,
}: {
  integrationId: string;
  form: KeyForm;
  close: () => void;
  explanation: string;
  confirmLabel: string;
  submit: string;
  danger?: boolean;
}) {
  const [opened] = useState(form.state);
  // Done: the answer shows on the page (the new key in its setup card), not in the dialog.
  useEffect(() => {
    if (form.state !== opened && form.state.ok) close();
  }, [form.state, opened, close]);
  return (
    <form action={form.action} className="space-y-3">
      <input type="hidden" name="integrationId" value={integrationId} />
      <p className="text-sm text-slate-700">{explanation}</p>
      <CheckboxField
        name="confirm"
        id={`confirm-${submit.replace(/\s/g, "-")}`}
        label={confirmLabel}
        error={form.state !== opened ? form.state.errors?.confirm : undefined}
      />
      {form.state !== opened && !form.state.ok ? <FormMessage state={form.state} /> : null}
      <DialogActions close={close}>
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={form.pending}>
          {submit}
        </Button>
      </DialogActions>
    </form>
  );
}
