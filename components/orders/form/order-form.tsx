"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { createOrderAction, updateOrderAction, type SavedOrder } from "@/lib/actions/orders";
import { answerKey } from "@/components/ui/answer-key";
import { Button, buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Notice, Warnings } from "@/components/ui/notice";
import type { FormState } from "@/lib/auth/action";
import type { IntegrationMode, PruvanStatus } from "@/lib/db";
import { formDataFromPosted, LOCKED_ORDER_FIELDS, type OrderFormData } from "@/lib/orders/order-form";
import { ORDER_GROUPS, fieldId, fieldLabel, type FieldDef, type FieldGroup } from "./field-defs";
import { OrderField } from "./order-field";
import { ServicesEditor } from "./services-editor";
import { StatusPicker } from "./status-picker";
import { integrationTypeText } from "@/lib/pruvan/statuses";

export type IntegrationChoice = {
  id: string;
  username: string;
  name: string;
  mode: IntegrationMode;
  autoAdmin: boolean;
  ignored: string[];
};
export type MappingChoice = { clientStatus: string; pruvanStatus: PruvanStatus | null };

type Props = {
  integrations: IntegrationChoice[];
  mappings: MappingChoice[];
  initial: OrderFormData;
} & ({ mode: "create" } | { mode: "edit"; orderId: string; workOrderNumber: string; currentStatus: PruvanStatus | null });

const NUMBER_LOCKED = "It is how Pruvan knows the order; it cannot change.";
const CREATE_ONLY = "Locked fields: Pruvan takes them only when the order is created (not updatable in the doc's field table).";

/** The order create and edit form: every field of the doc, grouped as the doc groups them. */
export function OrderForm(props: Props) {
  const [state, dispatch, pending] = useActionState<FormState<SavedOrder>, FormData>(
    props.mode === "create" ? createOrderAction : updateOrderAction,
    {},
  );
  const refused = !state.ok && (state.message || state.errors);
  const data = refused && state.values ? formDataFromPosted(state.values, props.initial) : props.initial;
  return (
    <div className="space-y-4">
      <Outcome state={state} mode={props.mode} />
      <form action={dispatch} noValidate className="space-y-4" aria-describedby={refused ? "order-form-problems" : undefined}>
        {props.mode === "edit" ? <input type="hidden" name="orderId" value={props.orderId} /> : null}
        <FormBody key={answerKey(state)} {...props} data={data} errors={state.errors ?? {}} />
        <div
          data-sticky-actions
          className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur md:-mx-8 md:px-8"
        >
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : props.mode === "create" ? "Create order" : "Save changes"}
          </Button>
          <Link href={props.mode === "create" ? "/orders" : `/orders/${props.orderId}`} className={buttonClass("ghost")}>
            Cancel
          </Link>
          <p className="text-xs text-slate-500">
            <span className="text-red-700" aria-hidden="true">
              *
            </span>{" "}
            required
          </p>
        </div>
      </form>
    </div>
  );
}

/** What the last save did: created / saved with its warnings, or why it was refused. */
function Outcome({ state, mode }: { state: FormState<SavedOrder>; mode: "create" | "edit" }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message || state.errors) ref.current?.focus();
  }, [state]);
  if (!state.message && !state.errors) return null;
  const problems = Object.entries(state.errors ?? {});
  return (
    <div ref={ref} tabIndex={-1} className="space-y-2 focus:outline-none">
      {state.ok ? (
        <Notice tone="success" role="status" title={state.message}>
          {mode === "create" && state.result ? (
            <p className="flex flex-wrap gap-x-4 gap-y-1">
              <Link href={`/orders/${state.result.orderId}`} className="font-medium underline">
                Open order {state.result.workOrderNumber}
              </Link>
              <span>or create another below.</span>
            </p>
          ) : null}
        </Notice>
      ) : (
        <div id="order-form-problems">
          <Notice
            tone="error"
            role="alert"
            title={
              problems.length
                ? `Not saved: ${problems.length === 1 ? "one field needs" : `${problems.length} fields need`} attention.`
                : "Not saved."
            }
          >
            {problems.length ? (
              <ul className="list-disc space-y-0.5 pl-5">
                {problems.map(([key, messages]) => (
                  <li key={key}>
                    <a href={`#${fieldId(key)}`} className="underline">
                      {fieldLabel(key)}
                    </a>
                    : {messages[0]}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="whitespace-pre-line">{state.message}</p>
            )}
          </Notice>
        </div>
      )}
      <Warnings warnings={state.warnings} />
    </div>
  );
}

function FormBody(props: Props & { data: OrderFormData; errors: Record<string, string[]> }) {
  const { data, errors, mappings } = props;
  const [integrationId, setIntegrationId] = useState(data.fields.integrationId || props.integrations[0]?.id || "");
  const integration = props.integrations.find((i) => i.id === integrationId) ?? props.integrations[0];
  const [clientStatus, setClientStatus] = useState(data.fields.clientStatus ?? "");
  const error = (key: string) => errors[key]?.[0];
  const isLocked = (name: string) => props.mode === "edit" && LOCKED_ORDER_FIELDS.includes(name);
  const locked = (name: string) => (isLocked(name) ? (name === "workOrderNumber" ? NUMBER_LOCKED : true) : undefined);
  const ignoredNote = (name: string) =>
    integration?.ignored.includes(name) && name !== "status" ? (
      <p className="text-xs text-amber-800">
        Pruvan ignores this field from {integration.username} ({integrationTypeText(integration)}): it is kept here only.
      </p>
    ) : null;

  const renderField = (def: FieldDef) => {
    const field = { def, id: fieldId(def.name), name: def.name, value: data.fields[def.name] ?? "", error: error(def.name) };
    if (def.name !== "clientStatus") return <OrderField {...field} locked={locked(def.name)} note={ignoredNote(def.name)} />;
    const note = clientStatus.trim() ? (
      <p className="text-xs text-slate-600" aria-live="polite">
        {mappingNote(mappings, clientStatus.trim())}
      </p>
    ) : null;
    return (
      <div onInput={(e) => e.target instanceof HTMLInputElement && setClientStatus(e.target.value)}>
        <OrderField {...field} note={note} list="client-status-suggestions" />
        <datalist id="client-status-suggestions">
          {mappings.map((m) => (
            <option key={m.clientStatus} value={m.clientStatus}>
              {m.pruvanStatus ? `sets ${m.pruvanStatus}` : "status not set"}
            </option>
          ))}
        </datalist>
      </div>
    );
  };

  return (
    <>
      <div className="grid items-start gap-4 xl:grid-cols-2">
        {ORDER_GROUPS.map((group) => (
          <Group
            key={group.id}
            group={group}
            open={!group.optional || group.fields.some((f) => data.fields[f.name] || errors[f.name])}
            lockNote={group.fields.some((f) => f.name !== "workOrderNumber" && isLocked(f.name)) ? CREATE_ONLY : undefined}
          >
            {group.id === "identity" ? (
              <div>
                {props.mode === "create" ? (
                  <IntegrationSelect
                    integrations={props.integrations}
                    value={integrationId}
                    onChange={setIntegrationId}
                    error={error("integrationId")}
                  />
                ) : (
                  <p className="text-sm text-slate-700">
                    <span className="font-medium">Integration:</span> {integration?.name} ({integration?.username},{" "}
                    {integration ? integrationTypeText(integration) : ""})
                  </p>
                )}
              </div>
            ) : null}
            {group.fields.map((def) => (
              <div key={def.name} className={def.wide ? "sm:col-span-full" : ""}>
                {renderField(def)}
              </div>
            ))}
            {group.id === "assignment" && integration ? (
              <div className="sm:col-span-full">
                <StatusPicker
                  id={fieldId("status")}
                  action={props.mode === "create" ? "create" : "update"}
                  rules={integration}
                  integrationName={integration.username}
                  defaultValue={data.fields.status ?? ""}
                  current={props.mode === "edit" ? props.currentStatus : null}
                  error={error("status")}
                  confirmError={error("confirmDelete")}
                  key={integration.id}
                />
              </div>
            ) : null}
          </Group>
        ))}
      </div>
      <section aria-labelledby="services-title" className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="services-title" className="text-sm font-semibold text-slate-800">
          Services (Pruvan tasks)
        </h2>
        <p className="mt-1 mb-3 text-xs text-slate-600">
          At least one. Pruvan replaces an order&apos;s tasks with this set, in this order: a service removed here is deleted in Pruvan.
        </p>
        <ServicesEditor initial={data.services} errors={errors} listError={error("services")} />
      </section>
    </>
  );
}

function Group({ group, open, lockNote, children }: { group: FieldGroup; open: boolean; lockNote?: string; children: React.ReactNode }) {
  const grid = group.columns === 3 ? "sm:grid-cols-2 lg:grid-cols-3" : group.columns === 2 ? "sm:grid-cols-2" : "";
  const body = (
    <>
      {group.description ? <p className="mb-3 text-xs text-slate-600">{group.description}</p> : null}
      {lockNote ? <p className="mb-3 text-xs text-slate-600">{lockNote}</p> : null}
      <div className={`grid gap-3 ${grid}`}>{children}</div>
    </>
  );
  if (group.optional) {
    return (
      <details open={open} className="group rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <summary className="cursor-pointer text-sm font-semibold text-slate-800">
          {group.title} <span className="text-xs font-normal text-slate-500">(optional)</span>
        </summary>
        <div className="mt-3">{body}</div>
      </details>
    );
  }
  return (
    <section aria-labelledby={`group-${group.id}`} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={`group-${group.id}`} className="mb-3 text-sm font-semibold text-slate-800">
        {group.title}
      </h2>
      {body}
    </section>
  );
}

function IntegrationSelect({
  integrations,
  value,
  onChange,
  error,
}: {
  integrations: IntegrationChoice[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const id = fieldId("integrationId");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Integration (Pruvan account){" "}
        <span className="text-red-700" aria-hidden="true">
          *
        </span>
      </label>
      <select
        id={id}
        name="integrationId"
        defaultValue={value}
        onChange={(e) => onChange(e.target.value)}
        className={controlClass}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
      >
        {integrations.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name} ({i.username}, {integrationTypeText(i)})
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          Its mode decides which statuses you can set and which fields Pruvan takes.
        </p>
      )}
    </div>
  );
}

/** What the status mapping does with the client status being typed. */
function mappingNote(mappings: MappingChoice[], clientStatus: string): string {
  const mapped = mappings.find((m) => m.clientStatus === clientStatus);
  if (!mapped) return "Not in the status mapping: Pruvan gets it as text only.";
  if (!mapped.pruvanStatus) return `Status mapping: "${mapped.clientStatus}" sets no Pruvan status.`;
  return `Status mapping: "${mapped.clientStatus}" sets Pruvan status ${mapped.pruvanStatus} when the order's own status is not set.`;
}
