"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import type { CurrentUser } from "@/lib/auth/session";
import { loadOrderIntegration, type OrderActor } from "@/lib/orders/manage";
import { importFormatOf, importOrders } from "@/lib/orders/import";
import { enqueueImport } from "@/lib/orders/import-job";
import { importReport } from "@/lib/orders/import-report";
import { dropStagedImport, loadStagedImport, stageImport, stagedImportIdSchema } from "@/lib/orders/import-staging";
import { checkboxField } from "@/lib/form-fields";

// The Orders page import: a dry run of the uploaded file first, then "apply" of exactly
// that file (staged on disk in between), which runs as a background job the page follows.
// Both go through the same importOrders as the CLI.

/** Server actions accept bodies up to this (next.config.js serverActions.bodySizeLimit). */
const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

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
  const format = input.format === "auto" ? importFormatOf(input.file.name, content) : input.format;
  const opts = {
    content,
    format,
    integration: integration.id,
    confirmDelete: input.confirmDelete,
    actor: actorOf(user),
    rowOutcomes: true,
  };
  const result = await importOrders({ ...opts, dryRun: true });
  const staged = await stageImport({ content, fileName: input.file.name, format, integrationId: integration.id, userId: user.id });
  return {
    ok: true,
    result: importReport(result, {
      stagedId: staged.id,
      fileName: input.file.name,
      integration: integration.username,
      format,
      confirmDelete: !!input.confirmDelete,
    }),
  };
});

export const applyImportAction = formAction(
  { role: "staff", schema: z.object({ stagedId: stagedImportIdSchema, confirmDelete: checkboxField.optional() }) },
  async ({ stagedId, confirmDelete }, user) => {
    const staged = await loadStagedImport(stagedId, user.id);
    const integration = await loadOrderIntegration(staged.integrationId);
    const input = {
      integrationId: integration.id,
      integration: integration.username,
      format: staged.format,
      fileName: staged.fileName,
      confirmDelete: !!confirmDelete,
      actor: actorOf(user),
    };
    const jobId = await enqueueImport(input, staged.content);
    await dropStagedImport(stagedId);
    // To the job's own address, which follows it and survives a reload (also without JavaScript: a 303).
    redirect(`/orders/import?job=${jobId}`);
  },
);
