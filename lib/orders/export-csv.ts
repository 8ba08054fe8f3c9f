import { formatDate } from "@/lib/format";
import { ORDER_FIELDS, type OrderFieldRow } from "@/lib/pruvan/work-order-fields";
import { orderRowsInListOrder, type OrderExportRow } from "./list";
import type { OrderListQuery } from "./list-filters";

// The orders list as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs
// read accents right), streamed a page of rows at a time.

type Cell = string | number | null;

/** The table's CSV rows (lib/pruvan/work-order-fields), the status columns first as before. */
const LEADING = ["workOrderNumber", "integration", "status", "pruvanStatus", "fieldStatus", "clientStatus"];
const fieldCell =
  (row: OrderFieldRow) =>
  (o: OrderExportRow): Cell => {
    const value = o[row.column as keyof OrderExportRow];
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return formatDate(value);
    return typeof value === "number" ? value : String(value);
  };
const FIELD_COLUMNS = ORDER_FIELDS.filter((f) => f.csv).map((f): [string, (o: OrderExportRow) => Cell] => [f.wire, fieldCell(f)]);
const EXTRA: Record<string, (o: OrderExportRow) => Cell> = {
  integration: (o) => o.integration,
  pruvanStatus: (o) => o.pruvanStatus,
  fieldStatus: (o) => o.fieldStatus,
};

const COLUMNS: [header: string, value: (o: OrderExportRow) => Cell][] = [
  ...LEADING.map((h): [string, (o: OrderExportRow) => Cell] => [h, EXTRA[h] ?? FIELD_COLUMNS.find(([w]) => w === h)![1]]),
  ...FIELD_COLUMNS.filter(([w]) => !LEADING.includes(w)),
  ["services", (o) => o.services.map((s) => s.serviceName).join("; ")],
  ["photos", (o) => o.photoCount],
  ["createdAt", (o) => o.createdAt.toISOString()],
  ["updatedAt", (o) => o.updatedAt.toISOString()],
  ["deletedAt", (o) => o.deletedAt?.toISOString() ?? null],
];

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting with = + - @,
 * a tab or a carriage return) gets a leading apostrophe (OWASP "CSV injection"); numbers
 * we computed are written as numbers. Cells holding a separator are quoted: the comma we
 * write and the semicolon that spreadsheets in many European locales split on.
 */
export function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Cell[]) => `${cells.map(csvCell).join(",")}\r\n`;

export function orderCsvFileName(now = new Date()): string {
  return `orders-${formatDate(now)}.csv`;
}

/** The filtered list (or those of its rows given by id), in list order, as a CSV byte stream. */
export function orderCsvStream(query: OrderListQuery, only?: string[], now = new Date()): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let pages: AsyncGenerator<OrderExportRow[]> | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${line(COLUMNS.map(([header]) => header))}`));
    },
    async pull(controller) {
      pages ??= orderRowsInListOrder(query, 500, now, only);
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((o) => line(COLUMNS.map(([, value]) => value(o)))).join("")));
    },
    async cancel() {
      await pages?.return(undefined);
    },
  });
}
