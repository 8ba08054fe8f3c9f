/** Display formatting shared by pages (UTC, so server and browser agree). */
export function formatDateTime(d: Date | null | undefined): string {
  if (!d) return "-";
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

export function formatDate(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 10) : "-";
}

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return "-";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
