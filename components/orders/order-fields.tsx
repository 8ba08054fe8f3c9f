import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { SafeHtml } from "@/components/ui/safe-html";
import { formatDate, formatDateTime } from "@/lib/format";
import { sanitizeInstructions } from "@/lib/orders/instructions-html";
import type { OrderDetail } from "@/lib/orders/order-detail";
import { GpsValue } from "./gps-value";

type Row = { label: string; value: React.ReactNode; wide?: boolean };

const text = (v: string | null) => (v ? <span className="whitespace-pre-wrap">{v}</span> : null);
/** Instructions are light HTML (Pruvan shows them as a web page): rendered sanitized. */
export const instructionsHtml = (v: string | null) => (v ? <SafeHtml html={sanitizeInstructions(v)} /> : null);
const json = (v: unknown) =>
  v === null || v === undefined ? null : <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(v, null, 2)}</pre>;
const ATTRIBUTES = [7, 8, 9, 10, 11, 12, 13, 14, 15] as const;

/** Every order field, grouped as pruvan-api-v2 "Available workOrder Object Fields" describes them. */
function fieldGroups(o: OrderDetail): { title: string; rows: Row[]; columns?: 2 }[] {
  return [
    {
      title: "Work order",
      rows: [
        { label: "Work order number", value: o.workOrderNumber },
        { label: "Work order info (shown on the device)", value: text(o.workOrderInfo) },
        { label: "Integration", value: `${o.integration.name} (${o.integration.username}, ${o.integration.mode}${o.integration.autoAdmin ? ", auto admin" : ""})` },
        { label: "Start date", value: o.startDate ? formatDateTime(o.startDate) : null },
      ],
    },
    {
      title: "Property address",
      columns: 2,
      rows: [
        { label: "Address 1", value: o.address1 },
        { label: "Address 2", value: o.address2 },
        { label: "City", value: o.city },
        { label: "State", value: o.state },
        { label: "Zip", value: o.zip },
        { label: "Country", value: o.country },
        { label: "GPS", wide: true, value: <GpsValue gps={o.gpsLatitude !== null && o.gpsLongitude !== null ? { lat: o.gpsLatitude, lon: o.gpsLongitude, accuracyM: null } : null} /> },
      ],
    },
    {
      title: "Assignment, status and due date",
      rows: [
        { label: "Assigned to", value: o.assignedTo },
        { label: "Pruvan status (ours)", value: o.status ? <Badge tone="blue">{o.status}</Badge> : "not set" },
        { label: "Due date", value: o.dueDate ? formatDate(o.dueDate) : null },
        { label: "Instructions", value: instructionsHtml(o.instructions) },
      ],
    },
    {
      title: "Client",
      rows: [
        { label: "Client status", value: o.clientStatus },
        { label: "Client due date", value: o.clientDueDate ? formatDateTime(o.clientDueDate) : null },
        { label: "Client instructions", value: text(o.clientInstructions) },
      ],
    },
    {
      title: "Office only (Pruvan project management)",
      rows: [
        { label: "Description", value: text(o.description) },
        { label: "Reference", value: text(o.reference) },
      ],
    },
    { title: "Attributes 7-15", columns: 2, rows: ATTRIBUTES.map((n) => ({ label: `Attribute ${n}`, value: o[`attribute${n}`] })) },
    {
      title: "Source work order and options",
      rows: [
        { label: "Source work order id", value: o.sourceWoId },
        { label: "Source work order number", value: o.sourceWoNumber },
        { label: "Source provider", value: o.sourceWoProvider },
        { label: "Mobile options", value: json(o.options) },
      ],
    },
    {
      title: "Reported by Pruvan",
      rows: [
        { label: "Pruvan office status", value: o.pruvanStatus },
        { label: "Field status", value: o.fieldStatus },
        { label: "Pruvan due date", value: o.pruvanDueDate ? formatDate(o.pruvanDueDate) : null },
        { label: "Last status report", value: o.pruvanStatusAt ? formatDateTime(o.pruvanStatusAt) : null },
      ],
    },
    {
      title: "Sync",
      rows: [
        { label: "Last sent to Pruvan", value: o.lastSentAt ? formatDateTime(o.lastSentAt) : "never" },
        { label: "Push error", value: o.pushError ? <span className="text-red-700">{o.pushError}</span> : null },
        { label: "Created", value: formatDateTime(o.createdAt) },
        { label: "Updated", value: formatDateTime(o.updatedAt) },
      ],
    },
  ];
}

export function OrderFields({ order }: { order: OrderDetail }) {
  return (
    <div className="gap-4 md:columns-2 xl:columns-3">
      {fieldGroups(order).map((g) => (
        <Card key={g.title} title={g.title} className="mb-4 break-inside-avoid">
          <DescriptionList items={g.rows} columns={g.columns} />
        </Card>
      ))}
    </div>
  );
}
