"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { buttonClass } from "@/components/ui/button";
import { FILTER_KEYS, NOT_SET, type OrderListQuery } from "@/lib/orders/list-filters";
import { PRUVAN_STATUSES } from "@/lib/pruvan/statuses";

const control =
  "block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-600";

export type FilterOptions = { integrations: string[]; clientStatuses: string[] };

/**
 * The list's filters as a GET form: without JavaScript it submits to /orders like any
 * form; with it, empty fields are left out of the URL and the page updates in place.
 * Sort and page size ride along; any change of filter starts again at page 1.
 */
export function OrderFilterForm({ query, options }: { query: OrderListQuery; options: FilterOptions }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // On a phone only the search shows until asked; from tablet width up, every filter.
  const [more, setMore] = useState(false);
  const active = (["status", "pruvan", "client", "integration", "dueAfter", "dueBefore", "overdue", "photos", "deleted"] as const).filter(
    (k) => query[k] !== undefined,
  ).length;

  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(e.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") params.set(key, value.trim());
    }
    const search = params.toString();
    startTransition(() => router.push(search ? `/orders?${search}` : "/orders"));
  };

  const selected = (key: "status" | "pruvan" | "client" | "integration") => query[key] ?? "";
  return (
    <form
      action="/orders"
      method="get"
      onSubmit={submit}
      role="search"
      aria-label="Filter orders"
      className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200"
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-6">
        <Labelled id="f-q" label="Search" className="sm:col-span-2">
          <input
            id="f-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder="Number, address, city or zip"
            className={control}
          />
        </Labelled>
        <button
          type="button"
          onClick={() => setMore((v) => !v)}
          aria-expanded={more}
          aria-controls="more-filters"
          className="justify-self-start text-sm font-medium text-brand-700 underline md:hidden"
        >
          {more ? "Fewer filters" : `More filters${active ? ` (${active} in use)` : ""}`}
        </button>
        <div id="more-filters" className={`${more ? "contents" : "hidden"} md:contents`}>
          <Labelled id="f-status" label="Status">
            <select id="f-status" name="status" defaultValue={selected("status")} className={control}>
              <StatusOptions />
            </select>
          </Labelled>
          <Labelled id="f-pruvan" label="Pruvan reports">
            <select id="f-pruvan" name="pruvan" defaultValue={selected("pruvan")} className={control}>
              <StatusOptions />
            </select>
          </Labelled>
          <Labelled id="f-client" label="Client status">
            <select id="f-client" name="client" defaultValue={selected("client")} className={control}>
              <option value="">Any</option>
              <option value={NOT_SET}>Not set</option>
              {withCurrent(options.clientStatuses, query.client).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Labelled>
          <Labelled id="f-integration" label="Integration">
            <select id="f-integration" name="integration" defaultValue={selected("integration")} className={control}>
              <option value="">Any</option>
              {withCurrent(options.integrations, query.integration).map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </Labelled>
          <Labelled id="f-due-after" label="Due on or after">
            <input id="f-due-after" name="dueAfter" type="date" defaultValue={query.dueAfter ?? ""} className={control} />
          </Labelled>
          <Labelled id="f-due-before" label="Due on or before">
            <input id="f-due-before" name="dueBefore" type="date" defaultValue={query.dueBefore ?? ""} className={control} />
          </Labelled>
          <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-1 sm:col-span-2 lg:col-span-2">
            <legend className="sr-only">Only orders that</legend>
            <Check name="overdue" label="Overdue" checked={!!query.overdue} />
            <Check name="photos" label="Has photos" checked={!!query.photos} />
            <Check name="deleted" label="Include deleted" checked={!!query.deleted} />
          </fieldset>
        </div>
        <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-2 xl:justify-end">
          {/* Kept as they are: the sort, the page size, and filters the form does not show. */}
          {query.sort !== "updated" ? <input type="hidden" name="sort" value={query.sort} /> : null}
          {query.dir ? <input type="hidden" name="dir" value={query.dir} /> : null}
          {query.size !== 50 ? <input type="hidden" name="size" value={query.size} /> : null}
          {query.uploadedSince ? <input type="hidden" name="uploadedSince" value={query.uploadedSince} /> : null}
          <button type="submit" className={buttonClass("primary")} disabled={pending}>
            {pending ? "Applying…" : "Apply filters"}
          </button>
        </div>
      </div>
    </form>
  );
}

function Labelled({ id, label, className = "", children }: { id: string; label: string; className?: string; children: React.ReactNode }) {
  return (
    <div className={`space-y-1 ${className}`}>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      {children}
    </div>
  );
}

function StatusOptions() {
  return (
    <>
      <option value="">Any</option>
      <option value={NOT_SET}>Not set</option>
      {PRUVAN_STATUSES.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </>
  );
}

function Check({ name, label, checked }: { name: (typeof FILTER_KEYS)[number]; label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 py-1.5 text-sm text-slate-800">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="h-4 w-4 rounded border-slate-300 accent-brand-600" />
      {label}
    </label>
  );
}

/** The options, plus the value in the URL if it is not among them (a link from elsewhere). */
function withCurrent(options: string[], current: string | undefined): string[] {
  return current && current !== NOT_SET && !options.includes(current) ? [current, ...options] : options;
}
