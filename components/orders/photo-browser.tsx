"use client";

import Image from "next/image";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Lightbox } from "@/components/ui/lightbox";
import type { PhotoView } from "@/lib/work-items/views";
import { PhotoMetadata } from "./photo-metadata";

const OpenPhoto = createContext<(id: string) => void>(() => undefined);

/**
 * Holds an order's photos in lightbox order. Any PhotoThumb inside (gallery, survey
 * answers, CSRs, videos) opens the one lightbox at its photo.
 */
export function PhotoBrowser({ photos, children }: { photos: PhotoView[]; children: React.ReactNode }) {
  const [index, setIndex] = useState<number | null>(null);
  const positions = useMemo(() => new Map(photos.map((p, i) => [p.id, i])), [photos]);
  const images = useMemo(
    () => photos.map((p) => ({ src: p.urls.large, alt: p.alt, caption: `${p.evidenceLabel} · ${p.serviceName}` })),
    [photos],
  );
  const open = useCallback((id: string) => setIndex(positions.get(id) ?? null), [positions]);
  return (
    <OpenPhoto.Provider value={open}>
      {children}
      <Lightbox images={images} index={index} onIndexChange={setIndex} details={(i) => <PhotoMetadata photo={photos[i]!} />} />
    </OpenPhoto.Provider>
  );
}

/** A fixed-size thumbnail button (no layout shift while it loads). */
export function PhotoThumb({ id, src, alt, badge }: { id: string; src: string; alt: string; badge?: string }) {
  const open = useContext(OpenPhoto);
  return (
    <button
      type="button"
      onClick={() => open(id)}
      className="relative block aspect-square w-full overflow-hidden rounded-md bg-slate-200 ring-1 ring-slate-300 transition hover:ring-2 hover:ring-brand-600"
    >
      <Image src={src} alt={alt} fill unoptimized sizes="160px" loading="lazy" className="object-cover" />
      {badge ? (
        <span className="absolute bottom-1 left-1 rounded bg-black/70 px-1.5 py-0.5 text-xs font-medium text-white">{badge}</span>
      ) : null}
    </button>
  );
}
