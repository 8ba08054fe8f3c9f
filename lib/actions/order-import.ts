"use server";

import path from "node:path";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import type { CurrentUser } from "@/lib/auth/session";
import { loadOrderIntegration, type OrderActor } from "@/lib/orders/commands";
import { importOrders, type ImportFormat, type ImportResult, type ImportRowOutcome } from "@/lib/orders/import";
import { dropStagedImport, loadStagedImport, stageImport, stagedImportIdSchema } from "@/lib/orders/import-staging";
import { checkboxField } from "@/lib/form-fields";

// The Orders page import: a dry run of the uploaded file first, then "apply" of exactly
// that file (staged on disk in between). Both go through the same importOrders as the CLI.

/** Server actions accept bodies up to this (next.config.js serverActions.bodySizeLimit). */
const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Rows listed on the page (every refused one, up to the first, and the first of the others); the counts cover the whole file. */
const ERROR_ROWS_SHOWN = 1000;
const OTHER_ROWS_SHOWN = 200;

export type ImportReport = {
  stagedId: string | null;
  fileName: string;
  integration: string;
  format: ImportFormat;
  dryRun: boolean;
  confirmDelete: boolean;
  counts: Pick<ImportResult, "created" | "updated" | "deleted" | "unchanged"> & { errors: number };
  rows: ImportRowOutcome[];
  rowsNotShown: number;
  warnings: string[];
};

const actorOf = (user: CurrentUser): OrderActor => ({ source: "import", actor: user.email, userId: user.id, role: user.role });

const previewSchema = z.object({
  file: z
    .instanceof(File, { error: "choose a JSON or CSV file" })
    .refine((f) => f.name !== "" || f.size > 0, "choose a JSON or CSV file")
    .refine((f) => f.size > 0, "the file is empty")
    .refine((f) => f.size <= IMPORT_MAX_BYTES, `must be at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB`),
  integrationId: z.string({ error: "choose an integration" }).min(1, "choose an integration"),
  format: z.enum(["auto", "json", "csv"]).catch("auto"),
  confirmDelete: checkboxField.optional(),
});

export const previewImportAction = formAction({ role: "staff", schema: previewSchema }, async (input, user) => {
  const integration = await loadOrderIntegration(input.integrationId);
  const content = Buffer.from(await input.file.arrayBuffer());
  const format = input.format === "auto" ? formatOf(input.file.name, content) : input.format;
  const opts = { content, format, integration: integration.id, confirmDelete: input.confirmDelete, actor: actorOf(user), rowOutcomes: true };
  const result = await importOrders({ ...opts, dryRun: true });
  const staged = await stageImport({ content, fileName: input.file.name, format, integrationId: integration.id, userId: user.id });
  return { ok: true, result: report(result, { stagedId: staged.id, fileName: input.file.name, integration: integration.username, format, confirmDelete: !!input.confirmDelete }) };
});

export const applyImportAction = formAction(
  { role: "staff", schema: z.object({ stagedId: stagedImportIdSchema, confirmDelete: checkboxField.optional() }) },
  async ({ stagedId, confirmDelete }, user) => {
    const staged = await loadStagedImport(stagedId, user.id);
    const integration = await loadOrderIntegration(staged.integrationId);
    const result = await importOrders({
      content: staged.content, format: staged.format, integration: integration.id, confirmDelete, actor: actorOf(user), rowOutcomes: true, dryRun: false,
    });
    await dropStagedImport(stagedId);
    revalidatePath("/orders");
    const done = result.created + result.updated + result.deleted;
    return {
      ok: true,
      message: `Imported ${staged.fileName}: ${done} ${done === 1 ? "order" : "orders"} changed.`,
      result: report(result, { stagedId: null, fileName: staged.fileName, integration: integration.username, format: staged.format, confirmDelete: !!confirmDelete }),
    };
  },
);

function report(result: ImportResult, about: Pick<ImportReport, "stagedId" | "fileName" | "integration" | "format" | "confirmDelete">): ImportReport {
  const rows = result.rows ?? [];
  let errors = 0;
  let others = 0;
  const shown = rows.filter((r) => (r.action === "error" ? ++errors <= ERROR_ROWS_SHOWN : ++others <= OTHER_ROWS_SHOWN));
  return {
    ...about,
    dryRun: result.dryRun,
    counts: { created: result.created, updated: result.updated, deleted: result.deleted, unchanged: result.unchanged, errors: result.errors.length },
    rows: shown,
    rowsNotShown: rows.length - shown.length,
    warnings: [...new Set(result.warnings.slice(0, 50).map((w) => `${w.workOrderNumber}: ${w.warning}`))],
  };
}

/** By the file's extension, else by its first character. */
function formatOf(fileName: string, content: Buffer): ImportFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === ".json") return "json";
  if (ext === ".csv") return "csv";
  return /^\s*[{[]/.test(content.subarray(0, 64).toString("utf8").replace(/^\uFEFF/, "")) ? "json" : "csv";
}
