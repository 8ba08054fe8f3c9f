// The figures of a whole `npm run bench`, one row per figure and one column per setup
// (SQLite + folder, PostgreSQL + S3), printed at the end as a Markdown table ready for the
// docs/performance.md.

const rows = new Map<string, Map<string, string>>();
const setups: string[] = [];

export function recordFigure(figure: string, setup: string, text: string): void {
  if (!setups.includes(setup)) setups.push(setup);
  const row = rows.get(figure) ?? new Map<string, string>();
  row.set(setup, text);
  rows.set(figure, row);
}

export function printSummary(header: string): void {
  if (rows.size === 0) return;
  console.log(`\nSummary (Markdown, for docs/performance.md's table)\n${header}\n`);
  console.log(`| benchmark | ${setups.join(" | ")} |`);
  console.log(`|---|${setups.map(() => "---").join("|")}|`);
  for (const [figure, row] of rows) console.log(`| ${figure} | ${setups.map((s) => row.get(s) ?? "-").join(" | ")} |`);
}
