// What an uploaded file really is, read from its first bytes: never trusted from the
// client's part header or the payload's fileExt.

export type SniffedType = { contentType: string; ext: string; image: boolean };

const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PDF = Buffer.from("%PDF-");
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function sniffContentType(head: Buffer): SniffedType {
  if (head.subarray(0, 3).equals(JPEG)) return { contentType: "image/jpeg", ext: "jpg", image: true };
  if (head.subarray(0, 8).equals(PNG)) return { contentType: "image/png", ext: "png", image: true };
  if (head.subarray(0, 5).equals(PDF)) return { contentType: "application/pdf", ext: "pdf", image: false };
  if (looksLikeJson(head)) return { contentType: "application/json", ext: "json", image: false };
  const video = sniffVideo(head);
  if (video) return { ...video, image: false };
  return { contentType: "application/octet-stream", ext: "bin", image: false };
}

/** A JSON object or array: optional BOM and whitespace, then { or [, and no NUL bytes. */
function looksLikeJson(head: Buffer): boolean {
  const body = head.subarray(0, 3).equals(UTF8_BOM) ? head.subarray(3) : head;
  const text = body.toString("utf8").trimStart();
  return (text.startsWith("{") || text.startsWith("[")) && !body.includes(0);
}

const EBML = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
// HEIF and AVIF photos share the "ftyp" box with videos; these brands are pictures.
const IMAGE_BRANDS = new Set(["heic", "heix", "heim", "heis", "mif1", "msf1", "avif", "avis"]);

/**
 * A video file (what a videoUri serves): MP4 and QuickTime start with an "ftyp" box whose
 * brand tells them apart; WebM with the EBML header.
 */
export function sniffVideo(head: Buffer): { contentType: string; ext: string } | null {
  if (head.subarray(4, 8).toString("latin1") === "ftyp") {
    const brand = head.subarray(8, 12).toString("latin1");
    if (IMAGE_BRANDS.has(brand)) return null;
    return brand === "qt  " ? { contentType: "video/quicktime", ext: "mov" } : { contentType: "video/mp4", ext: "mp4" };
  }
  if (head.subarray(0, 4).equals(EBML)) return { contentType: "video/webm", ext: "webm" };
  return null;
}
