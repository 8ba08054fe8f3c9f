"use client";

import Link from "next/link";
import { useActionState } from "react";
import { restoreUploadAction } from "@/lib/actions/uploads";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";

export type InboxOutcome =
  | { kind: "assigned"; orderId: string; workOrderNumber: string; serviceName: string | null }
  | { kind: "discarded"; itemId: string; key2: string | null }
  | { kind: "restored"; key2: string | null };

/** What the last action did, read back from the database; a discard can be undone here. */
export function InboxBanner({ outcome }: { outcome: InboxOutcome }) {
  const [state, restore, restoring] = useActionState(restoreUploadAction, {});
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200"
    >
      {outcome.kind === "assigned" ? (
        <>
          <p>
            Assigned to order <strong>{outcome.workOrderNumber}</strong>
            {outcome.serviceName
              ? `, service ${outcome.serviceName}`
              : " (no service of the order has its task name, so it shows under its task name)"}
            .
          </p>
          <Link href={`/orders/${outcome.orderId}#photos`} className="font-medium underline">
            Open order {outcome.workOrderNumber}
          </Link>
        </>
      ) : outcome.kind === "discarded" ? (
        <>
          <p>Discarded the upload for Pruvan order {outcome.key2 ?? "unknown"}. It is kept and listed under Discarded.</p>
          <form action={restore}>
            <input type="hidden" name="itemId" value={outcome.itemId} />
            <Button type="submit" variant="secondary" disabled={restoring}>
              Undo
            </Button>
          </form>
          <FormMessage state={state} />
        </>
      ) : (
        <p>Put the upload for Pruvan order {outcome.key2 ?? "unknown"} back in the inbox.</p>
      )}
    </div>
  );
}
