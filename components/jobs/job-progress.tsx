"use client";

import { useEffect, useState } from "react";
import type { JobView } from "@/lib/jobs/queue";

// A background job followed from a page (an import, a bulk change): polls GET /jobs/{id}
// while it waits or runs, shows a progress bar, then whatever the page makes of its result.

const POLL_MS = 400;

/** The job as the server last reported it; null until the first answer. */
export function useJob(jobId: string, initial: JobView | null = null): JobView | null {
  const [job, setJob] = useState<JobView | null>(initial);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/jobs/${encodeURIComponent(jobId)}`, { cache: "no-store" });
        if (res.ok) {
          const view = (await res.json()) as JobView;
          if (stopped) return;
          setJob(view);
          if (view.state === "done" || view.state === "failed") return;
        }
      } catch {
        // offline for a moment: ask again
      }
      if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [jobId]);
  return job;
}

export const jobFinished = (job: JobView | null): job is JobView => job?.state === "done" || job?.state === "failed";

/** The bar while the job waits or runs; `waiting` says what it waits for. */
export function JobProgressBar({ job, label, noun, waiting }: { job: JobView | null; label: string; noun: string; waiting: string }) {
  const total = job?.total ?? 0;
  const done = Math.min(job?.done ?? 0, total);
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const queued = !job || job.state === "queued";
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={queued ? waiting : `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} ${noun}`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-600 tabular-nums" aria-live="polite">
        {queued ? waiting : `${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} ${noun} (${percent}%)`}
      </p>
    </div>
  );
}
