import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { jpeg, minimalPdf } from "@/lib/pruvan/check/samples";
import { storage } from "@/lib/storage";
import { ingestWorkItem } from "@/lib/work-items/ingest";
import { startedDatabaseEnvFor } from "./database";
import { startedStorageEnvFor } from "./storage";

// Test data for the work-results views. Items go through the real uploadPictures ingest
// (lib/work-items/ingest.ts) with the payload Pruvan would send, so fixtures are stored
// exactly as the endpoint stores them; only the HTTP hop is skipped, for speed. The
// endpoint itself is exercised by tests/pruvan and by the conformance checker.

export { jpeg, minimalPdf };

/** Points db() and storage() of this process at a server's data folder, database and storage (before first use). */
export function useDataDir(dir: string) {
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  delete process.env.STORAGE_DIR;
  Object.assign(process.env, startedDatabaseEnvFor(dir), startedStorageEnvFor(dir));
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
      workOrderNumber: number,
      integrationId: integration.id,
      address1: "110 East Main Street",
      city: "Round Rock",
      state: "TX",
      zip: "78664",
      country: "USA",
      gpsLatitude: 30.50881246,
      gpsLongitude: -97.67852886,
      clientStatus: "Order Created",
      status: "assigned",
      dueDate: new Date(Date.UTC(2026, 4, 25, 12)),
      workOrderInfo: "Lock box 4412",
      instructions: "Photograph every side of the house.",
      attribute7: "LOAN-7731",
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
  meta?: Record<string, string | null>; // more uploadPictures fields, as Pruvan sends them (strings)
  survey?: { meta: Record<string, unknown>; answers: unknown[] };
  /** A check-in sent in the payload instead of as a JSON file. */
  checkIn?: Record<string, unknown>;
  uuId?: string;
  receivedAt?: Date;
  /**
   * Expect the item to land in the uploads inbox: the real ingest decides from key2 (the
   * order's workOrderNumber here), so `order` may be a stand-in; throws if it matched.
   */
  unmatched?: boolean;
};

/** Uploads one item for an order through the real ingest; returns its row. */
export async function storeItem(order: Order, spec: ItemSpec) {
  const uuId = spec.uuId ?? randomUUID();
  const receivedAt = spec.receivedAt ?? new Date();
  const ext = spec.ext ?? { picture: "jpg", csr: "jpg", survey: "pdf", "check-in": "json", file: "pdf" }[spec.fileType];
  const payload: Record<string, unknown> = {
    uuId,
    key2: `${order.workOrderNumber}`,
    key4: spec.service ?? null,
    fileType: spec.fileType,
    fileExt: ext,
    evidenceType: spec.evidenceType ?? null,
    fileName: String(receivedAt.getTime()),
    createdBy: "vendor1",
    createdBySubUser: "jsmith",
    creationDate: receivedAt.toISOString().slice(0, 19).replace("T", " "),
    survey: spec.survey ? JSON.stringify(spec.survey) : null,
    ...(spec.checkIn ? { checkIn: spec.checkIn } : {}),
    ...spec.meta,
  };
  const file = spec.file ? await storage().stage(Readable.from([spec.file]), { maxBytes: 50 * 1024 * 1024 }) : undefined;
  const result = await ingestWorkItem({ integration: { id: order.integrationId }, payload, file, receivedAt });
  if (!result.ok) throw new Error(`fixture upload refused: ${result.message}`);
  if (spec.unmatched && result.match !== "unmatched")
    throw new Error(`fixture upload for the inbox matched an order: key2 ${String(payload.key2)}`);
  return db().workItem.findUniqueOrThrow({ where: { id: result.itemId } });
}

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
    gpsLatitude: String(30.50881246 + dLat),
    gpsLongitude: "-97.67852886",
    gpsAccuracy: "10.0",
    authenticated: "1",
    csrCertifiedTime: "1",
    csrCertifiedLocation: "1",
    csrLocationSource: "mobile",
    csrPictureCount: "1",
    batchId: "batch-1",
    ...more,
  });
  const photo = async (service: string, evidenceType: string, label: string, color: string, meta: Record<string, string | null> = {}) =>
    storeItem(order, {
      fileType: "picture",
      service,
      evidenceType,
      file: await jpeg(label, color),
      receivedAt: at(),
      meta: gps(0.0001, meta),
    });

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
    fileType: "picture",
    service: EXTERIOR,
    evidenceType: "after",
    file: await jpeg("Exterior - after", "#9d174d"),
    meta: { videoUri: "https://video.example.com/v/3f1c2a.mp4", createdBySubUser: "mlopez", batchId: "batch-3" },
  });

  const survey = (answer: string) => ({
    meta: { currentQuestionIndex: 1, surveyId: "2602cfc4-e6e5-4a8a-ae31-cca90aa2f6a2", parentId: "148", surveyTemplateId: TEMPLATE },
    answers: [
      {
        id: "question1",
        question: "What color is the fence?",
        answer: [answer],
        answerType: "chooseOne",
        answerOptions: [
          { answer: "red", display: "Red" },
          { answer: "blue", display: "Blue" },
        ],
        picIds: [questionPhoto.uuId],
        picFileNames: [`${questionPhoto.fileName}.jpg`],
      },
      {
        id: "question2",
        question: "Describe the lawn condition",
        answer: ["Cut, edged and bagged"],
        answerType: "text",
        picIds: ["not-yet-received"],
        picFileNames: ["1415913839999.jpg"],
      },
    ],
  });
  const surveyFile = (answer: string) => minimalPdf(["Survey report", `What color is the fence? ${answer}`]);
  await storeItem(order, {
    fileType: "survey",
    service: LAWN,
    evidenceType: "Survey",
    file: surveyFile("red"),
    survey: survey("red"),
    receivedAt: at(),
    meta: { template: TEMPLATE, ...gps(0) },
  });
  await storeItem(order, {
    fileType: "survey",
    service: LAWN,
    evidenceType: "Survey",
    file: surveyFile("blue"),
    survey: survey("blue"),
    receivedAt: at(),
    meta: { template: TEMPLATE, ...gps(0) },
  });

  const checkIn = { checkInTime: "2026-03-03 09:12:00", status: "on site", occupancy: "vacant", gateLocked: true };
  await storeItem(order, {
    fileType: "check-in",
    service: EXTERIOR,
    file: Buffer.from(JSON.stringify(checkIn)),
    receivedAt: at(),
    meta: gps(0.0002, { locationDifference: null }),
  });
  await storeItem(order, {
    fileType: "csr",
    service: LAWN,
    file: await jpeg("Certified Service Record", "#334155"),
    receivedAt: at(),
    meta: gps(0, { authenticated: "5", csrCertifiedTime: "5", csrCertifiedLocation: "4", csrPictureCount: "6", locationDifference: "12" }),
  });
  await orderHistory(order, new Date(t0 - 86_400_000));
  return { orderId: order.id, created: true };
}

/** An order with one video still per link (each with its videoUri); the server's fetcher takes it from there. */
export async function loadVideoFixture(number: string, links: string[]) {
  const order = await createOrder(number, [{ serviceName: EXTERIOR }]);
  const items = [];
  for (const [n, videoUri] of links.entries()) {
    const still = await jpeg(`Video ${n + 1}`, "#6b21a8");
    items.push(
      await storeItem(order, {
        fileType: "picture",
        service: EXTERIOR,
        evidenceType: "after",
        file: still,
        meta: { videoUri, createdBySubUser: "mlopez" },
      }),
    );
  }
  return { orderId: order.id, itemIds: items.map((i) => i.id) };
}

/** Status events and pushes as the status endpoint and the push worker record them (for the timeline). */
async function orderHistory(order: Order, start: Date) {
  const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
  await db().statusEvent.createMany({
    data: [
      {
        workOrderId: order.id,
        source: "portal",
        actor: "admin@demo.local",
        toStatus: "assigned",
        toClientStatus: "Order Created",
        createdAt: at(0),
      },
      {
        workOrderId: order.id,
        source: "pruvan",
        actor: "demo",
        fromStatus: "assigned",
        toStatus: "assigned",
        fieldStatus: "in-process",
        createdAt: at(1500),
      },
    ],
  });
  await db().pushJob.createMany({
    data: [
      {
        integrationId: order.integrationId,
        workOrderId: order.id,
        state: "dead",
        attempts: 12,
        lastStatus: 503,
        lastError: "Service Unavailable",
        createdAt: at(1),
        updatedAt: at(90),
      },
      {
        integrationId: order.integrationId,
        workOrderId: order.id,
        state: "delivered",
        attempts: 1,
        lastStatus: 200,
        lastResponse: '{"created":1,"updated":0,"deleted":0}',
        createdAt: at(100),
        updatedAt: at(100),
        deliveredAt: at(100),
      },
    ],
  });
}

/** A real JPEG whose frame header claims 20000 x 20000 pixels (a decompression bomb's header). */
export function claimsHugeSize(image: Buffer): Buffer {
  const copy = Buffer.from(image);
  for (let i = 2; i < copy.length - 9; i++) {
    if (copy[i] === 0xff && copy[i + 1] !== undefined && copy[i + 1]! >= 0xc0 && copy[i + 1]! <= 0xc2) {
      copy.writeUInt16BE(20000, i + 5);
      copy.writeUInt16BE(20000, i + 7);
      return copy;
    }
  }
  throw new Error("no SOF marker");
}
