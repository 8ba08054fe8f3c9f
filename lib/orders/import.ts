import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { loadStatusMap } from "@/lib/status-mapping/queries";
import {
  applyPlan,
  loadCurrentOrder,
  loadOrderIntegration,
  parse,
  type OrderActor,
} from "./commands";
import { planCreate, planUpdate, type OrderIntegration, type OrderPlan, type StatusMap } from "./plan";
import { WORK_ORDER_FIELD_NAMES, workOrderCreateSchema, workOrderUpdateSchema } from "./schemas";

// Import of orders from a file: the doc's {"workOrders":[...]} JSON (what getWorkOrders
// answers and the push sends) or CSV with the same column names. Creates or updates by
// workOrderNumber through the same plan and write as every other change; each row stands
// alone, so one bad row never blocks the good ones. Used by `orders:import` and the
// Orders page upload.

export const importFormatSchema = z.enum(["json", "csv"], { error: "must be json or csv" });
export type ImportFormat = z.infer<typeof importFormatSchema>;

export type ImportOptions = {
  content: string | Buffer;
  format: ImportFormat;
  /** The integration (Pruvan account) the orders belong to: its id or username. */
  integration: string;
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** Rows with status "deleted" delete their order only with this (Pruvan's rule). */
  confirmDelete?: boolean;
  actor: OrderActor;
};

export type ImportResult = {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  errors: { workOrderNumber: string | null; error: string }[];
  warnings: { workOrderNumber: string; warning: string }[];
  dryRun: boolean;
};

/** CSV columns beyond the doc's names: the services, as lists separated by "|". */
export const CSV_SERVICE_COLUMNS = {
  services: "serviceName",
  "services.survey": "survey",
  "services.instructions": "instructions",
} as const;

type Row = { at: string; record: Record<string, unknown> } | { at: string; error: string; number?: string | null };

export async function importOrders(opts: ImportOptions): Promise<ImportResult> {
  const integration = await loadOrderIntegration(opts.integration);
  const text = typeof opts.content === "string" ? opts.content : opts.content.toString("utf8");
  const rows = opts.format === "json" ? jsonRows(text) : csvRows(text);
  const mapping = await loadStatusMap();
  const result: ImportResult = { created: 0, updated: 0, deleted: 0, unchanged: 0, errors: [], warnings: [], dryRun: !!opts.dryRun };
  const seen = new Map<string, string>();
  for (const row of rows) {
    const number = "record" in row ? numberOf(row.record) : (row.number ?? null);
    try {
      if ("error" in row) throw new DomainError(row.error);
      if (number && seen.has(number)) throw new DomainError(`workOrderNumber: "${number}" is also at ${seen.get(number)} of this file`);
      if (number) seen.set(number, row.at);
      const plan = await planRow(row.record, number, integration, mapping, opts);
      const change = opts.dryRun ? plan : { ...plan, ...(await applyPlan(plan, opts.actor)) };
      result[change.action] += 1;
      for (const warning of change.warnings) result.warnings.push({ workOrderNumber: change.workOrderNumber, warning });
    } catch (err) {
      const message = err instanceof DomainError ? err.message : `could not be saved: ${(err as Error).message}`;
      result.errors.push({ workOrderNumber: number, error: `${row.at}: ${message.replace(/\n/g, "; ")}` });
    }
  }
  return result;
}

async function planRow(
  record: Record<string, unknown>,
  number: string | null,
  integration: OrderIntegration,
  mapping: StatusMap,
  opts: ImportOptions,
): Promise<OrderPlan> {
  const existing = number ? await loadCurrentOrder({ workOrderNumber: number }) : null;
  if (!existing) return planCreate(parse(workOrderCreateSchema, record), integration, mapping);
  if (existing.integrationId !== integration.id) {
    throw new DomainError(`workOrderNumber: "${number}" belongs to another integration`);
  }
  return planUpdate(existing, parse(workOrderUpdateSchema, record), integration, mapping, { confirmDelete: opts.confirmDelete });
}

function numberOf(record: Record<string, unknown>): string | null {
  const n = record.workOrderNumber;
  return typeof n === "string" && n.trim() ? n.trim() : typeof n === "number" ? String(n) : null;
}

// --- Files ----------------------------------------------------------------------------

const jsonFileSchema = z.object({ workOrders: z.array(z.unknown(), { error: 'must be a list: {"workOrders":[...]}' }) }, { error: 'must be an object: {"workOrders":[...]}' });

function jsonRows(text: string): Row[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new DomainError(`The file is not valid JSON: ${(err as Error).message}`);
  }
  const file = jsonFileSchema.safeParse(data);
  if (!file.success) throw new DomainError(`The file must hold {"workOrders":[...]}: ${file.error.issues[0]?.message ?? "wrong shape"}`);
  return file.data.workOrders.map((record, i) =>
    record && typeof record === "object" && !Array.isArray(record)
      ? { at: `workOrders[${i}]`, record: record as Record<string, unknown> }
      : { at: `workOrders[${i}]`, error: "must be a workOrder object" },
  );
}

/**
 * CSV: a header row of the doc's field names; one order a row. `services` holds the
 * service names separated by "|"; `services.survey` and `services.instructions`, when
 * present, hold one entry per service in the same order (empty for none). An empty cell
 * leaves the field as it is.
 */
function csvRows(text: string): Row[] {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    throw new DomainError(`The file is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...lines] = records;
  if (!header) throw new DomainError("The CSV file is empty: it needs a header row of field names.");
  const columns = header.map((h) => h.trim());
  const known = new Set<string>([...WORK_ORDER_FIELD_NAMES, ...Object.keys(CSV_SERVICE_COLUMNS)]);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length > 0) {
    throw new DomainError(`Unknown CSV columns: ${unknown.join(", ")}. Columns are the doc's workOrder field names, plus ${Object.keys(CSV_SERVICE_COLUMNS).join(", ")}.`);
  }
  if (!columns.includes("workOrderNumber")) throw new DomainError("The CSV file needs a workOrderNumber column.");
  const numberColumn = columns.indexOf("workOrderNumber");
  return lines.map((cells, i) => {
    const at = `row ${i + 2}`;
    const number = cells[numberColumn]?.trim() || null;
    if (cells.length !== columns.length) return { at, number, error: `has ${cells.length} cells; the header has ${columns.length}` };
    const record: Record<string, unknown> = {};
    const lists: Partial<Record<keyof typeof CSV_SERVICE_COLUMNS, string[]>> = {};
    columns.forEach((column, c) => {
      const cell = cells[c]!;
      if (cell.trim() === "") return;
      if (column in CSV_SERVICE_COLUMNS) lists[column as keyof typeof CSV_SERVICE_COLUMNS] = cell.split("|").map((v) => v.trim());
      else record[column] = cell;
    });
    const problem = servicesFromLists(lists, record);
    return problem ? { at, number, error: problem } : { at, record };
  });
}

function servicesFromLists(lists: Partial<Record<keyof typeof CSV_SERVICE_COLUMNS, string[]>>, record: Record<string, unknown>): string | null {
  const names = lists.services;
  if (!names) {
    const orphan = Object.keys(lists)[0];
    return orphan ? `${orphan} needs a services column value` : null;
  }
  for (const [column, values] of Object.entries(lists)) {
    if (values.length > names.length) return `${column} has ${values.length} entries for ${names.length} services`;
  }
  record.services = names.map((_, i) => {
    const service: Record<string, string> = {};
    for (const [column, field] of Object.entries(CSV_SERVICE_COLUMNS)) {
      const value = lists[column as keyof typeof CSV_SERVICE_COLUMNS]?.[i];
      if (value) service[field] = value;
    }
    return service;
  });
  return null;
}
