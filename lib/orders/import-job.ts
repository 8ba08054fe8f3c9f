import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { db } from "@/lib/db";
import { enqueueJob, startJobHere, toJobView, type JobView, type NewJob } from "@/lib/jobs/queue";
import { runJob, type JobHandler, type JobProgress, type JobRun } from "@/lib/jobs/run";
import { orderActorSchema } from "./manage";
import { importFormatSchema, importOrders, type ImportResult } from "./import";
import { importReport, type ImportReport } from "./import-report";

// Applying an import runs as a background job (lib/jobs): 50,000 rows take about a minute,
// longer than a request should. Its lane is the integration, so two imports of one
// integration never run at once (the second waits; the CLI, which runs its import in its
// own process, is refused instead). The file travels with the job; the result is the
// page's report of the import.

const importJobInputSchema = z.object({
  integrationId: z.string(),
  /** The integration's username, as the report names it. */
  integration: z.string(),
  format: importFormatSchema,
  fileName: z.string(),
  confirmDelete: z.boolean(),
  actor: orderActorSchema,
});
export type ImportJobInput = z.infer<typeof importJobInputSchema>;

/** The lane of an integration's imports: one runs at a time. */
export const importLane = (integrationId: string) => `import:${integrationId}`;

function newImportJob(input: ImportJobInput, content: Buffer): NewJob {
  return { kind: "import", lane: importLane(input.integrationId), input, content, createdById: input.actor.userId };
}

/** Queues an import (the Orders page); a worker of any instance applies it. */
export async function enqueueImport(input: ImportJobInput, content: Buffer): Promise<string> {
  return enqueueJob(newImportJob(input, content));
}

/** An import as the Import page lists it: the job, and which file of which integration. */
export type RecentImport = JobView & { fileName: string | null; integration: string | null };

/** The latest imports of every integration, running or ended. */
export async function recentImports(take = 5): Promise<RecentImport[]> {
  const jobs = await db().job.findMany({ where: { kind: "import" }, orderBy: { createdAt: "desc" }, take, omit: { content: true } });
  return jobs.map((job) => {
    const input = importJobInputSchema.safeParse(job.input);
    return { ...toJobView(job), fileName: input.data?.fileName ?? null, integration: input.data?.integration ?? null };
  });
}

/**
 * The job. After a restart it applies the whole file again: rows already applied then
 * count as unchanged, which the result says.
 */
export const importJob: JobHandler = async (run) => (await applyFile(run, importJobInputSchema.parse(run.input))).report;

/**
 * An import this process applies itself (the CLI), as a job of the integration's lane: refused
 * while another import of the integration runs. Answers the whole result (every error and
 * warning); the job keeps the page's report. `watch` sees the progress.
 */
export async function runImportHere(
  input: ImportJobInput,
  content: Buffer,
  watch?: (progress: JobProgress) => void,
): Promise<ImportResult> {
  const job = await startJobHere(newImportJob(input, content));
  if (!job)
    throw new DomainError(`Another import of ${input.integration} is running. Try again when it has finished (the Import page shows it).`);
  let result: ImportResult | undefined;
  const outcome = await runJob(
    job,
    async (run) => {
      const applied = await applyFile(run, input);
      result = applied.result;
      return applied.report;
    },
    watch,
  );
  if ("error" in outcome || !result) throw new DomainError("error" in outcome ? outcome.error : "The import failed.");
  return { ...result, rows: undefined }; // each row's outcome was for the page's report
}

async function applyFile(run: JobRun, input: ImportJobInput): Promise<{ result: ImportResult; report: ImportReport }> {
  if (!run.content) throw new DomainError("The import's file is gone.");
  const result = await importOrders({
    content: run.content,
    format: input.format,
    integration: input.integrationId,
    confirmDelete: input.confirmDelete,
    actor: input.actor,
    rowOutcomes: true,
    onProgress: (progress) => run.report(progress),
  });
  const report = importReport(result, {
    stagedId: null,
    fileName: input.fileName,
    integration: input.integration,
    format: input.format,
    confirmDelete: input.confirmDelete,
  });
  if (run.done > 0)
    report.warnings.unshift(
      "The server restarted during this import; it was applied again from the start, so rows applied before the restart count as unchanged.",
    );
  return { result, report };
}
