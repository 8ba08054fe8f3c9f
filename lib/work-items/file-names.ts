import { safeSegment } from "@/lib/http/download-names";

// The names and types under which stored work items are downloaded and zipped; the
// filtering of names is lib/http/download-names.ts.

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
