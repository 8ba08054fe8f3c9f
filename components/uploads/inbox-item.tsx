"use client";

import Image from "next/image";
import { useActionState, useId } from "react";
import { assignUploadAction, discardUploadAction, restoreUploadAction } from "@/lib/actions/uploads";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { formatBytes, formatDateTime } from "@/lib/format";
import type { InboxItem, InboxView } from "@/lib/work-items/inbox";
import { thumbUrl } from "@/lib/work-items/urls";

type Place = { view: InboxView; page: number };

const typeLabel: Record<string, string> = { picture: "Photo", csr: "CSR", survey: "Survey", "check-in": "Check-in", file: "File" };

/** One unmatched upload: what it is, and the forms that assign or discard it. */
export function InboxItemCard({ item, place }: { item: InboxItem; place: Place }) {
  const kind = typeLabel[item.fileType] ?? item.fileType;
  const what = `${kind}${item.evidenceType ? ` (${item.evidenceType})` : ""} for Pruvan order ${item.key2 ?? "unknown"}${item.key4 ? `, task ${item.key4}` : ""}`;
  return (
    <li data-testid="inbox-item" aria-label={what} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-4 sm:flex-row">
        <Preview item={item} alt={`${what}, received ${formatDateTime(item.receivedAt)}`} />
        <div className="min-w-0 flex-1 space-y-3">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm md:grid-cols-4">
            <Fact
              label="Type"
              value={
                <>
                  {kind}
                  {item.evidenceType ? <span className="text-slate-500"> · {item.evidenceType}</span> : null}
                </>
              }
            />
            <Fact label="Pruvan order (key2)" value={item.key2} mono />
            <Fact label="Task (key4)" value={item.key4} />
            <Fact label="Integration" value={item.integration} />
            <Fact label="Received" value={formatDateTime(item.receivedAt)} />
            <Fact label="Size" value={item.hasFile ? formatBytes(item.fileSize) : "no file"} />
            <Fact label="Taken by" value={[item.createdBySubUser, item.createdBy && `(${item.createdBy})`].filter(Boolean).join(" ")} />
            {item.discardedAt ? <Fact label="Discarded" value={formatDateTime(item.discardedAt)} /> : null}
          </dl>
          {item.inboxReason ? (
            <p data-testid="inbox-reason" className="text-sm text-amber-800">
              <Badge tone="amber">{item.inboxReason.label}</Badge> {item.inboxReason.text}
            </p>
          ) : null}
          {item.discardedAt ? <RestoreForm item={item} place={place} /> : <AssignForms item={item} place={place} />}
        </div>
      </div>
    </li>
  );
}

function Preview({ item, alt }: { item: InboxItem; alt: string }) {
  const box =
    "relative flex h-28 w-28 shrink-0 items-center justify-center overflow-hidden rounded-md bg-slate-100 text-xs text-slate-500 ring-1 ring-slate-200";
  if (!item.hasFile) return <div className={box}>No file</div>;
  return (
    <a href={`/files/${item.id}`} className={box} aria-label={`Download the original: ${alt}`}>
      {/* The thumbnail route answers a placeholder for files that are not pictures. */}
      <Image src={thumbUrl(item.id, item.version)} alt={alt} fill unoptimized sizes="112px" className="object-cover" />
    </a>
  );
}

function Fact({ label, value, mono }: { label: string; value: React.ReactNode; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className={`truncate text-slate-900 ${mono ? "font-mono text-[0.8rem]" : ""}`}>
        {value || <span className="text-slate-400">-</span>}
      </dd>
    </div>
  );
}

function PlaceFields({ item, place }: { item: InboxItem; place: Place }) {
  return (
    <>
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="view" value={place.view} />
      <input type="hidden" name="page" value={place.page} />
    </>
  );
}

function AssignForms({ item, place }: { item: InboxItem; place: Place }) {
  const [assignState, assign, assigning] = useActionState(assignUploadAction, {});
  const [discardState, discard, discarding] = useActionState(discardUploadAction, {});
  const inputId = useId();
  const error = assignState.errors?.workOrderNumber?.[0];
  return (
    <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
      <form action={assign} className="min-w-0 flex-1 basis-72 space-y-1">
        <PlaceFields item={item} place={place} />
        <label htmlFor={inputId} className="block text-xs font-medium text-slate-700">
          Assign to work order number
        </label>
        <div className="flex gap-2">
          <input
            id={inputId}
            name="workOrderNumber"
            required
            autoComplete="off"
            defaultValue={assignState.values?.workOrderNumber ?? item.suggestedOrderNumber}
            key={assignState.values?.workOrderNumber}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
            className="block w-full min-w-0 rounded-md border-0 px-2.5 py-1.5 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-red-500"
          />
          <Button type="submit" disabled={assigning}>
            {assigning ? "Assigning…" : "Assign"}
          </Button>
        </div>
        {error ? (
          <p id={`${inputId}-error`} role="alert" className="text-xs text-red-700">
            {error}
          </p>
        ) : (
          <FormMessage state={assignState} />
        )}
      </form>
      <form action={discard} className="space-y-1 sm:pt-5">
        <PlaceFields item={item} place={place} />
        <Button type="submit" variant="danger" disabled={discarding}>
          {discarding ? "Discarding…" : "Discard"}
        </Button>
        <FormMessage state={discardState} />
      </form>
    </div>
  );
}

function RestoreForm({ item, place }: { item: InboxItem; place: Place }) {
  const [state, restore, restoring] = useActionState(restoreUploadAction, {});
  return (
    <form action={restore} className="flex flex-wrap items-center gap-3">
      <PlaceFields item={item} place={place} />
      <Badge>discarded</Badge>
      <Button type="submit" variant="secondary" disabled={restoring}>
        {restoring ? "Putting back…" : "Put back in the inbox"}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}
