import PDFDocument from "pdfkit";
import { toAscii } from "@/lib/pruvan/ascii";

// A small page-flow layer over pdfkit for the reports: a cursor that moves down the page,
// a new page (with its running footer) when the next block does not fit, and text folded
// to what the standard PDF fonts can draw. The standard fonts (Helvetica) need no font
// file on disk and keep the PDF small.

export const PAGE = { width: 612, height: 792, margin: 42, top: 46, bottom: 58 } as const; // US Letter, points
export const INK = {
  text: "#0f172a",
  muted: "#475569",
  faint: "#94a3b8",
  rule: "#cbd5e1",
  panel: "#f1f5f9",
  brand: "#1d5fd1",
  brandDark: "#142f5e",
  green: "#047857",
  amber: "#b45309",
  red: "#b91c1c",
} as const;
export const FONT = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" } as const;

/**
 * What a standard PDF font (WinAnsi) can draw: Latin-1 stays, typographic punctuation and
 * other letters are folded as for Pruvan (lib/pruvan/ascii), control characters go.
 */
export function pdfText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  return String(value)
    .replace(/[\u0100-\uFFFF]/g, (ch) => toAscii(ch))
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "");
}

export class PageFlow {
  readonly doc: PDFKit.PDFDocument;
  y: number = PAGE.top;
  pageNumber = 1;

  constructor(
    info: { title: string; subject: string; author: string },
    private readonly footer: (page: number) => string,
  ) {
    this.doc = new PDFDocument({
      size: "LETTER",
      margin: 0,
      autoFirstPage: true,
      info: { Title: info.title, Subject: info.subject, Author: info.author, Creator: info.author },
    });
    this.drawFooter();
  }

  get left() {
    return PAGE.margin;
  }
  get width() {
    return PAGE.width - 2 * PAGE.margin;
  }
  get bottom() {
    return PAGE.height - PAGE.bottom;
  }

  newPage() {
    this.doc.addPage({ size: "LETTER", margin: 0 });
    this.pageNumber++;
    this.y = PAGE.top;
    this.drawFooter();
  }

  /** Starts a new page unless `height` points still fit on this one; true when it did. */
  fit(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }

  /** Text at the cursor (or at x), wrapped to `width`; moves the cursor below it. */
  text(
    value: string,
    opts: {
      font?: string;
      size?: number;
      color?: string;
      x?: number;
      width?: number;
      gap?: number;
      align?: "left" | "right" | "center";
    } = {},
  ) {
    const { doc } = this;
    const width = opts.width ?? this.width;
    doc
      .font(opts.font ?? FONT.regular)
      .fontSize(opts.size ?? 10)
      .fillColor(opts.color ?? INK.text);
    const text = pdfText(value);
    const height = doc.heightOfString(text, { width });
    this.fit(height);
    doc.text(text, opts.x ?? this.left, this.y, { width, align: opts.align ?? "left", lineBreak: true });
    this.y += height + (opts.gap ?? 0);
  }

  /** Text in a fixed box at (x, y) that never moves the cursor nor starts a page; cut with an ellipsis. */
  label(
    value: string,
    x: number,
    y: number,
    opts: { width: number; font?: string; size?: number; color?: string; lines?: number; align?: "left" | "right" | "center" },
  ) {
    const size = opts.size ?? 8;
    this.doc
      .font(opts.font ?? FONT.regular)
      .fontSize(size)
      .fillColor(opts.color ?? INK.text)
      .text(pdfText(value), x, y, {
        width: opts.width,
        height: size * 1.25 * (opts.lines ?? 1),
        ellipsis: true,
        align: opts.align ?? "left",
        lineBreak: (opts.lines ?? 1) > 1,
      });
  }

  rule(color: string = INK.rule, gapAfter = 8) {
    this.doc
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(0.6)
      .strokeColor(color)
      .stroke();
    this.y += gapAfter;
  }

  /** A section heading with a coloured bar under it; kept with at least `keep` points of what follows. */
  heading(title: string, opts: { size?: number; keep?: number; note?: string } = {}) {
    const size = opts.size ?? 15;
    this.fit(size * 1.4 + 10 + (opts.keep ?? 0));
    this.doc
      .font(FONT.bold)
      .fontSize(size)
      .fillColor(INK.brandDark)
      .text(pdfText(title), this.left, this.y, { width: this.width, lineBreak: false, ellipsis: true });
    if (opts.note) {
      this.doc
        .font(FONT.regular)
        .fontSize(9)
        .fillColor(INK.muted)
        .text(pdfText(opts.note), this.left, this.y + size - 9, { width: this.width, align: "right", lineBreak: false });
    }
    this.y += size * 1.25;
    this.doc.rect(this.left, this.y, this.width, 1.6).fill(INK.brand);
    this.y += 10;
  }

  /** The running footer; drawn inside the bottom margin, so it never starts a page itself. */
  private drawFooter() {
    const y = PAGE.height - PAGE.bottom + 22;
    this.doc
      .moveTo(this.left, y - 6)
      .lineTo(this.left + this.width, y - 6)
      .lineWidth(0.5)
      .strokeColor(INK.rule)
      .stroke();
    this.label(this.footer(this.pageNumber), this.left, y, { width: this.width - 60, size: 7.5, color: INK.muted });
    this.label(`Page ${this.pageNumber}`, this.left + this.width - 60, y, { width: 60, size: 7.5, color: INK.muted, align: "right" });
  }
}
