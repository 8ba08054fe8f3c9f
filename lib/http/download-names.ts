import { toAscii } from "@/lib/pruvan/ascii";

// Names we construct for downloads and ZIP entries. Nothing a device or a customer typed
// reaches a header or an archive path unfiltered: ASCII only, no separators, no control
// characters, bounded length.

/** One path segment or file name: ASCII letters, digits, space and ._-() only. */
export function safeSegment(value: string | null | undefined, fallback: string, maxLength = 80): string {
  const cleaned = toAscii(value ?? "")
    .replace(/[^A-Za-z0-9 ._()-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[\s.-]+|[\s.-]+$/g, "")
    .slice(0, maxLength)
    .trim();
  return cleaned || fallback;
}

/** A stricter form for Content-Disposition: no spaces, nothing needing quotes. */
export function headerFileName(value: string, fallback: string): string {
  return safeSegment(value.replace(/\s+/g, "_"), fallback, 120).replace(/[ ()]/g, "_");
}

/** Content-Disposition for a download: attachment with a quoted ASCII name. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="${headerFileName(fileName, "download")}"`;
}
