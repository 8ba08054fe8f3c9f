import { randomUUID } from "node:crypto";
import { db, Prisma, type WorkItemMatch } from "@/lib/db";
import { insertWorkItem, ordersByNumber, workItemByUuId } from "@/lib/db/sql/uploads";
import { describeInvalid, uploadPicturesPayloadSchema } from "@/lib/pruvan/api-wire";
import { orderNumberCandidates } from "@/lib/pruvan/order-number";
import { storage, type StagedFile, type StoredFile } from "@/lib/storage";
import { sniffContentType, type SniffedType } from "./sniff";
import { jsonObjectOf, storedPayload, surveyIdOf, workItemColumns } from "./upload-columns";

// uploadPictures, the domain side: one item Pruvan publishes (photo, CSR, survey, check-in,
// file) is stored once, whatever the retries. The file arrives already streamed to a
// temporary name (storage().stage); it becomes visible under its key and gets its row only
// when everything checks out, and is removed otherwise. The one way items get stored: the
// endpoint and the test fixtures both come here.

export type IngestInput = {
  integration: { id: string };
  /** The uploadPictures payload as sent (credentials are dropped before storing). */
  payload: Record<string, unknown>;
  file?: StagedFile;
  /** When it arrived; tests pass a fixed clock. */
  receivedAt?: Date;
};

export type IngestResult =
  | { ok: true; duplicate: boolean; itemId: string; match: WorkItemMatch }
  | { ok: false; message: string };

const NEEDS_IMAGE = new Set(["picture", "csr"]);
const CHECK_IN_MAX_BYTES = 1024 * 1024;

export async function ingestWorkItem(input: IngestInput): Promise<IngestResult> {
  try {
    const parsed = uploadPicturesPayloadSchema.safeParse(input.payload);
    if (!parsed.success) return { ok: false, message: describeInvalid(parsed.error) };
    const columns = workItemColumns(parsed.data);
    const sniffed = input.file ? sniffContentType(input.file.head) : null; // what the file really is, decided once
    const refusal = refuseFile(columns.fileType, input.file, sniffed);
    if (refusal) return { ok: false, message: refusal };
    return await oneAtATime(parsed.data.uuId, () => store(input, parsed.data.uuId, columns, sniffed));
  } finally {
    await input.file?.discard(); // no-op once committed
  }
}

/** pruvan-api-v2: a picture or CSR is a jpg; without one, or with anything else, it is refused. */
function refuseFile(fileType: string, file: StagedFile | undefined, sniffed: SniffedType | null): string | null {
  if (!NEEDS_IMAGE.has(fileType)) return null;
  const what = fileType === "csr" ? "A CSR" : "A picture";
  if (!file || file.size === 0) return `${what} upload must include its file; none was received.`;
  if (!sniffed?.image) return `${what} upload must be a JPEG or PNG image; the file received is not one.`;
  return null;
}

async function store(input: IngestInput, uuId: string, columns: ReturnType<typeof workItemColumns>, sniffed: SniffedType | null): Promise<IngestResult> {
  const existing = await workItemByUuId(uuId);
  if (existing) return { ok: true, duplicate: true, itemId: existing.id, match: existing.match };

  const receivedAt = input.receivedAt ?? new Date();
  const target = await matchTarget(input.integration.id, columns.key2, columns.key3, columns.key4);
  const survey = jsonObjectOf(input.payload.survey);
  const stored = input.file && sniffed ? await input.file.commit(itemKey(receivedAt, uuId, sniffed.ext), { contentType: sniffed.contentType }) : null;
  try {
    const checkIn = columns.fileType === "check-in" ? await checkInOf(stored, sniffed, input.payload) : null;
    const match = target.orderId ? "matched" : "unmatched";
    const surveyId = surveyIdOf(survey);
    const item = await db().$transaction(async (tx) => {
      const row = await insertWorkItem(tx, {
        ...columns,
        uuId,
        integrationId: input.integration.id,
        workOrderId: target.orderId,
        serviceId: target.service?.id ?? null,
        match,
        surveyId,
        survey: (survey ?? undefined) as Prisma.InputJsonValue | undefined,
        checkIn: (checkIn ?? undefined) as Prisma.InputJsonValue | undefined,
        payload: storedPayload(input.payload),
        receivedAt,
        storagePath: stored?.key ?? null,
        fileSize: stored?.size ?? null,
        sha256: stored?.sha256 ?? null,
        contentType: stored && sniffed ? sniffed.contentType : null,
      });
      if (!row) return null;
      if (surveyId) {
        // A republished survey replaces the earlier submissions for display; they stay as history.
        await tx.workItem.updateMany({
          where: { surveyId, id: { not: row.id }, receivedAt: { lte: receivedAt }, supersededAt: null },
          data: { supersededAt: receivedAt },
        });
      }
      // Service.pruvanTaskId: key3 as last seen, so later uploads match the task by Pruvan's id.
      if (target.service && columns.key3 && target.service.pruvanTaskId !== columns.key3) {
        await tx.service.update({ where: { id: target.service.id }, data: { pruvanTaskId: columns.key3 } });
      }
      return row;
    });
    if (item) return { ok: true, duplicate: false, itemId: item.id, match };
    // Another process stored the same uuId first: same item and, for a plain uuId, the same key.
    const winner = await db().workItem.findUniqueOrThrow({ where: { uuId }, select: { id: true, match: true, storagePath: true } });
    if (stored && stored.key !== winner.storagePath) await storage().remove(stored.key);
    return { ok: true, duplicate: true, itemId: winner.id, match: winner.match };
  } catch (err) {
    if (stored) await storage().remove(stored.key);
    throw err;
  }
}

type Target = { orderId: string | null; service: { id: string; pruvanTaskId: string | null } | null };

/**
 * key2 is the order as Pruvan shows it ("{clientCode}::{number}" or the bare number), key3
 * Pruvan's task id, key4 the task name. Only this integration's orders can match; an item
 * that matches none is kept for the uploads inbox.
 */
async function matchTarget(integrationId: string, key2: string | null, key3: string | null, key4: string | null): Promise<Target> {
  if (!key2) return { orderId: null, service: null };
  const candidates = orderNumberCandidates(key2);
  const orders = await ordersByNumber(integrationId, candidates);
  const order = candidates.map((n) => orders.find((o) => o.workOrderNumber === n)).find(Boolean);
  if (!order) return { orderId: null, service: null };
  const service = serviceForUpload(order.services, key3, key4);
  return { orderId: order.id, service: service ? { id: service.id, pruvanTaskId: service.pruvanTaskId } : null };
}

/**
 * The order's service an upload belongs to: key3 (Pruvan's task id, as last seen), else
 * key4 (the task name) exactly, else ignoring case. Also used when staff assign an item
 * from the uploads inbox (lib/work-items/inbox.ts).
 */
export function serviceForUpload<S extends { serviceName: string; pruvanTaskId: string | null }>(services: S[], key3: string | null, key4: string | null): S | null {
  const byName = key4?.trim().toLowerCase();
  return (
    (key3 && services.find((s) => s.pruvanTaskId === key3)) ||
    (key4 && services.find((s) => s.serviceName === key4)) ||
    (byName && services.find((s) => s.serviceName.trim().toLowerCase() === byName)) ||
    null
  );
}

/** items/<yyyy>/<mm>/<uuId>.<ext>: Pruvan's uuId when it is a plain id, else one of ours. */
function itemKey(at: Date, uuId: string, ext: string): string {
  const name = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(uuId) ? uuId : randomUUID();
  return `items/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${name}.${ext}`;
}

/** A check-in's JSON: the file Pruvan sends, else a checkIn object in the payload. */
async function checkInOf(stored: StoredFile | null, sniffed: SniffedType | null, payload: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  if (stored && sniffed?.contentType === "application/json" && stored.size <= CHECK_IN_MAX_BYTES) {
    const text = stored.size <= stored.head.length ? stored.head.toString("utf8") : await readText(stored.key);
    const parsed = jsonObjectOf(text.replace(/^\uFEFF/, ""));
    if (parsed) return parsed;
  }
  return jsonObjectOf(payload.checkIn ?? payload.checkin ?? null);
}

async function readText(key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of storage().read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// Concurrent uploads of one uuId (Pruvan retries, parallel relays) run one after another,
// so the second finds the first's row instead of racing it to the file and the unique key.
const queues = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  try {
    return await run;
  } finally {
    if (queues.get(key) === tail) queues.delete(key);
  }
}
