"use client";

import { useState } from "react";
import type { FormState } from "@/lib/auth/action";
import { buttonClass } from "./button";
import { ModalDialog } from "./dialog";
import { FormMessage } from "./form-message";

type Variant = Parameters<typeof buttonClass>[0];

/**
 * A button that opens a modal asking to confirm something that cannot be taken back
 * lightly. The body (usually a form posting to a server action) gets `close`.
 */
export function ConfirmDialog({
  trigger,
  triggerLabel,
  variant = "secondary",
  title,
  children,
  disabled,
}: {
  trigger: React.ReactNode;
  /** The trigger's accessible name when its text alone is ambiguous (one per table row). */
  triggerLabel?: string;
  variant?: Variant;
  title: string;
  children: (close: () => void) => React.ReactNode;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        className={buttonClass(variant)}
        onClick={() => setOpen(true)}
        disabled={disabled}
        aria-haspopup="dialog"
        aria-label={triggerLabel}
      >
        {trigger}
      </button>
      <ModalDialog
        open={open}
        onClose={close}
        label={title}
        className="m-auto w-[calc(100%-2rem)] max-w-lg rounded-lg bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/50"
      >
        <div className="space-y-4 p-5">
          <h2 className="text-base font-semibold">{title}</h2>
          {children(close)}
        </div>
      </ModalDialog>
    </>
  );
}

/** The dialog's button row: the action, and Cancel (Escape does the same). */
export function DialogActions({ close, children }: { close: () => void; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap justify-end gap-2 pt-1">
      <button type="button" className={buttonClass("secondary")} onClick={close}>
        Cancel
      </button>
      {children}
    </div>
  );
}

/** What a dialog shows once its action is done: the answer, and a way out. */
export function DialogDone({ state, close }: { state: FormState; close: () => void }) {
  return (
    <div className="space-y-3">
      <FormMessage state={state} />
      <div className="flex justify-end">
        <button type="button" className={buttonClass("secondary")} onClick={close}>
          Close
        </button>
      </div>
    </div>
  );
}
