"use client";

import { useActionState } from "react";
import { addUserAction } from "@/lib/actions/users";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";

export function AddUserForm() {
  const [state, action, pending] = useActionState(addUserAction, {});
  return (
    <form action={action} className="space-y-3">
      <TextField label="Email" name="email" type="email" required defaultValue={state.values?.email} error={state.errors?.email} />
      <TextField label="Name" name="name" defaultValue={state.values?.name} error={state.errors?.name} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        error={state.errors?.password}
      />
      <SelectField
        label="Role"
        name="role"
        defaultValue={state.values?.role ?? "staff"}
        key={state.values?.role}
        error={state.errors?.role}
      >
        <option value="staff">Staff</option>
        <option value="admin">Admin</option>
      </SelectField>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding..." : "Add user"}
      </Button>
    </form>
  );
}
