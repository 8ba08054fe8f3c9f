"use client";

import Image from "next/image";
import { useEffect } from "react";
import { ModalDialog } from "./dialog";

export type LightboxImage = { src: string; alt: string; caption: string };

/**
 * A full-screen image viewer. Arrow keys (and Home/End) move, Escape closes; the
 * details panel beside (or, on a phone, below) the image is the caller's.
 */
export function Lightbox({
  images,
  index,
  onIndexChange,
  details,
  label = "Photo viewer",
  hint = "← → to move · Esc to close",
}: {
  images: LightboxImage[];
  index: number | null;
  onIndexChange: (index: number | null) => void;
  details?: (index: number) => React.ReactNode;
  label?: string;
  /** The keys this viewer answers, shown in its top bar. */
  hint?: string;
}) {
  const count = images.length;
  const current = index === null ? undefined : images[index];

  useEffect(() => {
    if (index === null || count === 0) return;
    const move = (e: KeyboardEvent) => {
      const to = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: count - 1 }[e.key];
      if (to === undefined || e.altKey || e.ctrlKey || e.metaKey) return;
      // Keys typed into a field of the details panel (a note) are text, not moves.
      if (e.target instanceof HTMLElement && e.target.closest("input, textarea, select")) return;
      e.preventDefault();
      onIndexChange((to + count) % count); // wraps around at both ends
    };
    window.addEventListener("keydown", move);
    // Warm the neighbours so moving feels instant.
    for (const n of [index + 1, index - 1]) {
      const next = images[(n + count) % count];
      if (next) new window.Image().src = next.src;
    }
    return () => window.removeEventListener("keydown", move);
  }, [index, count, images, onIndexChange]);

  return (
    <ModalDialog
      open={current !== undefined}
      onClose={() => onIndexChange(null)}
      label={label}
      className="m-0 h-dvh max-h-none w-screen max-w-none overflow-hidden bg-slate-950 p-0 text-white backdrop:bg-black/80"
    >
      {current && index !== null ? (
        <div className="flex h-full flex-col lg:flex-row">
          <div className="relative flex min-h-0 flex-1 flex-col">
            <div className="flex items-center gap-3 px-4 py-2">
              <p className="min-w-0 flex-1 truncate text-sm" aria-live="polite">
                <span className="font-semibold">
                  {index + 1} / {count}
                </span>
                <span className="ml-2 text-slate-300">{current.caption}</span>
              </p>
              <p className="hidden text-xs text-slate-400 md:block">{hint}</p>
              <button
                type="button"
                onClick={() => onIndexChange(null)}
                className="rounded-md px-2 py-1 text-sm font-medium ring-1 ring-white/30 hover:bg-white/10"
              >
                Close<span className="sr-only"> photo viewer</span>
              </button>
            </div>
            <figure className="relative flex min-h-0 flex-1 items-center justify-center px-2 pb-2 sm:px-14">
              <div className="relative h-full w-full">
                {/* Already resized by our auth-checked route: the optimizer stays out of it. */}
                <Image key={current.src} src={current.src} alt={current.alt} fill unoptimized className="object-contain" />
              </div>
              <figcaption className="sr-only">{current.alt}</figcaption>
            </figure>
            {count > 1 ? (
              <>
                <NavButton side="left" label="Previous photo" onClick={() => onIndexChange((index - 1 + count) % count)} />
                <NavButton side="right" label="Next photo" onClick={() => onIndexChange((index + 1) % count)} />
              </>
            ) : null}
          </div>
          {details ? (
            <div className="max-h-[45dvh] shrink-0 overflow-y-auto bg-white p-4 text-slate-900 lg:max-h-none lg:w-80">{details(index)}</div>
          ) : null}
        </div>
      ) : null}
    </ModalDialog>
  );
}

function NavButton({ side, label, onClick }: { side: "left" | "right"; label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      className={`absolute top-1/2 ${side === "left" ? "left-2" : "right-2"} flex h-11 w-11 -translate-y-1/2 items-center justify-center rounded-full bg-black/50 text-2xl ring-1 ring-white/30 hover:bg-black/70`}
    >
      <span aria-hidden="true">{side === "left" ? "‹" : "›"}</span>
    </button>
  );
}
