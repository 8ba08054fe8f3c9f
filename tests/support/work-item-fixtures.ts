import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import sharp from "sharp";
import { db, type Prisma } from "@/lib/db";
import { storage } from "@/lib/storage";

// Test data for the work-results views, written the way the uploadPictures endpoint
// stores an item: the file through storage() under items/<yyyy>/<mm>/<uuId>.<ext>, the
// row through db() with the doc's fields, the whole metadata (minus credentials) as
// payload, survey/checkIn parsed, older submissions of a survey superseded.
// THE one place that fabricates uploads: swap it for the conformance checker later.

/** Points db() and storage() of this process at a server's data folder (before first use). */
export function useDataDir(dir: string) {
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  delete process.env.STORAGE_DIR;
}

/** A real JPEG with a visible label. */
export async function jpeg(label: string, color: string, width = 1200, height = 900): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="${color}"/>
    <circle cx="${width * 0.8}" cy="${height * 0.25}" r="${height * 0.12}" fill="#fde68a"/>
    <rect y="${height * 0.7}" width="100%" height="${height * 0.3}" fill="#166534" opacity="0.6"/>
    <text x="50%" y="50%" font-family="sans-serif" font-size="${Math.round(height / 9)}" text-anchor="middle" fill="#fff">${label}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** A minimal, valid one-page PDF showing the given lines. */
export function minimalPdf(lines: string[]): Buffer {
  const text = lines.map((l, i) => `BT /F1 14 Tf 72 ${720 - i * 20} Td (${l.replace(/[()\\]/g, "")}) Tj ET`).join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets = objects.map((obj, i) => {
    const at = Buffer.byteLength(body);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

type Order = { id: string; workOrderNumber: string; integrationId: string; services: { id: string; serviceName: string }[] };

export async function createOrder(number: string, services: { serviceName: string; survey?: string }[], username = "demo"): Promise<Order> {
  const integration = await db().integration.upsert({
    where: { username },
    create: { username, name: `${username} account`, clientCode: username.toUpperCase() },
    update: {},
  });
  return db().workOrder.create({
    data: {
      workOrderNumber: number, integrationId: integration.id, address1: "110 East Main Street", city: "Round Rock",
      state: "TX", zip: "78664", country: "USA", gpsLatitude: 30.50881246, gpsLongitude: -97.67852886,
      clientStatus: "Order Created", status: "assigned", dueDate: new Date(Date.UTC(2026, 4, 25, 12)),
      workOrderInfo: "Lock box 4412", instructions: "Photograph every side of the house.", attribute7: "LOAN-7731",
      services: { create: services.map((s, position) => ({ ...s, position })) },
    },
    include: { services: { select: { id: true, serviceName: true } } },
  });
}

export type ItemSpec = {
  fileType: "picture" | "csr" | "survey" | "check-in" | "file";
  service?: string;
  evidenceType?: string;
  file?: Buffer;
  ext?: string;
  contentType?: string;
  meta?: Record<string, string | null>; // more uploadPictures fields, as Pruvan sends them (strings)
  survey?: { meta: Record<string, unknown>; answers: unknown[] };
  checkIn?: Record<string, unknown>;
  uuId?: string;
  receivedAt?: Date;
  /** Matched no order (the uploads inbox): `order` then only lends key2 and the integration. */
  unmatched?: boolean;
};

/** Stores one uploaded item for an order exactly as the endpoint will. */
export async function storeItem(order: Order, spec: ItemSpec) {
  const uuId = spec.uuId ?? randomUUID();
  const service = order.services.find((s) => s.serviceName === spec.service);
  const receivedAt = spec.receivedAt ?? new Date();
  const ext = spec.ext ?? { picture: "jpg", csr: "jpg", survey: "pdf", "check-in": "json", file: "pdf" }[spec.fileType];
  const payload: Record<string, unknown> = {
    uuId, key2: `${order.workOrderNumber}`, key4: spec.service ?? null, fileType: spec.fileType, fileExt: ext,
    evidenceType: spec.evidenceType ?? null, fileName: String(receivedAt.getTime()), createdBy: "vendor1",
    createdBySubUser: "jsmith", creationDate: receivedAt.toISOString().slice(0, 19).replace("T", " "),
    survey: spec.survey ? JSON.stringify(spec.survey) : null, ...spec.meta,
  };
  const stored = spec.file
    ? await storage().write(itemKey(receivedAt, uuId, ext), Readable.from([spec.file]), { maxBytes: 50 * 1024 * 1024 })
    : null;
  const text = (k: string) => (payload[k] == null ? null : String(payload[k]));
  const num = (k: string) => (payload[k] == null || payload[k] === "" ? null : Number(payload[k]));
  const row = await db().workItem.create({
    data: {
      uuId, integrationId: order.integrationId, workOrderId: spec.unmatched ? null : order.id, serviceId: spec.unmatched ? null : (service?.id ?? null),
      match: spec.unmatched ? "unmatched" : "matched",
      fileType: spec.fileType, evidenceType: text("evidenceType"), pictureId: text("pictureId"), parentUuid: text("parentUuid"),
      key2: text("key2"), key4: text("key4"), fileName: text("fileName"), fileExt: ext, notes: text("notes"),
      gpsLatitude: num("gpsLatitude"), gpsLongitude: num("gpsLongitude"), gpsAccuracy: num("gpsAccuracy"),
      authenticated: num("authenticated"), csrCertifiedTime: num("csrCertifiedTime"), csrCertifiedLocation: num("csrCertifiedLocation"),
      csrPictureCount: num("csrPictureCount"), locationDifference: num("locationDifference"), template: text("template"),
      surveyId: spec.survey ? String(spec.survey.meta.surveyId) : null, survey: (spec.survey ?? undefined) as Prisma.InputJsonValue | undefined,
      checkIn: (spec.checkIn ?? undefined) as Prisma.InputJsonValue | undefined, videoUri: text("videoUri"),
      createdBy: text("createdBy"), createdBySubUser: text("createdBySubUser"), creationDate: text("creationDate"),
      batchId: text("batchId"), payload: payload as Prisma.InputJsonValue, receivedAt,
      storagePath: stored?.key ?? null, fileSize: stored?.size ?? null, sha256: stored?.sha256 ?? null,
      contentType: stored ? (spec.contentType ?? contentTypeOf(ext)) : null,
    },
  });
  if (row.surveyId) {
    // A republished survey replaces the earlier submissions for display.
    await db().workItem.updateMany({
      where: { surveyId: row.surveyId, id: { not: row.id }, receivedAt: { lt: receivedAt }, supersededAt: null },
      data: { supersededAt: receivedAt },
    });
  }
  return row;
}

const itemKey = (at: Date, uuId: string, ext: string) =>
  `items/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${uuId}.${ext}`;

const contentTypeOf = (ext: string) =>
  ({ jpg: "image/jpeg", pdf: "application/pdf", json: "application/json" })[ext] ?? "application/octet-stream";

const LAWN = "Lawn Maintenance";
const EXTERIOR = "Exterior Photos";
const TEMPLATE = "vendor1::Simple-v1";

/** What a crew sends for one order: photos in both services, a survey published twice, a check-in, a CSR, a video. */
export async function loadGalleryFixture(number: string) {
  const existing = await db().workOrder.findUnique({ where: { workOrderNumber: number }, select: { id: true } });
  if (existing) return { orderId: existing.id, created: false };
  const order = await createOrder(number, [{ serviceName: LAWN, survey: TEMPLATE }, { serviceName: EXTERIOR }]);
  const t0 = Date.UTC(2026, 2, 3, 15, 0, 0);
  let n = 0;
  const at = () => new Date(t0 + n++ * 61_000);
  const gps = (dLat: number, more: Record<string, string | null> = {}) => ({
    gpsLatitude: String(30.50881246 + dLat), gpsLongitude: "-97.67852886", gpsAccuracy: "10.0", authenticated: "1",
    csrCertifiedTime: "1", csrCertifiedLocation: "1", csrLocationSource: "mobile", csrPictureCount: "1", batchId: "batch-1", ...more,
  });
  const photo = async (service: string, evidenceType: string, label: string, color: string, meta: Record<string, string | null> = {}) =>
    storeItem(order, { fileType: "picture", service, evidenceType, file: await jpeg(label, color), receivedAt: at(), meta: gps(0.0001, meta) });

  await photo(LAWN, "before", "Lawn - before 1", "#0f766e", { locationDifference: "24", notes: "Front yard, overgrown" });
  await photo(LAWN, "before", "Lawn - before 2", "#115e59", { locationDifference: null });
  await photo(LAWN, "during", "Lawn - during", "#1d4ed8", { csrCertifiedLocation: null });
  await photo(LAWN, "after", "Lawn - after 1", "#15803d", { authenticated: "0" });
  await photo(LAWN, "after", "Lawn - after 2", "#166534");
  await photo(LAWN, "Gate code", "Gate code", "#7c2d12");
  const questionPhoto = await photo(LAWN, "question1", "Fence color", "#1e3a8a", { pictureId: "98761" });
  // Two videos: one sent long ago (its link has expired), one just now.
  await photo(EXTERIOR, "before", "Exterior - before", "#6b21a8", { videoUri: "https://video.example.com/v/0a9e71.mp4" });
  await storeItem(order, {
    fileType: "picture", service: EXTERIOR, evidenceType: "after", file: await jpeg("Exterior - after", "#9d174d"),
    meta: { videoUri: "https://video.example.com/v/3f1c2a.mp4", createdBySubUser: "mlopez", batchId: "batch-3" },
  });

  const survey = (answer: string) => ({
    meta: { currentQuestionIndex: 1, surveyId: "2602cfc4-e6e5-4a8a-ae31-cca90aa2f6a2", parentId: "148", surveyTemplateId: TEMPLATE },
    answers: [
      {
        id: "question1", question: "What color is the fence?", answer: [answer], answerType: "chooseOne",
        answerOptions: [{ answer: "red", display: "Red" }, { answer: "blue", display: "Blue" }],
        picIds: [questionPhoto.uuId], picFileNames: [`${questionPhoto.fileName}.jpg`],
      },
      { id: "question2", question: "Describe the lawn condition", answer: ["Cut, edged and bagged"], answerType: "text", picIds: ["not-yet-received"], picFileNames: ["1415913839999.jpg"] },
    ],
  });
  const surveyFile = (answer: string) => minimalPdf(["Survey report", `What color is the fence? ${answer}`]);
  await storeItem(order, { fileType: "survey", service: LAWN, evidenceType: "Survey", file: surveyFile("red"), survey: survey("red"), receivedAt: at(), meta: { template: TEMPLATE, ...gps(0) } });
  await storeItem(order, { fileType: "survey", service: LAWN, evidenceType: "Survey", file: surveyFile("blue"), survey: survey("blue"), receivedAt: at(), meta: { template: TEMPLATE, ...gps(0) } });

  const checkIn = { checkInTime: "2026-03-03 09:12:00", status: "on site", occupancy: "vacant", gateLocked: true };
  await storeItem(order, { fileType: "check-in", service: EXTERIOR, file: Buffer.from(JSON.stringify(checkIn)), checkIn, receivedAt: at(), meta: gps(0.0002, { locationDifference: null }) });
  await storeItem(order, {
    fileType: "csr", service: LAWN, file: await jpeg("Certified Service Record", "#334155"), receivedAt: at(),
    meta: gps(0, { authenticated: "5", csrCertifiedTime: "5", csrCertifiedLocation: "4", csrPictureCount: "6", locationDifference: "12" }),
  });
  await orderHistory(order, new Date(t0 - 86_400_000));
  return { orderId: order.id, created: true };
}

/** Status events and pushes as the status endpoint and the push worker record them (for the timeline). */
async function orderHistory(order: Order, start: Date) {
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  await db().statusEvent.createMany({
    data: [
      { workOrderId: order.id, source: "portal", actor: "admin@demo.local", toStatus: "assigned", toClientStatus: "Order Created", createdAt: at(0) },
      { workOrderId: order.id, source: "pruvan", actor: "demo", fromStatus: "assigned", toStatus: "assigned", fieldStatus: "in-process", createdAt: at(1500) },
    ],
  });
  await db().pushJob.createMany({
    data: [
      { integrationId: order.integrationId, workOrderId: order.id, state: "dead", attempts: 12, lastStatus: 503, lastError: "Service Unavailable", createdAt: at(1), updatedAt: at(90) },
      { integrationId: order.integrationId, workOrderId: order.id, state: "delivered", attempts: 1, lastStatus: 200, lastResponse: '{"created":1,"updated":0,"deleted":0}', createdAt: at(100), updatedAt: at(100), deliveredAt: at(100) },
    ],
  });
}
