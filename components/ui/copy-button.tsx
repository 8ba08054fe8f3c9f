"use client";

import { useEffect, useState } from "react";
import { buttonClass } from "./button";

/**
 * Copies a text to the clipboard and says so on the button itself (no extra width on a
 * phone). Where the clipboard is not available (plain http on another host), the text is
 * selected instead for Ctrl+C.
 */
export function CopyButton({ text, label, selectId }: { text: string; label: string; selectId?: string }) {
  const [done, setDone] = useState<"copied" | "selected" | null>(null);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(null), 4000);
    return () => clearTimeout(timer);
  }, [done]);
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
    <>
      <button type="button" onClick={copy} className={buttonClass("secondary", "min-w-[5.5rem] shrink-0")}>
        {done === "copied" ? "Copied ✓" : done === "selected" ? "Press Ctrl+C" : label}
      </button>
      <span aria-live="polite" className="sr-only">
        {done === "copied" ? `${label}: copied to the clipboard` : done === "selected" ? "Selected: press Ctrl+C to copy" : ""}
      </span>
    </>
  );
}
