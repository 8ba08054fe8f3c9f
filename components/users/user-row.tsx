"use client";

import { useActionState, useState } from "react";
import { resetPasswordAction, setDisabledAction } from "@/lib/actions/users";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Td } from "@/components/ui/table";
import type { UserSummary } from "@/lib/users";

export function UserRow({ user, isSelf }: { user: UserSummary; isSelf: boolean }) {
  const [toggleState, toggle, toggling] = useActionState(setDisabledAction, {});
  const [resetState, reset, resetting] = useActionState(resetPasswordAction, {});
  const [showReset, setShowReset] = useState(false);
  const disabled = user.disabledAt !== null;
  return (
    <tr>
      <Td className="font-medium">
        {user.email}
        {user.name ? <span className="block text-xs text-slate-500">{user.name}</span> : null}
      </Td>
      <Td className="capitalize">{user.role}</Td>
      <Td>{disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</Td>
      <Td className="space-y-2">
        <div className="flex flex-wrap gap-2">
          <form action={toggle}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="disabled" value={String(!disabled)} />
            <Button type="submit" variant={disabled ? "secondary" : "danger"} disabled={toggling || (isSelf && !disabled)}>
              {disabled ? "Enable" : "Disable"}
            </Button>
          </form>
          <Button type="button" variant="secondary" onClick={() => setShowReset((v) => !v)} aria-expanded={showReset}>
            Reset password
          </Button>
        </div>
        <FormMessage state={toggleState} />
        {showReset ? (
          <form action={reset} className="flex flex-wrap items-start gap-2">
            <input type="hidden" name="userId" value={user.id} />
            <label className="sr-only" htmlFor={`pw-${user.id}`}>
              New password for {user.email}
            </label>
            <input
              id={`pw-${user.id}`}
              name="password"
              type="password"
              autoComplete="new-password"
              placeholder="New password (10+ characters)"
              className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
            />
            <Button type="submit" disabled={resetting}>
              Save
            </Button>
            <div className="w-full">
              {resetState.errors?.password ? (
                <p className="text-xs text-red-700" role="alert">
                  Password {resetState.errors.password[0]}
                </p>
              ) : (
                <FormMessage state={resetState} />
              )}
            </div>
          </form>
        ) : null}
      </Td>
    </tr>
  );
}
