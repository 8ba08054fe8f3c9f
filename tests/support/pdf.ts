import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

// Reading a PDF back as a person would see it, with Debian's poppler-utils (installed by
// scripts/ensure-debian-packages.sh): its text (pdftotext), its page count (pdfinfo) and a
// page rendered to pixels (pdftoppm).

function withFile<T>(pdf: Buffer, read: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "pdf-read-"));
  try {
    const file = path.join(dir, "in.pdf");
    writeFileSync(file, pdf);
    return read(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text, page by page (pdftotext separates pages with a form feed). */
export function pdfPagesText(pdf: Buffer): string[] {
  const text = withFile(pdf, (file) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }));
  return text.split("\f").slice(0, -1);
}

export function pdfPageCount(pdf: Buffer): number {
  const info = withFile(pdf, (file) => execFileSync("pdfinfo", [file], { encoding: "utf8" }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN);
}

/** One page rendered at `dpi`, as raw RGB pixels. */
export async function renderPage(
  pdf: Buffer,
  page: number,
  dpi = 50,
): Promise<{ png: Buffer; pixels: Buffer; width: number; height: number }> {
  const png = withFile(pdf, (file) => {
    execFileSync("pdftoppm", [
      "-png",
      "-r",
      String(dpi),
      "-f",
      String(page),
      "-l",
      String(page),
      "-singlefile",
      file,
      path.join(path.dirname(file), "page"),
    ]);
    return readFileSync(path.join(path.dirname(file), "page.png"));
  });
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { png, pixels: data, width: info.width, height: info.height };
}

/** How many pixels are within `tolerance` of a colour ("#0f766e"): a drawn photo shows up as its colour. */
export function pixelsNear(pixels: Buffer, hex: string, tolerance = 40): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    if (Math.abs(pixels[i]! - r) + Math.abs(pixels[i + 1]! - g) + Math.abs(pixels[i + 2]! - b) <= tolerance) n++;
  }
  return n;
}
