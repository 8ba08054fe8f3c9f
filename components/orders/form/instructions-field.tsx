"use client";

import { useEffect, useId, useRef, useState } from "react";
import { previewInstructions } from "@/lib/actions/orders";
import { controlClass } from "@/components/ui/field";
import { SafeHtml } from "@/components/ui/safe-html";

/**
 * Instructions in light HTML, with a preview of what the phone will show. The preview is
 * sanitized on the server (only Pruvan's light formatting survives; no script ever runs)
 * and is the same rendering the order page uses.
 */
export function InstructionsField({
  id,
  name,
  label,
  defaultValue,
  hint,
  error,
  note,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  hint?: string;
  error?: string;
  note?: React.ReactNode;
}) {
  const [text, setText] = useState(defaultValue);
  const [open, setOpen] = useState(false);
  const [html, setHtml] = useState<string | null>(null);
  const previewId = useId();
  const latest = useRef(0);

  useEffect(() => {
    if (!open) return;
    const call = ++latest.current;
    const timer = setTimeout(async () => {
      const safe = await previewInstructions(text);
      if (call === latest.current) setHtml(safe);
    }, 250);
    return () => clearTimeout(timer);
  }, [open, text]);

  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <button
          type="button"
          onClick={() => setOpen((v) => !v)}
          aria-expanded={open}
          aria-controls={previewId}
          className="text-xs font-medium text-brand-700 underline"
        >
          {open ? "Hide preview" : "Preview"}
        </button>
      </div>
      <textarea
        id={id}
        name={name}
        rows={4}
        defaultValue={defaultValue}
        onChange={(e) => setText(e.target.value)}
        className={`${controlClass} font-mono text-[0.8rem]`}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700" role="alert">
          {error}
        </p>
      ) : null}
      {note}
      <div id={previewId} hidden={!open}>
        <p className="mt-2 text-xs font-medium text-slate-600">Preview (as shown on the phone)</p>
        <div aria-live="polite" aria-busy={html === null} className="mt-1 min-h-16 rounded-md bg-white p-3 ring-1 ring-slate-200">
          {html === null ? (
            <p className="text-sm text-slate-400">Loading the preview…</p>
          ) : html.trim() === "" ? (
            <p className="text-sm text-slate-400">Nothing to show.</p>
          ) : (
            <SafeHtml html={html} />
          )}
        </div>
      </div>
    </div>
  );
}
