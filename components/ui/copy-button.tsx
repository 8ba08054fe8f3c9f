"use client";

import { useState } from "react";
import { buttonClass } from "./button";

/**
 * Copies a text to the clipboard and says so. Where the clipboard is not available
 * (plain http on another host), the text is selected instead for Ctrl+C.
 */
export function CopyButton({ text, label, selectId }: { text: string; label: string; selectId?: string }) {
  const [done, setDone] = useState<"copied" | "selected" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone("copied");
    } catch {
      const el = selectId ? document.getElementById(selectId) : null;
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
        el.focus();
        el.select();
      }
      setDone("selected");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className={buttonClass("secondary", "shrink-0")}>
        {label}
      </button>
      <span aria-live="polite" className="min-w-16 text-xs text-slate-600">
        {done === "copied" ? "Copied" : done === "selected" ? "Selected: press Ctrl+C" : ""}
      </span>
    </span>
  );
}
