import type { Readable } from "node:stream";
import { thumbnailFor, type ThumbSize } from "@/lib/work-items/thumbnails";

// Photos on their way into a report: the downscaled JPEG of lib/work-items/thumbnails
// (made once from storage with sharp, bounded in pixels and in parallel work, then kept),
// never the original. A few are fetched ahead of the page being drawn, none kept after.

const AHEAD = 4;

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The report-sized JPEG of a photo; null when it has no preview (missing file, not an image). */
export async function reportImage(itemId: string, size: ThumbSize = "small"): Promise<Buffer | null> {
  const thumb = await thumbnailFor(itemId, size);
  if (!thumb) return null;
  if (thumb.placeholder) {
    thumb.body.destroy();
    return null;
  }
  return readAll(thumb.body);
}

/** Hands out photos in drawing order, loading the next few while the current one is drawn. */
export class ImageQueue {
  private readonly pending = new Map<string, Promise<Buffer | null>>();
  private next = 0;

  constructor(private readonly order: readonly string[]) {}

  take(itemId: string): Promise<Buffer | null> {
    const at = this.order.indexOf(itemId, this.next);
    if (at >= 0) this.next = at;
    for (let i = this.next; i < Math.min(this.order.length, this.next + AHEAD); i++) this.start(this.order[i]!);
    const image = this.start(itemId);
    this.pending.delete(itemId);
    return image;
  }

  private start(itemId: string): Promise<Buffer | null> {
    let image = this.pending.get(itemId);
    if (!image) {
      image = reportImage(itemId).catch(() => null);
      this.pending.set(itemId, image);
    }
    return image;
  }
}
