import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import type { RecentImport } from "@/lib/orders/import-job";
import type { ImportReport } from "@/lib/orders/import-report";

// The latest imports of every integration, running or done, each a link to its progress
// or result (someone who left the page finds their import here).

const stateTone = { queued: "gray", running: "blue", done: "green", failed: "red" } as const;

export function RecentImports({ jobs, current }: { jobs: RecentImport[]; current?: string }) {
  if (jobs.length === 0) return null;
  return (
    <Card title="Recent imports">
      <ul className="divide-y divide-slate-100 text-sm" aria-label="Recent imports">
        {jobs.map((job) => {
          return (
            <li key={job.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
              <Link
                href={`/orders/import?job=${job.id}`}
                aria-current={job.id === current ? "page" : undefined}
                className="font-medium text-brand-700 underline"
              >
                {job.fileName ?? "Import"}
              </Link>
              <span className="text-slate-600">{job.integration ?? ""}</span>
              <Badge tone={stateTone[job.state]}>{job.state}</Badge>
              <span className="text-slate-600 tabular-nums">{progressText(job)}</span>
              <span className="ml-auto text-xs text-slate-500">{formatDateTime(new Date(job.createdAt))}</span>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

function progressText(job: RecentImport): string {
  const counts = job.state === "done" ? (job.result as Partial<ImportReport> | null)?.counts : undefined;
  if (counts) return `${counts.created} created, ${counts.updated} updated, ${counts.deleted} deleted, ${counts.errors} errors`;
  if (job.state === "running") return `${job.done.toLocaleString("en-US")} of ${job.total.toLocaleString("en-US")} rows`;
  return "";
}
