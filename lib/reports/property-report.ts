import type { Readable } from "node:stream";
import { formatDate, formatDateTime } from "@/lib/format";
import { getOrderDetail, type OrderDetail } from "@/lib/orders/order-detail";
import { getOrderWorkResults, type WorkResults } from "@/lib/work-items/queries";
import type { CheckInView, PhotoView } from "@/lib/work-items/views";
import { FONT, INK, PAGE, PageFlow, pdfText } from "./pdf-layout";
import { ImageQueue, reportImage } from "./report-photos";

// The property report a client accepts (issue 14): a cover with the order, its address,
// dates and statuses; per service, its photos by evidence type (before / during / after /
// other) in a grid with the time taken, GPS and certification; the surveys' questions and
// answers with their photos; the check-ins. Approved photos only unless allPhotos.
// Streamed: each page goes out as it is finished, photos are fetched a few ahead.

export type ReportOptions = { allPhotos: boolean; generatedBy: string; now?: Date };
export type ReportSummary = { pages: number; photos: number; photosLeftOut: number };

const BUCKETS = [
  { key: "before", label: "Before" },
  { key: "during", label: "During" },
  { key: "after", label: "After" },
  { key: "other", label: "Other" },
] as const;
type Bucket = (typeof BUCKETS)[number]["key"];

const bucketOf = (p: PhotoView): Bucket => {
  const type = p.evidenceType.toLowerCase();
  return type === "before" || type === "during" || type === "after" ? type : "other";
};

type ServicePhotos = { service: string; total: number; buckets: { key: Bucket; label: string; photos: PhotoView[] }[] };

/** What the report shows, decided before any page is drawn. */
function plan(results: WorkResults, allPhotos: boolean) {
  const inReport = (p: PhotoView) => p.kind === "picture" && (allPhotos || p.review?.state === "approved");
  const services: ServicePhotos[] = results.photoGroups.map((s) => {
    const all = s.groups.flatMap((g) => g.photos).filter((p) => p.kind === "picture");
    const chosen = all.filter(inReport);
    return {
      service: s.service,
      total: all.length,
      buckets: BUCKETS.map((b) => ({ key: b.key, label: b.label, photos: chosen.filter((p) => bucketOf(p) === b.key) })),
    };
  });
  const pictures = results.photos.filter((p) => p.kind === "picture");
  const photos = services.flatMap((s) => s.buckets.flatMap((b) => b.photos));
  const surveys = results.surveys.map((t) => ({
    ...t.latest,
    answers: t.latest.answers.map((a) => ({
      ...a,
      shown: a.photos.filter(inReport),
      notShown: a.photos.filter((p) => !inReport(p)).length,
    })),
  }));
  return { services, photos, surveys, checkIns: results.checkIns, leftOut: pictures.length - photos.length, pictures: pictures.length };
}

type Plan = ReturnType<typeof plan>;

/** The order's property report as a PDF stream; null when there is no such order. */
export async function propertyReport(
  orderId: string,
  opts: ReportOptions,
): Promise<{ fileName: string; stream: Readable; done: Promise<ReportSummary> } | null> {
  const order = await getOrderDetail(orderId);
  if (!order) return null;
  const results = await getOrderWorkResults(order);
  const content = plan(results, opts.allPhotos);
  const place = [order.address1, order.address2, `${order.city}, ${order.state} ${order.zip}`].filter(Boolean).join(", ");
  const flow = new PageFlow(
    { title: `Property report ${order.workOrderNumber}`, subject: place, author: "Work-order portal" },
    () => `Work order ${order.workOrderNumber}  ·  ${place}`,
  );
  const images = new ImageQueue([...content.photos, ...content.surveys.flatMap((s) => s.answers.flatMap((a) => a.shown))].map((p) => p.id));
  const done = (async () => {
    await cover(flow, order, content, opts);
    for (const service of content.services) await servicePages(flow, service, images, opts.allPhotos);
    if (content.surveys.length) await surveyPages(flow, content.surveys, images, opts.allPhotos);
    if (content.checkIns.length) checkInPages(flow, content.checkIns);
    flow.doc.end();
    return { pages: flow.pageNumber, photos: content.photos.length, photosLeftOut: content.leftOut };
  })();
  done.catch((err: Error) => {
    console.error(JSON.stringify({ report: "failed", order: order.workOrderNumber, error: err.message }));
    flow.doc.destroy(err);
  });
  return { fileName: `${order.workOrderNumber}-property-report.pdf`, stream: flow.doc, done };
}

// ---- cover -----------------------------------------------------------------------------

async function cover(flow: PageFlow, order: OrderDetail, content: Plan, opts: ReportOptions) {
  const { doc } = flow;
  const band = 132;
  doc.rect(0, 0, PAGE.width, band).fill(INK.brandDark);
  flow.label("PROPERTY REPORT", flow.left, 34, { width: 300, size: 9, font: FONT.bold, color: "#93c5fd" });
  flow.label(`Work order ${order.workOrderNumber}`, flow.left + flow.width - 250, 34, {
    width: 250,
    size: 10,
    font: FONT.bold,
    color: "#ffffff",
    align: "right",
  });
  flow.label(order.address1 + (order.address2 ? `, ${order.address2}` : ""), flow.left, 54, {
    width: flow.width,
    size: 22,
    font: FONT.bold,
    color: "#ffffff",
  });
  flow.label(`${order.city}, ${order.state} ${order.zip}${order.country ? `, ${order.country}` : ""}`, flow.left, 84, {
    width: flow.width,
    size: 13,
    color: "#dbeafe",
  });
  flow.label(`Prepared ${formatDateTime(opts.now ?? new Date())} by ${opts.generatedBy}`, flow.left, 108, {
    width: flow.width,
    size: 8.5,
    color: "#93c5fd",
  });
  flow.y = band + 22;

  // Facts on the left, the property's first photo on the right.
  const hero = content.photos.find((p) => bucketOf(p) === "before") ?? content.photos[0];
  const factsWidth = hero ? 280 : flow.width;
  const facts: [string, string][] = [
    ["Client status", order.clientStatus ?? "-"],
    ["Pruvan status", order.status ?? "not set"],
    ["Status in Pruvan", order.pruvanStatus ?? "-"],
    ["Field status", order.fieldStatus ?? "-"],
    ["Due date", formatDate(order.dueDate)],
    ["Client due date", formatDate(order.clientDueDate)],
    ["Start date", formatDate(order.startDate)],
    ["Ordered", formatDate(order.createdAt)],
    ["Last status from Pruvan", order.pruvanStatusAt ? formatDateTime(order.pruvanStatusAt) : "-"],
    ["Pruvan account", order.integration.name],
    ...(order.assignedTo ? ([["Assigned to", order.assignedTo]] as [string, string][]) : []),
    ...(order.reference ? ([["Reference", order.reference]] as [string, string][]) : []),
    ...(order.gpsLatitude !== null && order.gpsLongitude !== null
      ? ([["Property GPS", gpsText(order.gpsLatitude, order.gpsLongitude)]] as [string, string][])
      : []),
  ];
  const top = flow.y;
  const colWidth = (factsWidth - 16) / 2;
  facts.forEach(([label, value], i) => {
    const x = flow.left + (i % 2) * (colWidth + 16);
    const y = top + Math.floor(i / 2) * 30;
    flow.label(label.toUpperCase(), x, y, { width: colWidth, size: 7, font: FONT.bold, color: INK.muted });
    flow.label(value, x, y + 10, { width: colWidth, size: 10.5, color: INK.text });
  });
  let bottom = top + Math.ceil(facts.length / 2) * 30;
  if (hero) {
    const x = flow.left + factsWidth + 20;
    const w = flow.width - factsWidth - 20;
    const h = (w * 3) / 4;
    await framedImage(flow, await reportImage(hero.id, "large"), x, top, w, h);
    flow.label(`${hero.evidenceLabel} · ${hero.serviceName}${hero.takenAt ? ` · taken ${hero.takenAt}` : ""}`, x, top + h + 4, {
      width: w,
      size: 7.5,
      color: INK.muted,
    });
    bottom = Math.max(bottom, top + h + 16);
  }
  flow.y = bottom + 14;

  // The work in four figures.
  const certified = content.photos.filter(isCertified).length;
  const tiles: [string, string][] = [
    [
      opts.allPhotos ? `${content.photos.length}` : `${content.photos.length} of ${content.pictures}`,
      opts.allPhotos ? "Photos" : "Approved photos",
    ],
    [`${certified}`, "Certified photos"],
    [`${content.surveys.length}`, content.surveys.length === 1 ? "Survey" : "Surveys"],
    [`${content.checkIns.length}`, content.checkIns.length === 1 ? "Check-in" : "Check-ins"],
  ];
  const tileWidth = (flow.width - 3 * 10) / 4;
  tiles.forEach(([figure, caption], i) => {
    const x = flow.left + i * (tileWidth + 10);
    doc.roundedRect(x, flow.y, tileWidth, 50, 4).fill(INK.panel);
    flow.label(figure, x + 10, flow.y + 9, { width: tileWidth - 20, size: 17, font: FONT.bold, color: INK.brandDark });
    flow.label(caption, x + 10, flow.y + 32, { width: tileWidth - 20, size: 8, color: INK.muted });
  });
  flow.y += 66;

  flow.heading("Services", { size: 12, keep: 40 });
  serviceTable(flow, order, content);
  flow.y += 10;
  const scope = scopeNote(content, opts.allPhotos);
  flow.text(
    `${scope} Times are the device's time when the photo was taken; GPS is where the device was. A photo is certified when Pruvan certified its time and location and authenticated its contents.`,
    { size: 8, color: INK.muted },
  );
}

/** Which photos the report shows, in a sentence for the cover. */
function scopeNote(content: Plan, allPhotos: boolean): string {
  if (content.pictures === 0) return "No photos have been received for this order yet.";
  if (allPhotos)
    return "This report shows every photo received, each marked with its review state (approved, rejected with the reason, or not reviewed).";
  if (content.leftOut === 0) return "This report shows approved photos only; every photo received has been approved.";
  const [photos, verb] = content.leftOut === 1 ? ["photo", "is"] : ["photos", "are"];
  return `This report shows approved photos only: ${content.leftOut} ${photos} not approved (yet) ${verb} left out.`;
}

function serviceTable(flow: PageFlow, order: OrderDetail, content: Plan) {
  const cols = [
    { title: "Service", width: 0.4 },
    { title: "Before", width: 0.1 },
    { title: "During", width: 0.1 },
    { title: "After", width: 0.1 },
    { title: "Other", width: 0.1 },
    { title: "Survey", width: 0.2 },
  ];
  const widths = cols.map((c) => c.width * flow.width);
  const row = (cells: string[], opts: { bold?: boolean; color?: string; shade?: boolean }) => {
    flow.fit(18);
    if (opts.shade) flow.doc.rect(flow.left, flow.y - 3, flow.width, 17).fill(INK.panel);
    let x = flow.left;
    cells.forEach((cell, i) => {
      flow.label(cell, x + 4, flow.y + 1, {
        width: widths[i]! - 8,
        size: 8.5,
        font: opts.bold ? FONT.bold : FONT.regular,
        color: opts.color ?? INK.text,
        align: i > 0 && i < 5 ? "right" : "left",
      });
      x += widths[i]!;
    });
    flow.y += 17;
  };
  row(
    cols.map((c) => c.title.toUpperCase()),
    { bold: true, color: INK.muted },
  );
  const byName = new Map(content.services.map((s) => [s.service, s]));
  const names = [...new Set([...order.services.map((s) => s.serviceName), ...content.services.map((s) => s.service)])];
  names.forEach((name, i) => {
    const photos = byName.get(name);
    const survey = order.services.find((s) => s.serviceName === name)?.survey ?? "";
    const counts = BUCKETS.map((b) => String(photos?.buckets.find((x) => x.key === b.key)?.photos.length ?? 0));
    row([name, ...counts, survey || "-"], { shade: i % 2 === 0 });
  });
}

// ---- photos ----------------------------------------------------------------------------

const GRID = { columns: 3, gap: 12, caption: 56, rowGap: 12 } as const;

async function servicePages(flow: PageFlow, service: ServicePhotos, images: ImageQueue, allPhotos: boolean) {
  const buckets = service.buckets.filter((b) => b.photos.length > 0);
  if (buckets.length === 0) return;
  flow.newPage();
  const count = buckets.reduce((n, b) => n + b.photos.length, 0);
  flow.heading(service.service, { note: `${count} photo${count === 1 ? "" : "s"}${allPhotos ? "" : ` approved of ${service.total}`}` });
  const cellWidth = (flow.width - (GRID.columns - 1) * GRID.gap) / GRID.columns;
  const imageHeight = (cellWidth * 3) / 4;
  let number = 0;
  for (const bucket of buckets) {
    subheading(flow, `${bucket.label} (${bucket.photos.length})`, imageHeight + GRID.caption);
    for (let i = 0; i < bucket.photos.length; i += GRID.columns) {
      if (flow.fit(imageHeight + GRID.caption)) subheading(flow, `${bucket.label} (continued)`, imageHeight + GRID.caption);
      const row = bucket.photos.slice(i, i + GRID.columns);
      for (const [n, photo] of row.entries()) {
        const x = flow.left + n * (cellWidth + GRID.gap);
        await photoCell(flow, photo, await images.take(photo.id), x, cellWidth, imageHeight, {
          number: ++number,
          allPhotos,
          showType: bucket.key === "other",
        });
      }
      flow.y += imageHeight + GRID.caption + GRID.rowGap;
    }
  }
}

function subheading(flow: PageFlow, title: string, keep: number) {
  flow.fit(22 + keep);
  flow.doc.rect(flow.left, flow.y, 3, 12).fill(INK.brand);
  flow.label(title.toUpperCase(), flow.left + 9, flow.y + 2, { width: flow.width - 9, size: 9, font: FONT.bold, color: INK.brandDark });
  flow.y += 20;
}

async function framedImage(flow: PageFlow, image: Buffer | null, x: number, y: number, w: number, h: number) {
  const { doc } = flow;
  doc.rect(x, y, w, h).fill("#e2e8f0");
  if (image) {
    try {
      doc.image(image, x, y, { fit: [w, h], align: "center", valign: "center" });
    } catch {
      image = null; // not a JPEG pdfkit can read: drawn as "no preview"
    }
  }
  if (!image) flow.label("No preview", x, y + h / 2 - 5, { width: w, size: 9, color: INK.muted, align: "center" });
  doc.rect(x, y, w, h).lineWidth(0.5).strokeColor(INK.rule).stroke();
}

const REVIEW_MARK = {
  approved: ["APPROVED", INK.green],
  rejected: ["REJECTED", INK.red],
  unreviewed: ["NOT REVIEWED", INK.muted],
} as const;

async function photoCell(
  flow: PageFlow,
  photo: PhotoView,
  image: Buffer | null,
  x: number,
  w: number,
  h: number,
  opts: { number: number; allPhotos: boolean; showType: boolean },
) {
  const { doc } = flow;
  const y = flow.y;
  await framedImage(flow, image, x, y, w, h);
  const numberWidth = tag(flow, String(opts.number), x + 4, y + 4, INK.text);
  if (isCertified(photo)) tag(flow, "CERTIFIED", x + 8 + numberWidth, y + 4, INK.green);
  if (opts.allPhotos && photo.review) {
    const [text, color] = REVIEW_MARK[photo.review.state];
    tag(flow, text, x + w - 4, y + 4, color, "right");
  }
  let line = y + h + 4;
  const caption = (text: string, options: { font?: string; color?: string; lines?: number } = {}) => {
    flow.label(text, x, line, { width: w, size: 7.5, ...options });
    line += 9.5 * (options.lines ?? 1);
  };
  caption(`Taken ${photo.takenAt ?? "(time not sent)"}${photo.takenBy ? ` by ${photo.takenBy}` : ""}`, { font: FONT.bold });
  caption(
    photo.gps
      ? `GPS ${gpsText(photo.gps.lat, photo.gps.lon)}${photo.gps.accuracyM !== null ? ` ±${Math.round(photo.gps.accuracyM)} m` : ""}`
      : "GPS not recorded",
    { color: INK.muted },
  );
  certification(flow, photo, x, line, w);
  line += 9.5;
  const extra =
    photo.review?.state === "rejected" && opts.allPhotos
      ? `Rejected: ${photo.review.note ?? ""}`
      : [opts.showType ? photo.evidenceLabel : null, photo.notes].filter(Boolean).join(" · ");
  if (extra)
    caption(extra, { font: FONT.italic, color: photo.review?.state === "rejected" && opts.allPhotos ? INK.red : INK.muted, lines: 2 });
  doc.fillColor(INK.text);
}

/** A small filled label on a photo; answers its width. */
function tag(flow: PageFlow, text: string, x: number, y: number, color: string, align: "left" | "right" = "left"): number {
  const { doc } = flow;
  doc.font(FONT.bold).fontSize(6.5);
  const w = doc.widthOfString(text) + 8;
  const left = align === "right" ? x - w : x;
  doc.roundedRect(left, y, w, 11, 2).fillOpacity(0.88).fill(color).fillOpacity(1);
  flow.label(text, left + 4, y + 2.6, { width: w, size: 6.5, font: FONT.bold, color: "#ffffff" });
  return w;
}

/** pruvan-api-v2 uploadPictures: csrCertifiedTime, csrCertifiedLocation and authenticated all "1". */
const isCertified = (p: PhotoView) => p.certifiedTime === "yes" && p.certifiedLocation === "yes" && p.authenticated === "yes";

/** "✓ Time  ✓ Location  ✓ Authenticated": a green check where Pruvan certified it, an amber cross where not. */
function certification(flow: PageFlow, photo: PhotoView, x: number, y: number, w: number) {
  const { doc } = flow;
  let at = x;
  const parts: [string, PhotoView["certifiedTime"]][] = [
    ["Time", photo.certifiedTime],
    ["Location", photo.certifiedLocation],
    ["Authenticated", photo.authenticated],
  ];
  for (const [label, flag] of parts) {
    mark(doc, flag === "yes", at, y + 0.2);
    at += 8.5;
    flow.label(label, at, y, { width: Math.max(0, x + w - at), size: 7.5, color: flag === "yes" ? INK.text : INK.amber });
    doc.font(FONT.regular).fontSize(7.5);
    at += doc.widthOfString(label) + 7;
  }
}

/** A 6-point check mark or cross, drawn (the standard fonts have neither). */
function mark(doc: PDFKit.PDFDocument, yes: boolean, x: number, y: number) {
  doc
    .save()
    .lineWidth(1.2)
    .lineCap("round")
    .lineJoin("round")
    .strokeColor(yes ? INK.green : INK.amber);
  if (yes)
    doc
      .moveTo(x, y + 3.2)
      .lineTo(x + 2.2, y + 5.6)
      .lineTo(x + 6, y + 0.6)
      .stroke();
  else
    doc
      .moveTo(x + 0.5, y + 0.8)
      .lineTo(x + 5.5, y + 5.8)
      .moveTo(x + 5.5, y + 0.8)
      .lineTo(x + 0.5, y + 5.8)
      .stroke();
  doc.restore();
}

const gpsText = (lat: number, lon: number) => `${lat.toFixed(6)}, ${lon.toFixed(6)}`;

// ---- surveys ---------------------------------------------------------------------------

type SurveyPlan = Plan["surveys"][number];
const LINKED = { columns: 4, gap: 10, caption: 20 } as const;

async function surveyPages(flow: PageFlow, surveys: SurveyPlan[], images: ImageQueue, allPhotos: boolean) {
  flow.newPage();
  for (const survey of surveys) {
    flow.heading(`Survey: ${survey.templateId ?? survey.surveyId}`, { keep: 60 });
    flow.text(
      [
        survey.serviceName,
        survey.takenBy ? `submitted by ${survey.takenBy}` : null,
        survey.takenAt ? `on ${survey.takenAt}` : null,
        `received ${formatDateTime(survey.receivedAt)}`,
      ]
        .filter(Boolean)
        .join(" · "),
      { size: 8.5, color: INK.muted, gap: 8 },
    );
    if (!survey.readable)
      flow.text("The answers of this survey could not be read; its PDF from Pruvan is kept with the order.", {
        size: 9,
        color: INK.amber,
        gap: 8,
      });
    for (const [n, answer] of survey.answers.entries()) {
      if (!answer.readable) continue;
      flow.fit(40);
      const given = answer.values.join(", ");
      flow.text(`${n + 1}. ${answer.question}`, { font: FONT.bold, size: 9.5, gap: 2 });
      flow.text(given || "(no answer)", {
        size: 10,
        x: flow.left + 12,
        width: flow.width - 12,
        color: given ? INK.text : INK.faint,
        gap: 5,
      });
      await linkedPhotos(flow, answer.shown, images);
      const missing = [
        answer.missingPhotos.length ? `Not received yet: ${answer.missingPhotos.join(", ")}` : null,
        !allPhotos && answer.notShown ? `${answer.notShown} linked photo${answer.notShown === 1 ? "" : "s"} not approved` : null,
      ].filter(Boolean);
      if (missing.length) flow.text(missing.join(" · "), { size: 8, color: INK.muted, x: flow.left + 12, width: flow.width - 12, gap: 4 });
      flow.y += 6;
    }
    flow.y += 10;
  }
}

async function linkedPhotos(flow: PageFlow, photos: PhotoView[], images: ImageQueue) {
  const indent = 12;
  const w = (flow.width - indent - (LINKED.columns - 1) * LINKED.gap) / LINKED.columns;
  const h = (w * 3) / 4;
  for (let i = 0; i < photos.length; i += LINKED.columns) {
    flow.fit(h + LINKED.caption + 4);
    for (const [n, photo] of photos.slice(i, i + LINKED.columns).entries()) {
      const x = flow.left + indent + n * (w + LINKED.gap);
      await framedImage(flow, await images.take(photo.id), x, flow.y, w, h);
      flow.label(
        `Taken ${photo.takenAt ?? "-"}\n${photo.gps ? `GPS ${gpsText(photo.gps.lat, photo.gps.lon)}` : "GPS not recorded"}`,
        x,
        flow.y + h + 2,
        { width: w, size: 6.5, color: INK.muted, lines: 2 },
      );
    }
    flow.y += h + LINKED.caption + 4;
  }
}

// ---- check-ins -------------------------------------------------------------------------

function checkInPages(flow: PageFlow, checkIns: CheckInView[]) {
  flow.fit(200);
  if (flow.y > PAGE.top) flow.y += 8;
  flow.heading("Check-ins", { keep: 60 });
  for (const c of checkIns) {
    const rows = c.fields.length ? c.fields : [{ key: "check-in", value: "(no details sent)" }];
    const height = 30 + Math.ceil(rows.length / 2) * 24;
    flow.fit(height);
    const top = flow.y;
    flow.doc.roundedRect(flow.left, top, flow.width, height - 6, 4).fill(INK.panel);
    const where = c.gps ? `GPS ${gpsText(c.gps.lat, c.gps.lon)}` : "GPS not recorded";
    flow.label(
      [`${c.serviceName}`, c.takenBy ? `by ${c.takenBy}` : null, c.takenAt ?? `received ${c.receivedAt}`, where, c.distance]
        .filter(Boolean)
        .join("  ·  "),
      flow.left + 10,
      top + 8,
      { width: flow.width - 20, size: 8.5, font: FONT.bold },
    );
    const colWidth = (flow.width - 30) / 2;
    rows.forEach((r, i) => {
      const x = flow.left + 10 + (i % 2) * (colWidth + 10);
      const y = top + 26 + Math.floor(i / 2) * 24;
      flow.label(humanKey(r.key).toUpperCase(), x, y, { width: colWidth, size: 6.5, font: FONT.bold, color: INK.muted });
      flow.label(r.value, x, y + 8, { width: colWidth, size: 9 });
    });
    flow.y = top + height;
  }
}

/** "checkInTime" -> "check in time". */
const humanKey = (key: string) =>
  pdfText(key)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
