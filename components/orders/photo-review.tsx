"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import { reviewPhotosAction } from "@/lib/actions/photo-review";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import type { FormState } from "@/lib/auth/action";
import type { ReviewOutcome } from "@/lib/photo-review/manage";
import type { ReviewView } from "@/lib/photo-review/view";
import { REVIEW_NOTE_MAX, type ReviewFilter, type ReviewState } from "@/lib/photo-review/schemas";
import type { PhotoView } from "@/lib/work-items/views";

// Photo review on the order page: each photo's state (the server's, overlaid with what
// this page decided since), the gallery's filter, and the call that records a decision.

type Decision = "approved" | "rejected" | "cleared";
type Target = { photoIds: string[] } | { service: string };

type Review = {
  reviewOf: (photo: PhotoView) => ReviewView | null;
  reviewOfId: (id: string) => ReviewView | null;
  matches: (photo: PhotoView) => boolean;
  filter: ReviewFilter;
  setFilter: (f: ReviewFilter) => void;
  decide: (target: Target, decision: Decision, note?: string) => Promise<FormState<ReviewOutcome>>;
  /** The answer to the last whole-service decision, shown above the gallery (its service may have left the filtered view). */
  notice: FormState | null;
  setNotice: (n: FormState | null) => void;
};

const ReviewContext = createContext<Review | null>(null);

export function useReview(): Review {
  const review = useContext(ReviewContext);
  if (!review) throw new Error("useReview outside PhotoReviewProvider");
  return review;
}

const PENDING = (state: ReviewState): ReviewView => ({ state, note: null, by: null, at: null });

export function PhotoReviewProvider({
  orderId,
  photos,
  initialFilter,
  children,
}: {
  orderId: string;
  photos: PhotoView[];
  initialFilter: ReviewFilter;
  children: React.ReactNode;
}) {
  const [decided, setDecided] = useState<Record<string, ReviewView>>({});
  const [filter, setFilterState] = useState<ReviewFilter>(initialFilter);
  const [notice, setNotice] = useState<FormState | null>(null);
  const byService = useMemo(() => photos.filter((p) => p.review !== null), [photos]);

  const reviewOf = useCallback((p: PhotoView) => (p.review === null ? null : (decided[p.id] ?? p.review)), [decided]);
  const byId = useMemo(() => new Map(photos.map((p) => [p.id, p])), [photos]);
  const reviewOfId = useCallback(
    (id: string) => {
      const photo = byId.get(id);
      return photo ? reviewOf(photo) : null;
    },
    [byId, reviewOf],
  );
  const matches = useCallback((p: PhotoView) => filter === "all" || reviewOf(p)?.state === filter, [filter, reviewOf]);

  const setFilter = useCallback((f: ReviewFilter) => {
    setFilterState(f);
    // Kept in the address, so a reload or a shared link shows the same photos.
    const url = new URL(window.location.href);
    if (f === "all") url.searchParams.delete("review");
    else url.searchParams.set("review", f);
    window.history.replaceState(window.history.state, "", url);
  }, []);

  const decide = useCallback(
    async (target: Target, decision: Decision, note?: string) => {
      const ids = "photoIds" in target ? target.photoIds : byService.filter((p) => p.serviceName === target.service).map((p) => p.id);
      const before = Object.fromEntries(ids.map((id) => [id, decided[id]]));
      // Shown at once, so a reviewer can keep pressing keys; the server's answer replaces it.
      setDecided((d) => ({
        ...d,
        ...Object.fromEntries(ids.map((id) => [id, PENDING(decision === "cleared" ? "unreviewed" : decision)])),
      }));
      const form = new FormData();
      form.set("orderId", orderId);
      form.set("decision", decision);
      if (note) form.set("note", note);
      if ("photoIds" in target) form.set("photoIds", target.photoIds.join(","));
      else form.set("service", target.service);
      let state: FormState<ReviewOutcome>;
      try {
        state = await reviewPhotosAction({}, form);
      } catch {
        state = { message: "The review could not be saved: check the connection and try again." };
      }
      setDecided((d) => {
        const next = { ...d };
        for (const id of ids) {
          const saved = state.result?.reviews[id];
          if (saved) next[id] = saved;
          else if (before[id]) next[id] = before[id];
          else delete next[id];
        }
        return next;
      });
      return state;
    },
    [orderId, byService, decided],
  );

  const value = useMemo(
    () => ({ reviewOf, reviewOfId, matches, filter, setFilter, decide, notice, setNotice }),
    [reviewOf, reviewOfId, matches, filter, setFilter, decide, notice],
  );
  return <ReviewContext.Provider value={value}>{children}</ReviewContext.Provider>;
}

const FILTERS: { value: ReviewFilter; label: string }[] = [
  { value: "all", label: "All" },
  { value: "unreviewed", label: "Not reviewed" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
];

/** "Show: All · Not reviewed · Approved · Rejected", each with its count. */
export function ReviewFilterBar({ photos }: { photos: PhotoView[] }) {
  const { filter, setFilter, reviewOf } = useReview();
  const reviewable = photos.filter((p) => p.review !== null);
  if (reviewable.length === 0) return null;
  const count = (f: ReviewFilter) => (f === "all" ? reviewable.length : reviewable.filter((p) => reviewOf(p)?.state === f).length);
  return (
    <div
      role="group"
      aria-label="Show photos"
      className="inline-flex flex-wrap rounded-md bg-white p-0.5 text-sm shadow-sm ring-1 ring-slate-300"
    >
      {FILTERS.map((f) => (
        <button
          key={f.value}
          type="button"
          aria-pressed={filter === f.value}
          onClick={() => setFilter(f.value)}
          className={`rounded px-2.5 py-1 font-medium ${filter === f.value ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {f.label} <span className={filter === f.value ? "text-white/80" : "text-slate-500"}>{count(f.value)}</span>
        </button>
      ))}
    </div>
  );
}

const STATE_BADGE = { approved: ["green", "Approved"], rejected: ["red", "Rejected"], unreviewed: ["gray", "Not reviewed"] } as const;

export function ReviewBadge({ review }: { review: ReviewView }) {
  const [tone, text] = STATE_BADGE[review.state];
  return <Badge tone={tone}>{text}</Badge>;
}

/** The mark on a thumbnail: nothing until someone decided. */
export function ReviewMark({ review }: { review: ReviewView | null }) {
  if (!review || review.state === "unreviewed") return null;
  const approved = review.state === "approved";
  return (
    <span
      className={`absolute top-1 right-1 rounded px-1.5 py-0.5 text-xs font-semibold text-white shadow ${approved ? "bg-emerald-600" : "bg-red-600"}`}
    >
      <span aria-hidden="true">{approved ? "✓ " : "✕ "}</span>
      {approved ? "Approved" : "Rejected"}
    </span>
  );
}

const isTyping = (target: EventTarget | null) => target instanceof HTMLElement && target.closest("input, textarea, select") !== null;

/**
 * The viewer's review panel: A approves, R asks for the reason and rejects, U clears;
 * a decision moves on to the next photo. Buttons do the same for the mouse.
 */
export function ReviewPanel({ photo, onDecided }: { photo: PhotoView; onDecided: () => void }) {
  const { reviewOf, decide } = useReview();
  const review = reviewOf(photo);
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<FormState | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  // A new photo starts with a closed note form.
  const [shown, setShown] = useState(photo.id);
  if (shown !== photo.id) {
    setShown(photo.id);
    setRejecting(false);
    setNote("");
    setMessage(null);
  }

  const submit = useCallback(
    async (decision: Decision, reason?: string) => {
      setRejecting(false);
      setNote("");
      const state = await decide({ photoIds: [photo.id] }, decision, reason);
      setMessage(state.ok ? null : state);
      if (state.ok && decision !== "cleared") onDecided();
    },
    [decide, photo.id, onDecided],
  );

  useEffect(() => {
    if (!review) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const key = e.key.toLowerCase();
      if (key === "a") void submit("approved");
      else if (key === "u") void submit("cleared");
      else if (key === "r") setRejecting(true);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [review, submit]);

  useEffect(() => {
    if (rejecting) noteRef.current?.focus();
  }, [rejecting]);

  if (!review) return null;
  const sendRejection = () => {
    if (note.trim()) void submit("rejected", note.trim());
  };
  return (
    <div className="space-y-3 border-b border-slate-200 pb-4" aria-label="Review" role="group">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-semibold">Review</h2>
        <span aria-live="polite">
          <ReviewBadge review={review} />
        </span>
      </div>
      {review.state !== "unreviewed" && review.by ? (
        <p className="text-xs text-slate-600">
          {review.state === "approved" ? "Approved" : "Rejected"} by {review.by}
          {review.at ? `, ${review.at}` : ""}
        </p>
      ) : null}
      {review.state === "rejected" && review.note ? (
        <p className="rounded bg-red-50 px-2 py-1 text-sm text-red-900 ring-1 ring-red-200">{review.note}</p>
      ) : null}
      {rejecting ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            sendRejection();
          }}
        >
          <label htmlFor="review-note" className="block text-sm font-medium text-slate-700">
            Why is it rejected?
          </label>
          <textarea
            id="review-note"
            ref={noteRef}
            value={note}
            maxLength={REVIEW_NOTE_MAX}
            rows={2}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                sendRejection();
              } else if (e.key === "Escape") {
                e.preventDefault(); // closes the note, not the viewer
                e.stopPropagation();
                setRejecting(false);
              }
            }}
            className={controlClass}
            placeholder="e.g. Blurred; retake from the street"
          />
          <div className="flex gap-2">
            <Button type="submit" variant="danger" disabled={!note.trim()}>
              Reject photo
            </Button>
            <Button type="button" variant="secondary" onClick={() => setRejecting(false)}>
              Cancel
            </Button>
          </div>
          <p className="text-xs text-slate-500">Enter rejects · Esc cancels</p>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="button" onClick={() => void submit("approved")} aria-keyshortcuts="A">
            Approve <kbd className="text-xs opacity-80">A</kbd>
          </Button>
          <Button type="button" variant="danger" onClick={() => setRejecting(true)} aria-keyshortcuts="R">
            Reject… <kbd className="text-xs opacity-80">R</kbd>
          </Button>
          {review.state !== "unreviewed" ? (
            <Button type="button" variant="ghost" onClick={() => void submit("cleared")} aria-keyshortcuts="U">
              Clear <kbd className="text-xs opacity-80">U</kbd>
            </Button>
          ) : null}
        </div>
      )}
      {message?.message ? (
        <p role="alert" className="text-sm text-red-700">
          {message.message}
        </p>
      ) : null}
    </div>
  );
}

/** A service's "Approve all" and "Reject all…" (with one reason for all). */
export function ServiceReviewActions({ service, count }: { service: string; count: number }) {
  const { decide, setNotice } = useReview();
  const [rejecting, setRejecting] = useState(false);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const run = async (decision: Decision, reason?: string) => {
    setPending(true);
    setNotice(null);
    const answer = await decide({ service }, decision, reason);
    setPending(false);
    setNotice({ ...answer, message: answer.ok ? `${service}: ${answer.message}` : answer.message });
    if (answer.ok) {
      setRejecting(false);
      setNote("");
    }
  };
  if (count === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Button
          type="button"
          variant="secondary"
          disabled={pending}
          onClick={() => void run("approved")}
          aria-label={`Approve all photos of ${service}`}
        >
          Approve all
        </Button>
        <Button
          type="button"
          variant="danger"
          disabled={pending}
          onClick={() => setRejecting((r) => !r)}
          aria-expanded={rejecting}
          aria-label={`Reject all photos of ${service}`}
        >
          Reject all…
        </Button>
      </div>
      {rejecting ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) void run("rejected", note.trim());
          }}
        >
          <div className="min-w-64 flex-1 space-y-1">
            <label htmlFor={`reject-${service}`} className="block text-sm font-medium text-slate-700">
              Why are these {count} photos rejected?
            </label>
            <input
              id={`reject-${service}`}
              value={note}
              maxLength={REVIEW_NOTE_MAX}
              onChange={(e) => setNote(e.target.value)}
              className={controlClass}
            />
          </div>
          <Button type="submit" variant="danger" disabled={pending || !note.trim()}>
            Reject {count} photos
          </Button>
        </form>
      ) : null}
    </div>
  );
}
