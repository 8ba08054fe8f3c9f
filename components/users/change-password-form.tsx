"use client";

import { useActionState } from "react";
import { changeOwnPasswordAction } from "@/lib/actions/account";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changeOwnPasswordAction, {});
  return (
    <form action={action} className="space-y-3">
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={state.errors?.currentPassword}
      />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. Your sessions end: sign in again with it."
        error={state.errors?.password}
      />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing..." : "Change password"}
      </Button>
    </form>
  );
}
