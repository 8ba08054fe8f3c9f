import type { ImportFormat, ImportResult, ImportRowOutcome } from "./import";

// What the Orders page shows of an import, its dry run or its applied run (a background
// job's result): the counts of the whole file and a bounded list of rows.

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

export type ImportAbout = Pick<ImportReport, "stagedId" | "fileName" | "integration" | "format" | "confirmDelete">;

export function importReport(result: ImportResult, about: ImportAbout): ImportReport {
  const rows = result.rows ?? [];
  let errors = 0;
  let others = 0;
  const shown = rows.filter((r) => (r.action === "error" ? ++errors <= ERROR_ROWS_SHOWN : ++others <= OTHER_ROWS_SHOWN));
  return {
    ...about,
    dryRun: result.dryRun,
    counts: {
      created: result.created,
      updated: result.updated,
      deleted: result.deleted,
      unchanged: result.unchanged,
      errors: result.errors.length,
    },
    rows: shown,
    rowsNotShown: rows.length - shown.length,
    warnings: [...new Set(result.warnings.slice(0, 50).map((w) => `${w.workOrderNumber}: ${w.warning}`))],
  };
}

/** How many orders an applied import changed. */
export const importChanged = (report: ImportReport) => report.counts.created + report.counts.updated + report.counts.deleted;
