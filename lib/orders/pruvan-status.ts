import { db, type PruvanStatus } from "@/lib/db";
import { formatDueDate } from "@/lib/pruvan/dates";
import { orderNumberCandidates } from "@/lib/pruvan/order-number";
import { recordStatusEvent } from "./status-events";

// The status web service: Pruvan reports its office status, field status and due date for
// our orders. We keep them beside our own fields (pruvanStatus, fieldStatus, pruvanDueDate)
// and record each change in the order's history. Our clientStatus is ours: Pruvan's copy
// of it only goes into the history note.

export type StatusReportInput = {
  workOrderNumber: string;
  clientStatus?: string | null;
  status?: PruvanStatus | null;
  fieldStatus?: string | null;
  dueDate?: Date | null;
};

export type StatusReportResult = { missing: string[]; changed: number };

export async function applyStatusReports(
  integration: { id: string; username: string },
  reports: StatusReportInput[],
  now = new Date(),
): Promise<StatusReportResult> {
  const numbers = [...new Set(reports.flatMap((r) => orderNumberCandidates(r.workOrderNumber)))];
  const rows = await db().workOrder.findMany({
    where: { integrationId: integration.id, workOrderNumber: { in: numbers } },
    select: {
      id: true,
      workOrderNumber: true,
      clientStatus: true,
      pruvanStatus: true,
      fieldStatus: true,
      pruvanDueDate: true,
      updatedAt: true,
    },
  });
  const byNumber = new Map(rows.map((r) => [r.workOrderNumber, r]));
  const missing: string[] = [];
  let changed = 0;
  await db().$transaction(async (tx) => {
    for (const report of reports) {
      const order = orderNumberCandidates(report.workOrderNumber)
        .map((n) => byNumber.get(n))
        .find(Boolean);
      if (!order) {
        missing.push(report.workOrderNumber);
        continue;
      }
      const next = {
        pruvanStatus: report.status ?? order.pruvanStatus,
        fieldStatus: report.fieldStatus?.trim() || order.fieldStatus,
        pruvanDueDate: report.dueDate ?? order.pruvanDueDate,
      };
      const statusMoved = next.pruvanStatus !== order.pruvanStatus;
      const fieldMoved = next.fieldStatus !== order.fieldStatus;
      const dueMoved = next.pruvanDueDate?.getTime() !== order.pruvanDueDate?.getTime();
      if (!statusMoved && !fieldMoved && !dueMoved) continue; // a repeated report changes nothing
      await tx.workOrder.update({
        where: { id: order.id },
        // updatedAt is kept: it means "our order changed" and drives incremental pulls;
        // what Pruvan reports back is not a change to send to Pruvan again.
        data: { ...next, pruvanStatusAt: now, updatedAt: order.updatedAt },
      });
      await recordStatusEvent(tx, {
        workOrderId: order.id,
        source: "pruvan",
        actor: integration.username,
        fromStatus: order.pruvanStatus,
        toStatus: next.pruvanStatus,
        fieldStatus: fieldMoved ? next.fieldStatus : null,
        note: eventNote(report, order.clientStatus, dueMoved ? next.pruvanDueDate : null),
      });
      Object.assign(order, next); // a later report for the same order compares with this one
      changed++;
    }
  });
  return { missing, changed };
}

function eventNote(report: StatusReportInput, ourClientStatus: string | null, dueDate: Date | null): string | null {
  const parts: string[] = [];
  if (report.clientStatus && report.clientStatus !== ourClientStatus) parts.push(`Pruvan shows client status "${report.clientStatus}".`);
  if (dueDate) parts.push(`Pruvan due date ${formatDueDate(dueDate).slice(0, 10)}.`);
  return parts.length ? parts.join(" ") : null;
}
