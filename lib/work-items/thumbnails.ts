import { Readable } from "node:stream";
import type sharpModule from "sharp";
import { z } from "zod";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { versionSuffix } from "./versions";

// Thumbnails are made on first view and kept in storage. Input is bounded: an image
// over MAX_INPUT_PIXELS is refused from its header before any decoding (decompression
// bombs), libvips' cache is off, and at most MAX_PARALLEL resizes run at once. Anything
// that cannot be previewed gets a placeholder, never an error page.

const MAX_INPUT_PIXELS = 100_000_000;
const MAX_PARALLEL = 2;
const MAX_THUMB_BYTES = 20 * 1024 * 1024;

export const thumbSizeSchema = z.enum(["small", "large"]).default("small");
export type ThumbSize = z.infer<typeof thumbSizeSchema>;
const PIXELS: Record<ThumbSize, number> = { small: 400, large: 1600 };
const RASTER_FORMATS = new Set(["jpeg", "png", "webp", "heif", "avif", "tiff", "gif"]);

// sharp (libvips: ~15 MB of a process's memory) loads with the first thumbnail made, not with
// the server: most requests read kept thumbnails, and an idle server should not carry it.
let loaded: Promise<typeof sharpModule> | undefined;
function loadSharp(): Promise<typeof sharpModule> {
  loaded ??= import("sharp").then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loaded;
}

export type Thumbnail = { body: Readable; contentType: string; placeholder: boolean };

/** The cached or freshly made thumbnail of an item; null when there is no such item. */
export async function thumbnailFor(itemId: string, size: ThumbSize): Promise<Thumbnail | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(itemId)) return null;
  const item = await db().workItem.findUnique({
    where: { id: itemId },
    select: { id: true, uuId: true, version: true, fileType: true, storagePath: true, contentType: true },
  });
  if (!item) return null;
  const isImage = (item.fileType === "picture" || item.fileType === "csr") && (item.contentType ?? "image/").startsWith("image/");
  if (!item.storagePath || !isImage) return placeholder(labelFor(item.fileType));
  const key = thumbKey(item, size);
  if (!(await storage().exists(key))) {
    const made = await once(key, () => limited(() => makeThumbnail(item.storagePath!, key, PIXELS[size])));
    if (!made) return placeholder("No preview");
  }
  return { body: storage().read(key), contentType: "image/jpeg", placeholder: false };
}

/**
 * thumbs/<uuId>.jpg (the brief's key); the lightbox size beside it. A uuId is Pruvan's text,
 * so odd ones fall back to our id. A re-published version has its own (<uuId>.v2.jpg): a
 * new file never shows an old preview.
 */
function thumbKey(item: { id: string; uuId: string; version: number }, size: ThumbSize): string {
  const name = `${thumbName(item)}${versionSuffix(item.version)}`;
  return size === "small" ? `thumbs/${name}.jpg` : `thumbs/large/${name}.jpg`;
}

/** The name a thumbnail of this item starts with (the sweep reads it back). */
export function thumbName(item: { id: string; uuId: string }): string {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(item.uuId) ? item.uuId : item.id;
}

async function makeThumbnail(sourceKey: string, key: string, px: number): Promise<boolean> {
  let source: { path: string; release(): Promise<void> } | undefined;
  try {
    source = await storage().localFile(sourceKey); // libvips reads a file as it goes; a stream it would hold whole
    const sharp = await loadSharp();
    const image = sharp(source.path, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", sequentialRead: true });
    // Raster photos only: an SVG or PDF posing as a picture is not rendered.
    const { format } = await image.metadata();
    if (!RASTER_FORMATS.has(format ?? "")) throw new Error(`not a raster photo: ${format ?? "unknown format"}`);
    const jpeg = await image.autoOrient().resize(px, px, { fit: "inside", withoutEnlargement: true }).jpeg({ quality: 78 }).toBuffer();
    await storage().write(key, Readable.from([jpeg]), { maxBytes: MAX_THUMB_BYTES, contentType: "image/jpeg" });
    return true;
  } catch (err) {
    console.warn(JSON.stringify({ thumbnail: "failed", source: sourceKey, error: (err as Error).message.slice(0, 200) }));
    return false;
  } finally {
    await source?.release();
  }
}

// Concurrent requests for one thumbnail share one resize.
const inFlight = new Map<string, Promise<boolean>>();
function once(key: string, make: () => Promise<boolean>): Promise<boolean> {
  let pending = inFlight.get(key);
  if (!pending) {
    pending = make().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(work: () => Promise<T>): Promise<T> {
  // A finishing job hands its slot straight to the next waiter, so the limit holds.
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

const LABELS: Record<string, string> = { survey: "Survey PDF", "check-in": "Check-in", file: "File" };
const labelFor = (fileType: string) => LABELS[fileType] ?? "No preview";

/** A small SVG card naming what the item is; the label is always one of ours. */
function placeholder(label: string): Thumbnail {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400">` +
    `<rect width="400" height="400" fill="#e2e8f0"/>` +
    `<text x="200" y="210" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#475569">${label}</text></svg>`;
  return { body: Readable.from([Buffer.from(svg)]), contentType: "image/svg+xml", placeholder: true };
}
