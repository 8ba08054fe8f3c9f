"use client";

import { useEffect, useState } from "react";
import { updateSettingsAction } from "@/lib/actions/integrations";
import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/confirm-dialog";
import { CheckboxField, TextField } from "@/components/ui/field";
import { ClientCodeField, ModeField } from "./integration-fields";
import { FormMessage } from "@/components/ui/form-message";

export type IntegrationSettingsValues = { name: string; mode: "internal" | "external"; autoAdmin: boolean; clientCode: string | null };

type SettingsFormProps = {
  integrationId: string;
  settings: IntegrationSettingsValues;
  form: { state: Awaited<ReturnType<typeof updateSettingsAction>>; action: (data: FormData) => void; pending: boolean };
  close: () => void;
};

/**
 * The "Edit settings" dialog's form: name, mode, auto_admin and client code, as set in
 * Pruvan's integration setup (the username is Pruvan's login and stays). Closes when saved;
 * the answer shows on the page.
 */
export function SettingsForm({ integrationId, settings, form: { state, action, pending }, close }: SettingsFormProps) {
  const [opened] = useState(state);
  const answered = state !== opened;
  useEffect(() => {
    if (answered && state.ok) close();
  }, [answered, state.ok, close]);
  const errors = answered ? state.errors : undefined;
  const v = answered && !state.ok ? (state.values ?? {}) : undefined;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="integrationId" value={integrationId} />
      <TextField
        label="Name"
        name="name"
        defaultValue={v ? v.name : settings.name}
        error={errors?.name}
        hint="For people; blank: the username."
      />
      <ModeField
        defaultValue={v ? v.mode : settings.mode}
        error={errors?.mode}
        hint="The integration's type in Pruvan. A change sends this integration's current orders again under the new field rules."
      />
      <ClientCodeField defaultValue={v ? v.clientCode : (settings.clientCode ?? "")} error={errors?.clientCode} />
      <CheckboxField
        label="auto_admin"
        name="autoAdmin"
        defaultChecked={v ? v.autoAdmin === "on" : settings.autoAdmin}
        error={errors?.autoAdmin}
        hint="External only: lets us set status, due date and instructions."
      />
      {answered && !state.ok ? <FormMessage state={state} /> : null}
      <DialogActions close={close}>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      </DialogActions>
    </form>
  );
}
