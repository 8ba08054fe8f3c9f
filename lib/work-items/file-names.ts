import { toAscii } from "@/lib/pruvan/ascii";

// Names we construct for downloads and ZIP entries. Nothing a device or a customer typed
// reaches a header or an archive path unfiltered: ASCII only, no separators, no control
// characters, bounded length.

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "application/pdf": "pdf",
  "application/json": "json",
  "text/plain": "txt",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
  "video/webm": "webm",
};

/** The Content-Type we answer with: the stored one when it is a type we expect, else bytes. */
export function servedContentType(stored: string | null): string {
  const base = stored?.split(";")[0]?.trim().toLowerCase() ?? "";
  return base in EXTENSIONS ? base : "application/octet-stream";
}

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

type Named = { uuId: string; fileName: string | null; contentType: string | null };

/** "1415913831993.jpg": Pruvan's fileName with its extension, else the uuId. */
export function itemFileName(item: Named): string {
  const ext = extensionOf(item);
  const base = safeSegment(item.fileName?.replace(new RegExp(`\\.${ext}$`, "i"), ""), safeSegment(item.uuId, "item"));
  return `${base}.${ext}`;
}

// The extension says what the file is, as sniffed when it arrived (lib/work-items/sniff.ts),
// never what the uploader declared: a device's fileExt "html" or "exe" must not make a
// browser or the office's desktop open our download as a page or a program.
function extensionOf(item: Named): string {
  return EXTENSIONS[servedContentType(item.contentType)] ?? "bin";
}

/** Content-Disposition for a download: attachment with a quoted ASCII name. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="${headerFileName(fileName, "download")}"`;
}
