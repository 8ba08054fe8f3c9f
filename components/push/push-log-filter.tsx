import { buttonClass } from "@/components/ui/button";

/** Integration filter: a plain GET form (the view and state tab in use ride along). */
export function PushLogFilter({
  view,
  state,
  integration,
  integrations,
}: {
  view: string;
  state?: string;
  integration?: string;
  integrations: string[];
}) {
  return (
    <form action="/push-log" method="get" className="flex items-end gap-2">
      {view !== "jobs" ? <input type="hidden" name="view" value={view} /> : null}
      {state ? <input type="hidden" name="state" value={state} /> : null}
      <div className="space-y-1">
        <label htmlFor="push-integration" className="block text-xs font-medium text-slate-700">
          Integration
        </label>
        <select
          id="push-integration"
          name="integration"
          defaultValue={integration ?? ""}
          className="block rounded-md border-0 px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600"
        >
          <option value="">All integrations</option>
          {integrations.map((u) => (
            <option key={u} value={u}>
              {u}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Show
      </button>
    </form>
  );
}
