import type { ByteRange } from "@/lib/storage";

// HTTP Range requests (RFC 9110, section 14), so that a browser's video player can seek and
// a cut-off download can resume. One range per request: a request for several gets the
// whole file, as the RFC allows.

/** The part of a file of `size` bytes that a Range header asks for: null for the whole file. */
export function requestedRange(header: string | null, size: number): ByteRange | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return null; // absent, malformed or several ranges: ignored
  if (m[1] === "") {
    const suffix = Number(m[2]); // the last N bytes
    return suffix === 0 || size === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== "" && Number(m[2]) < start) return null; // invalid: ignored
  return start >= size ? "unsatisfiable" : { start, end };
}
