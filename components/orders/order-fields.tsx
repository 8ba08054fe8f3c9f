import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { SafeHtml } from "@/components/ui/safe-html";
import { formatDate, formatDateTime } from "@/lib/format";
import { sanitizeInstructions } from "@/lib/orders/instructions-html";
import type { OrderDetail } from "@/lib/orders/order-detail";
import { ORDER_FIELDS, type OrderFieldRow } from "@/lib/pruvan/work-order-fields";
import { ORDER_GROUPS } from "./form/field-defs";
import { GpsValue } from "./gps-value";
import { integrationTypeText } from "@/lib/pruvan/statuses";

type Row = { label: string; value: React.ReactNode; wide?: boolean };

const text = (v: string | null) => (v ? <span className="whitespace-pre-wrap">{v}</span> : null);
/** Instructions are light HTML (Pruvan shows them as a web page): rendered sanitized. */
export const instructionsHtml = (v: string | null) => (v ? <SafeHtml html={sanitizeInstructions(v)} /> : null);
const json = (v: unknown) =>
  v === null || v === undefined ? null : (
    <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(v, null, 2)}</pre>
  );

/** A field's value as the detail page shows it, by its kind and control in the field table. */
function show(row: OrderFieldRow, value: unknown): React.ReactNode {
  if (value === null || value === undefined || value === "") return row.kind === "status" ? "not set" : null;
  if (value instanceof Date) return row.kind === "dueDate" ? formatDate(value) : formatDateTime(value);
  if (row.kind === "status") return <Badge tone="blue">{String(value)}</Badge>;
  if (row.control === "html") return instructionsHtml(String(value));
  if (row.control === "textarea") return text(String(value));
  if (row.kind === "json") return json(value);
  return String(value);
}

/**
 * Every order field, in the order form's groups (field table rows by group), then what
 * Pruvan reported and the sync bookkeeping. GPS is shown as one position.
 */
function fieldGroups(o: OrderDetail): { title: string; rows: Row[]; columns?: 2 }[] {
  const groups = ORDER_GROUPS.map((g) => {
    const rows: Row[] = ORDER_FIELDS.filter((f) => f.group === g.id && f.kind !== "coordinate").map((f) => ({
      label: f.kind === "status" ? "Pruvan status (ours)" : f.label,
      value: show(f, o[f.column as keyof OrderDetail]),
      wide: f.wide,
    }));
    if (g.id === "identity") {
      rows.push({
        label: "Integration",
        value: `${o.integration.name} (${o.integration.username}, ${integrationTypeText(o.integration)})`,
      });
    }
    if (g.id === "gps") {
      const gps = o.gpsLatitude !== null && o.gpsLongitude !== null ? { lat: o.gpsLatitude, lon: o.gpsLongitude, accuracyM: null } : null;
      rows.push({ label: "GPS", wide: true, value: <GpsValue gps={gps} /> });
    }
    return { title: g.title, rows, ...(g.columns ? { columns: 2 as const } : {}) };
  });
  return [
    ...groups,
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
