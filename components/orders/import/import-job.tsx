"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { JobProgressBar, jobFinished, useJob } from "@/components/jobs/job-progress";
import { buttonClass } from "@/components/ui/button";
import type { JobView } from "@/lib/jobs/queue";
import { importChanged, type ImportReport } from "@/lib/orders/import-report";
import { ReportView } from "./import-orders";

// An applied import, followed while it runs in the background (GET /jobs/{id}): a progress
// bar, then the report. Its address (/orders/import?job=...) survives a reload.

export function ImportJob({ initial }: { initial: JobView }) {
  const job = useJob(initial.id, initial) ?? initial;
  const router = useRouter();
  const finished = jobFinished(job);
  useEffect(() => {
    if (finished) router.refresh(); // the page's list of recent imports
  }, [finished, router]);
  return (
    <div className="space-y-4">
      {!finished ? (
        <section aria-labelledby="import-job-title" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <h2 id="import-job-title" className="text-base font-semibold text-slate-900">
            Applying the import
          </h2>
          <JobProgressBar
            job={job}
            label="Import progress"
            noun="rows"
            waiting="Waiting for the import running on this integration to finish…"
          />
          <p className="text-xs text-slate-600">It goes on if you leave this page; come back here to see the result.</p>
        </section>
      ) : job.state === "failed" ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          {job.error ?? "The import failed."}
        </p>
      ) : (
        <ImportOutcome report={job.result as ImportReport} />
      )}
      <div className="flex flex-wrap gap-2">
        <Link href="/orders" className={buttonClass(finished ? "primary" : "secondary")}>
          Back to the orders
        </Link>
        <Link href="/orders/import" className={buttonClass("secondary")}>
          Import another file
        </Link>
      </div>
    </div>
  );
}

function ImportOutcome({ report }: { report: ImportReport }) {
  const changed = importChanged(report);
  return (
    <ReportView
      report={report}
      message={`Imported ${report.fileName}: ${changed.toLocaleString("en-US")} ${changed === 1 ? "order" : "orders"} changed.`}
    />
  );
}
