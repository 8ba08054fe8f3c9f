import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import type { JobView } from "@/lib/jobs/queue";
import type { ImportReport } from "@/lib/orders/import-report";

// The latest imports of every integration, running or done, each a link to its progress
// or result (someone who left the page finds their import here).

const stateTone = { queued: "gray", running: "blue", done: "green", failed: "red" } as const;

export function RecentImports({ jobs, current }: { jobs: JobView[]; current?: string }) {
  if (jobs.length === 0) return null;
  return (
    <Card title="Recent imports">
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Recent imports">
        {jobs.map((job) => {
          const about = (job.result ?? {}) as Partial<ImportReport>;
          return (
            <li key={job.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <Link href={`/orders/import?job=${job.id}`} aria-current={job.id === current ? "page" : undefined} className="font-medium text-brand-700 underline">
                {about.fileName ?? "Import"}
              </Link>
              <span className="text-slate-600">{about.integration ?? ""}</span>
              <Badge tone={stateTone[job.state]}>{job.state}</Badge>
              <span className="text-slate-600 tabular-nums">{progressText(job, about)}</span>
              <span className="ml-auto text-xs text-slate-500">{formatDateTime(new Date(job.createdAt))}</span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function progressText(job: JobView, about: Partial<ImportReport>): string {
  if (job.state === "done" && about.counts) {
    const c = about.counts;
    return `${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ${c.errors} errors`;
  }
  if (job.state === "running") return `${job.done.toLocaleString("en-US")} of ${job.total.toLocaleString("en-US")} rows`;
  return "";
}
