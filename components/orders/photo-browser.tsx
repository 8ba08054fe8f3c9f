"use client";

import Image from "next/image";
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { Lightbox } from "@/components/ui/lightbox";
import type { PhotoView } from "@/lib/work-items/views";
import type { ReviewFilter } from "@/lib/photo-review/schemas";
import { PhotoMetadata } from "./photo-metadata";
import { PhotoReviewProvider, ReviewMark, ReviewPanel, useReview } from "./photo-review";

const OpenPhoto = createContext<(id: string) => void>(() => undefined);

/**
 * Holds an order's photos in lightbox order. Any PhotoThumb inside (gallery, survey
 * answers, CSRs, videos) opens the one lightbox at its photo. Opened from a gallery
 * filtered by review state, the viewer steps through the photos shown when it opened,
 * so a decision that hides a photo from the gallery does not move the viewer.
 */
export function PhotoBrowser(props: { orderId: string; photos: PhotoView[]; initialFilter?: ReviewFilter; children: React.ReactNode }) {
  return (
    <PhotoReviewProvider orderId={props.orderId} photos={props.photos} initialFilter={props.initialFilter ?? "all"}>
      <Browser photos={props.photos}>{props.children}</Browser>
    </PhotoReviewProvider>
  );
}

function Browser({ photos, children }: { photos: PhotoView[]; children: React.ReactNode }) {
  const { matches } = useReview();
  const [sequence, setSequence] = useState(photos);
  const [index, setIndex] = useState<number | null>(null);
  const images = useMemo(
    () => sequence.map((p) => ({ src: p.urls.large, alt: p.alt, caption: `${p.evidenceLabel} · ${p.serviceName}` })),
    [sequence],
  );
  const open = useCallback(
    (id: string) => {
      const shown = photos.filter(matches);
      const next = shown.some((p) => p.id === id) ? shown : photos;
      setSequence(next);
      setIndex(next.findIndex((p) => p.id === id));
    },
    [photos, matches],
  );
  const onDecided = useCallback(() => setIndex((i) => (i !== null && i < sequence.length - 1 ? i + 1 : i)), [sequence.length]);
  return (
    <OpenPhoto.Provider value={open}>
      {children}
      <Lightbox
        images={images}
        hint="← → move · A approve · R reject · U clear · Esc close"
        index={index}
        onIndexChange={setIndex}
        details={(i) => (
          <div className="space-y-4">
            <ReviewPanel photo={sequence[i]!} onDecided={onDecided} />
            <PhotoMetadata photo={sequence[i]!} />
          </div>
        )}
      />
    </OpenPhoto.Provider>
  );
}

/** A fixed-size thumbnail button (no layout shift while it loads). */
export function PhotoThumb({ id, src, alt, badge }: { id: string; src: string; alt: string; badge?: string }) {
  const open = useContext(OpenPhoto);
  const { reviewOfId } = useReview();
  return (
    <button
      type="button"
      onClick={() => open(id)}
      className="relative block aspect-square w-full overflow-hidden rounded-md bg-slate-200 ring-1 ring-slate-300 transition hover:ring-2 hover:ring-brand-600"
    >
      <Image src={src} alt={alt} fill unoptimized sizes="160px" loading="lazy" className="object-cover" />
      <ReviewMark review={reviewOfId(id)} />
      {badge ? (
        <span className="absolute bottom-1 left-1 rounded bg-black/70 px-1.5 py-0.5 text-xs font-medium text-white">{badge}</span>
      ) : null}
    </button>
  );
}
