"use client";

import { useActionState, useState } from "react";
import { createIntegrationAction, type IssuedSetup } from "@/lib/actions/integrations";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { FormState } from "@/lib/auth/action";
import { ClientCodeField, ModeField } from "./integration-fields";
import { SetupCard } from "./setup-card";

/** Create an integration; its setup card (with the key, once) replaces the form until hidden. */
export function NewIntegrationForm() {
  const [state, action, pending] = useActionState<FormState<IssuedSetup>, FormData>(createIntegrationAction, {});
  const [hidden, setHidden] = useState<object | null>(null);
  if (state.ok && state.result && hidden !== state) {
    return (
      <div className="space-y-3">
        <FormMessage state={{ ok: true, message: state.message }} />
        <SetupCard setup={state.result} onDone={() => setHidden(state)} />
      </div>
    );
  }
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <form action={action} className="space-y-3" key={state.ok ? "fresh" : "again"}>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <TextField
          label="Username"
          name="username"
          required
          autoComplete="off"
          defaultValue={v.username}
          error={state.errors?.username}
          hint="What Pruvan sends on every call; letters, digits, . _ @ + -"
        />
        <TextField label="Name" name="name" defaultValue={v.name} error={state.errors?.name} hint="For people; defaults to the username." />
        <ModeField
          defaultValue={v.mode ?? "external"}
          error={state.errors?.mode}
          hint="Internal: your own crews. External: vendors with their own Pruvan accounts."
        />
        <ClientCodeField defaultValue={v.clientCode} error={state.errors?.clientCode} />
        <div className="pt-6">
          <CheckboxField
            label="auto_admin"
            name="autoAdmin"
            // Pruvan's own default (remote-fields-and-statuses "Auto-Admin is ON by default");
            // a form sent back with errors keeps what was ticked.
            defaultChecked={state.ok || !state.values ? true : v.autoAdmin === "on"}
            error={state.errors?.autoAdmin}
            hint="External only: lets us set status, due date and instructions. On by default, as in Pruvan."
          />
        </div>
      </div>
      <FormMessage state={state.ok ? {} : state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create integration and issue its key"}
      </Button>
    </form>
  );
}
