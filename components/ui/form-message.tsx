import type { FormState } from "@/lib/auth/action";
import { Warnings } from "./notice";

/** The action's answer: its message (green when done, red when refused) and any warnings. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message && !state.warnings?.length) return null;
  return (
    <div className="space-y-2">
      {state.message ? (
        <p
          role={state.ok ? "status" : "alert"}
          className={`rounded-md px-3 py-2 text-sm whitespace-pre-line ring-1 ${
            state.ok ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200"
          }`}
        >
          {state.message}
        </p>
      ) : null}
      <Warnings warnings={state.warnings} />
    </div>
  );
}
