"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { Notice } from "@/components/ui/notice";
import type { IssuedSetup } from "@/lib/actions/integrations";

/**
 * What a customer types into Pruvan's "Define Integrations" form, with the API key shown
 * this once. The key lives only in this component's memory: leaving the page loses it.
 */
export function SetupCard({ setup, onDone }: { setup: IssuedSetup; onDone?: () => void }) {
  const rows = [
    { id: "setup-url", label: "Web service URL", value: setup.webServiceUrl },
    { id: "setup-extension", label: "Web service extension", value: setup.extension },
    { id: "setup-username", label: "Username", value: setup.username },
  ];
  return (
    <section
      aria-labelledby="setup-title"
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-2 ring-brand-600"
      data-testid="setup-card"
    >
      <div>
        <h2 id="setup-title" className="text-base font-semibold text-slate-900">
          Connect {setup.username} in Pruvan
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          In Pruvan: <strong>Integrations → New</strong>, integration code{" "}
          {setup.clientCode ? <code className="font-semibold">{setup.clientCode}</code> : "of your choice"}, type{" "}
          <strong>Pruvan APIv2</strong> ({setup.mode === "internal" ? "Internal" : "External"}). Then copy these values in and click{" "}
          <strong>Validate</strong>: Pruvan sends us the account&apos;s push key and this integration shows as validated.
        </p>
      </div>
      <dl className="space-y-3">
        {rows.map((row) => (
          <div key={row.id} className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center">
            <dt>
              <label htmlFor={row.id} className="text-sm font-medium text-slate-700">
                {row.label}
              </label>
            </dt>
            <dd className="flex min-w-0 items-center gap-2">
              <input
                id={row.id}
                readOnly
                value={row.value}
                className="min-w-0 flex-1 rounded-md bg-slate-50 px-2.5 py-1.5 font-mono text-sm ring-1 ring-slate-300 ring-inset"
              />
              <CopyButton text={row.value} label="Copy" selectId={row.id} />
            </dd>
          </div>
        ))}
        <div className="grid gap-1 sm:grid-cols-[12rem_1fr] sm:items-center">
          <dt>
            <label htmlFor="setup-key" className="text-sm font-medium text-slate-700">
              Password (API key)
            </label>
          </dt>
          <dd className="flex min-w-0 items-center gap-2">
            <input
              id="setup-key"
              data-testid="api-key"
              readOnly
              value={setup.apiKey}
              autoComplete="off"
              spellCheck={false}
              onFocus={(e) => e.currentTarget.select()}
              className="min-w-0 flex-1 rounded-md bg-amber-50 px-2.5 py-1.5 font-mono text-sm ring-1 ring-amber-300 ring-inset"
            />
            <CopyButton text={setup.apiKey} label="Copy key" selectId="setup-key" />
          </dd>
        </div>
      </dl>
      <Notice tone="warning" title="Copy the key now: you won't see it again.">
        We keep only a hash of it, so nobody can show it to you later. If it is lost, rotate the key on the integration&apos;s page and set
        the new one in Pruvan.
      </Notice>
      {onDone ? (
        <button type="button" onClick={onDone} className="text-sm font-medium text-brand-700 underline">
          I have copied it: hide the key
        </button>
      ) : null}
    </section>
  );
}
