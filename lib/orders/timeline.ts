import { db } from "@/lib/db";
import type { PushJob, StatusEvent } from "@/lib/db";
import { orderReviewHistory } from "@/lib/photo-review/queries";
import { reviewEntries } from "@/lib/photo-review/timeline";
import { groupBy } from "@/lib/work-items/evidence";

// An order's history in one list, newest first: status changes from every source, what
// we pushed to Pruvan (with Pruvan's answer), what Pruvan uploaded and who reviewed it.

export type TimelineTone = "gray" | "green" | "amber" | "red" | "blue";
export type TimelineEntry = {
  key: string;
  at: Date;
  kind: "status" | "push" | "upload" | "review";
  title: string;
  detail: string | null;
  actor: string | null;
  tone: TimelineTone;
};

const LIMIT = 200;

export async function getOrderTimeline(orderId: string): Promise<{ entries: TimelineEntry[]; truncated: boolean }> {
  const [events, jobs, items, reviews] = await Promise.all([
    db().statusEvent.findMany({ where: { workOrderId: orderId }, orderBy: { createdAt: "desc" }, take: LIMIT }),
    db().pushJob.findMany({ where: { workOrderId: orderId }, orderBy: { createdAt: "desc" }, take: LIMIT }),
    db().workItem.findMany({
      where: { workOrderId: orderId, match: "matched" },
      orderBy: { receivedAt: "desc" },
      take: 5000,
      select: {
        receivedAt: true,
        fileType: true,
        batchId: true,
        createdBySubUser: true,
        key4: true,
        service: { select: { serviceName: true } },
      },
    }),
    orderReviewHistory(orderId, 5000),
  ]);
  const all = [...events.map(statusEntry), ...jobs.map(pushEntry), ...uploadEntries(items), ...reviewEntries(reviews)].sort(
    (a, b) => b.at.getTime() - a.at.getTime(),
  );
  return { entries: all.slice(0, LIMIT), truncated: all.length > LIMIT };
}

function statusEntry(e: StatusEvent): TimelineEntry {
  const parts: string[] = [];
  if (e.fromStatus !== e.toStatus) parts.push(`Status ${e.fromStatus ?? "not set"} → ${e.toStatus ?? "not set"}`);
  if (e.fromClientStatus !== e.toClientStatus) {
    const to = e.toClientStatus === null ? "cleared" : `"${e.toClientStatus}"`;
    parts.push(e.fromClientStatus === null ? `Client status set to ${to}` : `Client status "${e.fromClientStatus}" → ${to}`);
  }
  if (e.fieldStatus) parts.push(`Field status ${e.fieldStatus}`);
  return {
    key: `status-${e.id}`,
    at: e.createdAt,
    kind: "status",
    title: parts.join(" · ") || "Status recorded",
    detail: [`from ${e.source}`, e.note].filter(Boolean).join(" · "),
    actor: e.actor,
    tone: "blue",
  };
}

const PUSH_TONES: Record<PushJob["state"], TimelineTone> = {
  pending: "amber",
  sending: "blue",
  delivered: "green",
  dead: "red",
  discarded: "gray",
};

function pushEntry(j: PushJob): TimelineEntry {
  const answer = [j.lastStatus ? `HTTP ${j.lastStatus}` : null, j.lastResponse, j.lastError].filter(Boolean).join(" · ");
  return {
    key: `push-${j.id}`,
    at: j.deliveredAt ?? j.updatedAt,
    kind: "push",
    title: `Push (${j.kind}${j.force ? ", forced" : ""}): ${j.state}, ${j.attempts} attempt${j.attempts === 1 ? "" : "s"}`,
    detail: answer ? `Pruvan answered: ${answer}` : null,
    actor: null,
    tone: PUSH_TONES[j.state],
  };
}

type UploadRow = {
  receivedAt: Date;
  fileType: string;
  batchId: string | null;
  createdBySubUser: string | null;
  key4: string | null;
  service: { serviceName: string } | null;
};

const NOUNS: Record<string, [string, string]> = {
  picture: ["photo", "photos"],
  csr: ["CSR", "CSRs"],
  survey: ["survey", "surveys"],
  "check-in": ["check-in", "check-ins"],
  file: ["file", "files"],
};

/** One entry per upload batch (or per minute when Pruvan sent no batchId), not per file. */
function uploadEntries(items: UploadRow[]): TimelineEntry[] {
  const batches = groupBy(items, (i) => i.batchId ?? `minute-${Math.floor(i.receivedAt.getTime() / 60_000)}`);
  return [...batches].map(([key, rows]) => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.fileType, (counts.get(r.fileType) ?? 0) + 1);
    const what = [...counts].map(([type, n]) => `${n} ${(NOUNS[type] ?? [type, type])[n === 1 ? 0 : 1]}`).join(", ");
    const services = [...new Set(rows.map((r) => r.service?.serviceName ?? r.key4 ?? "no service"))].join(", ");
    const people = [...new Set(rows.map((r) => r.createdBySubUser).filter(Boolean))].join(", ");
    return {
      key: `upload-${key}`,
      at: rows[0]!.receivedAt,
      kind: "upload" as const,
      title: `Received ${what}`,
      detail: services,
      actor: people || null,
      tone: "green" as const,
    };
  });
}
