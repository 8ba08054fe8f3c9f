import { parse as parseCsv } from "csv-parse/sync";
import path from "node:path";
import { z } from "zod";
import { DomainError, parse } from "@/lib/errors";
import { loadStatusMap } from "@/lib/status-mapping/queries";
import { applyPlan, applyPlans, loadOrderIntegration, loadOrdersByNumber, type OrderActor, type OrderChange } from "./manage";
import { planCreate, planUpdate, type CurrentOrder, type OrderIntegration, type OrderPlan, type StatusMap } from "./plan";
import { WORK_ORDER_FIELD_NAMES, workOrderCreateSchema, workOrderUpdateSchema } from "./schemas";

// Import of orders from a file: the doc's {"workOrders":[...]} JSON (what getWorkOrders
// answers and the push sends) or CSV with the same column names. Creates or updates by
// workOrderNumber through the same plan and write as every other change; each row stands
// alone, so one bad row never blocks the good ones. Used by `orders:import` and the
// Orders page upload.

export const importFormatSchema = z.enum(["json", "csv"], { error: "must be json or csv" });
export type ImportFormat = z.infer<typeof importFormatSchema>;

/** A file's format by its extension, else by its first character (the Import page and `orders:import` alike). */
export function importFormatOf(fileName: string, content: Buffer): ImportFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".csv") return "csv";
  return /^\s*[{[]/.test(
    content
      .subarray(0, 64)
      .toString("utf8")
      .replace(/^\uFEFF/, ""),
  )
    ? "json"
    : "csv";
}

export type ImportOptions = {
  content: string | Buffer;
  format: ImportFormat;
  /** The integration (Pruvan account) the orders belong to: its id or username. */
  integration: string;
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** Rows with status "deleted" delete their order only with this (Pruvan's rule). */
  confirmDelete?: boolean;
  /** Also report what happened to each row (the Orders page's preview). */
  rowOutcomes?: boolean;
  /** Called after each batch of rows (a background import shows a progress bar with it). */
  onProgress?: (progress: { done: number; total: number }) => Promise<void>;
  actor: OrderActor;
};

/** What happened (or, in a dry run, would happen) to one row of the file. */
export type ImportRowOutcome = {
  at: string;
  workOrderNumber: string | null;
  action: OrderPlan["action"] | "error";
  message?: string;
};

export type ImportResult = {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  errors: { workOrderNumber: string | null; error: string }[];
  warnings: { workOrderNumber: string; warning: string }[];
  dryRun: boolean;
  /** In file order; only with `rowOutcomes`. */
  rows?: ImportRowOutcome[];
};

/** CSV columns beyond the doc's names: the services, as lists separated by "|". */
export const CSV_SERVICE_COLUMNS = {
  services: "serviceName",
  "services.survey": "survey",
  "services.instructions": "instructions",
} as const;

type Row = { at: string; record: Record<string, unknown> } | { at: string; error: string; number?: string | null };

/** Rows planned and written together: one read of the existing orders, one commit. */
const CHUNK = 200;

export async function importOrders(opts: ImportOptions): Promise<ImportResult> {
  const integration = await loadOrderIntegration(opts.integration);
  const text = typeof opts.content === "string" ? opts.content : opts.content.toString("utf8");
  const rows = opts.format === "json" ? jsonRows(text) : csvRows(text);
  const mapping = await loadStatusMap();
  const result: ImportResult = { created: 0, updated: 0, deleted: 0, unchanged: 0, errors: [], warnings: [], dryRun: !!opts.dryRun };
  const seen = new Map<string, string>();
  const outcomes = new Map<Row, ImportRowOutcome>();
  await opts.onProgress?.({ done: 0, total: rows.length });
  for (let start = 0; start < rows.length; start += CHUNK) {
    const ctx = { integration, mapping, seen, opts, result, outcomes };
    const planned = await planChunk(rows.slice(start, start + CHUNK), ctx);
    const done = opts.dryRun ? planned.map((p) => ({ row: p.row, change: p.plan })) : await writeChunk(planned, ctx);
    for (const { row, change } of done) {
      result[change.action] += 1;
      for (const warning of change.warnings) result.warnings.push({ workOrderNumber: change.workOrderNumber, warning });
      outcomes.set(row, { at: row.at, workOrderNumber: change.workOrderNumber, action: change.action });
    }
    await opts.onProgress?.({ done: Math.min(start + CHUNK, rows.length), total: rows.length });
  }
  if (opts.rowOutcomes) result.rows = rows.flatMap((row) => outcomes.get(row) ?? []);
  return result;
}

type Planned = { row: Row; number: string | null; plan: OrderPlan };
type ChunkContext = {
  integration: OrderIntegration;
  mapping: StatusMap;
  seen: Map<string, string>;
  opts: ImportOptions;
  result: ImportResult;
  outcomes: Map<Row, ImportRowOutcome>;
};

async function planChunk(rows: Row[], ctx: ChunkContext): Promise<Planned[]> {
  const numbers = rows.flatMap((row) => ("record" in row ? [numberOf(row.record)].filter((n): n is string => !!n) : []));
  const existing = await loadOrdersByNumber(numbers);
  const planned: Planned[] = [];
  for (const row of rows) {
    const number = "record" in row ? numberOf(row.record) : (row.number ?? null);
    try {
      if ("error" in row) throw new DomainError(row.error);
      if (number && ctx.seen.has(number))
        throw new DomainError(`workOrderNumber: "${number}" is also at ${ctx.seen.get(number)} of this file`);
      if (number) ctx.seen.set(number, row.at);
      planned.push({ row, number, plan: planRow(row.record, number ? (existing.get(number) ?? null) : null, ctx) });
    } catch (err) {
      rowError(ctx, row, number, err);
    }
  }
  return planned;
}

function planRow(record: Record<string, unknown>, existing: CurrentOrder | null, ctx: ChunkContext): OrderPlan {
  if (!existing) return planCreate(parse(workOrderCreateSchema, record), ctx.integration, ctx.mapping);
  if (existing.integrationId !== ctx.integration.id) {
    throw new DomainError(`workOrderNumber: "${existing.workOrderNumber}" belongs to another integration`);
  }
  const change = parse(workOrderUpdateSchema, record);
  return planUpdate(existing, change, ctx.integration, ctx.mapping, { confirmDelete: ctx.opts.confirmDelete });
}

/** One transaction for the chunk; if it fails, each row alone, so one bad row never blocks the rest. */
async function writeChunk(planned: Planned[], ctx: ChunkContext): Promise<{ row: Row; change: OrderChange }[]> {
  const actor = ctx.opts.actor;
  try {
    const changes = await applyPlans(
      planned.map((p) => p.plan),
      actor,
    );
    return planned.map((p, i) => ({ row: p.row, change: changes[i]! }));
  } catch {
    const done: { row: Row; change: OrderChange }[] = [];
    for (const p of planned) {
      try {
        done.push({ row: p.row, change: await applyPlan(p.plan, actor) });
      } catch (err) {
        rowError(ctx, p.row, p.number, err);
      }
    }
    return done;
  }
}

function rowError(ctx: Pick<ChunkContext, "result" | "outcomes">, row: Row, number: string | null, err: unknown) {
  const message = (err instanceof DomainError ? err.message : `could not be saved: ${(err as Error).message}`).replace(/\n/g, "; ");
  ctx.result.errors.push({ workOrderNumber: number, error: `${row.at}: ${message}` });
  ctx.outcomes.set(row, { at: row.at, workOrderNumber: number, action: "error", message });
}

function numberOf(record: Record<string, unknown>): string | null {
  const n = record.workOrderNumber;
  return typeof n === "string" && n.trim() ? n.trim() : typeof n === "number" ? String(n) : null;
}

// --- Files ----------------------------------------------------------------------------

const jsonFileSchema = z.object(
  { workOrders: z.array(z.unknown(), { error: 'must be a list: {"workOrders":[...]}' }) },
  { error: 'must be an object: {"workOrders":[...]}' },
);

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
    throw new DomainError(
      `Unknown CSV columns: ${unknown.join(", ")}. Columns are the doc's workOrder field names, plus ${Object.keys(CSV_SERVICE_COLUMNS).join(", ")}.`,
    );
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

function servicesFromLists(
  lists: Partial<Record<keyof typeof CSV_SERVICE_COLUMNS, string[]>>,
  record: Record<string, unknown>,
): string | null {
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
