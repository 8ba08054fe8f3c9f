import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { formatDateTime } from "@/lib/format";
import type { FullSyncProgress } from "@/lib/push/full-sync";

// The integration's latest full sync by push (a Full Refresh over Pruvan's 5000 orders per
// answer, sent through the push key instead; lib/push/full-sync): how far it got.

const n = (x: number) => x.toLocaleString("en-US");

export function FullSyncCard({ sync, heldUntil }: { sync: FullSyncProgress; heldUntil: Date | null }) {
  const waitsForLimit = !sync.done && heldUntil && heldUntil > new Date();
  return (
    <Card title="Full sync by push">
      <div data-testid="full-sync" className="space-y-3">
        <p className="text-sm">
          {sync.done ? <Badge tone={sync.failed ? "amber" : "green"}>finished</Badge> : <Badge tone="blue">under way</Badge>}{" "}
          <span data-testid="full-sync-progress">{`${n(sync.delivered)} of ${n(sync.total)} orders delivered`}</span>
        </p>
        <DescriptionList
          items={[
            { label: "Started", value: formatDateTime(sync.startedAt) },
            { label: "Still to send", value: n(sync.waiting) },
            ...(waitsForLimit
              ? [
                  {
                    label: "Next push",
                    value: `${formatDateTime(heldUntil)} (Pruvan's hourly limit, a retry, or Pruvan importing the last answer)`,
                  },
                ]
              : []),
            ...(sync.failed
              ? [{ label: "Refused or given up", value: <span className="text-red-800">{n(sync.failed)}: see the push log</span> }]
              : []),
            ...(sync.skipped ? [{ label: "Deleted here before their turn", value: n(sync.skipped) }] : []),
          ]}
        />
        <p className="text-xs text-slate-500">
          Started by a Full Refresh over Pruvan&apos;s 5,000 orders per answer: the refresh was refused (it would have deleted the rest in
          Pruvan) and every current order goes through the push key instead.
        </p>
      </div>
    </Card>
  );
}
