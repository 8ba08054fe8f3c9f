import { randomBytes, randomUUID } from "node:crypto";
import { db, Prisma, type Tx, type WorkItemMatch } from "@/lib/db";
import { insertWorkItem, ordersByNumber, workItemByUuId, type CurrentWorkItem, type NewWorkItem } from "@/lib/db/sql/uploads";
import { describeInvalid, uploadPicturesPayloadSchema } from "@/lib/pruvan/api-wire";
import { toAscii } from "@/lib/pruvan/ascii";
import { orderNumberCandidates } from "@/lib/pruvan/order-number";
import { KeyTakenError, storage, type StagedFile, type StoredFile } from "@/lib/storage";
import type { InboxReason } from "./inbox";
import { sniffContentType, type SniffedType } from "./sniff";
import { jsonObjectOf, storedPayload, surveyIdOf, workItemColumns } from "./upload-columns";
import { changedFields } from "./versions";
import { nudgeVideoFetcher, queueVideoFetch } from "./video-fetch";

// uploadPictures, the domain side: one item Pruvan publishes (photo, CSR, survey, check-in,
// file) is stored once, whatever the retries. The file arrives already streamed to a
// temporary name (storage().stage); it becomes visible under its key and gets its row only
// when everything checks out, and is removed otherwise. The same uuId again with another
// file or other metadata is a re-publish: the row takes the new version and the one it
// replaces is kept in its history (lib/work-items/versions.ts tells the two apart). The one
// way items get stored: the endpoint and the test fixtures both come here.

export type IngestInput = {
  integration: { id: string };
  /** The uploadPictures payload as sent (credentials are dropped before storing). */
  payload: Record<string, unknown>;
  file?: StagedFile;
  /** When it arrived; tests pass a fixed clock. */
  receivedAt?: Date;
};

/** stored: a new item; republished: a new version of a stored one; duplicate: a retry, nothing changed. */
export type StoredOutcome = "stored" | "republished" | "duplicate";

export type IngestResult =
  { ok: true; outcome: StoredOutcome; itemId: string; version: number; match: WorkItemMatch } | { ok: false; message: string };

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

type Columns = ReturnType<typeof workItemColumns>;
type Placement = { workOrderId: string | null; serviceId: string | null; match: WorkItemMatch; inboxReason: string | null };

// A process that loses a race for one uuId (another process stored or replaced it between
// our read and our write) reads again and decides again; more than a few in a row means
// something is wrong, not busy.
const MAX_RACES = 5;

async function store(input: IngestInput, uuId: string, columns: Columns, sniffed: SniffedType | null): Promise<IngestResult> {
  const incoming = { payload: storedPayload(input.payload), sha256: input.file && sniffed ? input.file.sha256 : null };
  let committed: StoredFile | null = null; // our file, once moved under its key
  let kept = false;
  let current: CurrentWorkItem | null = null;
  try {
    for (let race = 0; race < MAX_RACES; race++) {
      current = await workItemByUuId(uuId);
      if (current && current.integrationId !== input.integration.id) {
        // uuIds are Pruvan's; another account's item is never replaced from this one.
        return { ok: false, message: "An item with this uuId was already published by another Pruvan account; it is not replaced." };
      }
      const changes = current ? changedFields({ payload: current.payload, sha256: current.sha256 }, incoming) : null;
      if (current && changes!.length === 0) return stored(current, "duplicate", current.match); // a retry: nothing to do

      const receivedAt = input.receivedAt ?? new Date();
      const target = await matchTarget(input.integration.id, columns.key2, columns.key3, columns.key4);
      const place = placement(current, target);
      const sameFile = fileOfCurrent(current, input.file);
      committed ??= input.file && sniffed && !sameFile ? await commitFile(input.file, receivedAt, uuId, sniffed, current !== null) : null;
      const file = sameFile ?? committed;
      const row: NewRow = {
        ...columns,
        uuId,
        integrationId: input.integration.id,
        ...place,
        ...surveyColumns(input.payload),
        checkIn: columns.fileType === "check-in" ? await checkInOf(file, sniffed, input.payload) : null,
        payload: incoming.payload,
        receivedAt,
        ...fileColumns(file, sniffed),
      };
      const written = await db().$transaction(async (tx) => {
        const id = current ? await replaceVersion(tx, current, changes!, row) : (await insertWorkItem(tx, jsonColumns(row, undefined)))?.id;
        if (!id) return null; // lost the race: read again
        await afterWrite(tx, id, row, target, changes);
        return id;
      });
      if (!written) continue;
      kept = file === committed;
      if (row.videoUri) nudgeVideoFetcher();
      return stored({ id: written, version: (current?.version ?? 0) + 1 }, current ? "republished" : "stored", place.match);
    }
    throw new Error(`uuId ${uuId.slice(0, 80)}: still racing with other writers after ${MAX_RACES} tries`);
  } finally {
    // Our file is removed unless the row took it (or it is the very file the stored item has: same key, same bytes).
    if (committed && !kept && committed.key !== current?.storagePath) await storage().remove(committed.key);
  }
}

/** Where a version goes: by its metadata, unless staff placed the item (assigned it from the inbox, or discarded it). */
function placement(current: CurrentWorkItem | null, target: Target): Placement {
  if (current?.placedByStaff)
    return { workOrderId: current.workOrderId, serviceId: current.serviceId, match: current.match, inboxReason: current.inboxReason };
  return {
    workOrderId: target.orderId,
    serviceId: target.service?.id ?? null,
    match: target.orderId ? "matched" : "unmatched",
    inboxReason: target.inboxReason,
  };
}

/** The current version's file when the upload has the same bytes: shared with it, not stored twice. */
function fileOfCurrent(current: CurrentWorkItem | null, file: StagedFile | undefined): StoredFile | null {
  if (!file || !current?.storagePath || current.sha256 !== file.sha256) return null;
  return { key: current.storagePath, size: file.size, sha256: file.sha256, head: file.head };
}

function fileColumns(file: StoredFile | null, sniffed: SniffedType | null) {
  return {
    storagePath: file?.key ?? null,
    fileSize: file?.size ?? null,
    sha256: file?.sha256 ?? null,
    contentType: file && sniffed ? sniffed.contentType : null,
  };
}

function stored(item: { id: string; version: number }, outcome: StoredOutcome, match: WorkItemMatch): IngestResult {
  return { ok: true, outcome, itemId: item.id, version: item.version, match };
}

/** A version's columns; the Json ones as plain values until written. */
type NewRow = Omit<NewWorkItem, "survey" | "checkIn" | "attributes" | "payload" | "receivedAt"> & {
  survey: Record<string, unknown> | null;
  checkIn: Record<string, unknown> | null;
  attributes: Record<string, string> | undefined;
  payload: Record<string, unknown>;
  receivedAt: Date;
};

/** Json columns as Prisma takes them: absent values as `empty` (undefined to leave out, DbNull to clear). */
function jsonColumns<E>(row: NewRow, empty: E) {
  const json = (v: object | null | undefined) => (v ? (v as Prisma.InputJsonValue) : empty);
  return {
    ...row,
    payload: row.payload as Prisma.InputJsonValue,
    survey: json(row.survey),
    checkIn: json(row.checkIn),
    attributes: json(row.attributes),
  };
}

/**
 * A re-publish: the current version goes to the item's history and the row takes the new
 * one, only if nobody replaced it since it was read (version check); null otherwise.
 */
async function replaceVersion(tx: Tx, current: CurrentWorkItem, changes: string[], row: NewRow): Promise<string | null> {
  const { count } = await tx.workItem.updateMany({
    where: { id: current.id, version: current.version },
    data: { ...jsonColumns(row, Prisma.DbNull), version: current.version + 1, supersededAt: null, fileMissingAt: null },
  });
  if (count !== 1) return null;
  // A new video link: the video fetched from the old one stays with the version it belongs to.
  const video = changes.includes("videoUri")
    ? await tx.videoFetch.findUnique({ where: { workItemId: current.id }, select: { storagePath: true } })
    : null;
  await tx.workItemVersion.create({
    data: {
      workItemId: current.id,
      version: current.version,
      payload: current.payload as Prisma.InputJsonValue,
      storagePath: current.storagePath,
      fileSize: current.fileSize,
      sha256: current.sha256,
      contentType: current.contentType,
      receivedAt: current.receivedAt,
      replacedAt: row.receivedAt,
      changes,
      videoPath: video?.storagePath ?? null,
    },
  });
  return current.id;
}

/** What follows every stored version, in its transaction: survey superseding, the task's Pruvan id, the video's fetch. */
async function afterWrite(tx: Tx, id: string, row: NewRow, target: Target, changes: string[] | null) {
  // A new video, or a re-publish with a new link (the old one dies after 24 h): fetched (again).
  if (row.videoUri && (!changes || changes.includes("videoUri"))) await queueVideoFetch(tx, id, row.videoUri, row.receivedAt);
  if (row.surveyId) {
    // A republished survey replaces the earlier submissions for display; they stay as history.
    await tx.workItem.updateMany({
      // Scoped to the integration that sent it: a surveyId is Pruvan's text, and another
      // account's survey must never hide this one's.
      where: {
        surveyId: row.surveyId,
        integrationId: row.integrationId,
        id: { not: id },
        receivedAt: { lte: row.receivedAt },
        supersededAt: null,
      },
      data: { supersededAt: row.receivedAt },
    });
  }
  // Service.pruvanTaskId: key3 as last seen, so later uploads match the task by Pruvan's id.
  if (target.service && row.key3 && target.service.pruvanTaskId !== row.key3 && row.serviceId === target.service.id) {
    await tx.service.update({ where: { id: target.service.id }, data: { pruvanTaskId: row.key3 } });
  }
}

function surveyColumns(payload: Record<string, unknown>) {
  const survey = jsonObjectOf(payload.survey);
  return { survey, surveyId: surveyIdOf(survey) };
}

type Target = { orderId: string | null; service: { id: string; pruvanTaskId: string | null } | null; inboxReason: InboxReason | null };

/**
 * key2 is the order as Pruvan shows it ("{clientCode}::{number}" or the bare number), key3
 * Pruvan's task id, key4 the task name. Only this integration's orders can match; an item
 * that matches none is kept for the uploads inbox. Neither does an order deleted here:
 * Pruvan relays what was queued for it (remote-fields-and-statuses: "Deleted orders that
 * have queued data published will be recreated with a different Key1 field. Remote systems
 * must discard unwanted queued data received"), so it waits in the inbox, marked as such,
 * for staff to discard or assign elsewhere.
 */
async function matchTarget(integrationId: string, key2: string | null, key3: string | null, key4: string | null): Promise<Target> {
  const none = { orderId: null, service: null, inboxReason: null };
  if (!key2) return none;
  const candidates = orderNumberCandidates(key2);
  const orders = await ordersByNumber(integrationId, candidates);
  const named = candidates.flatMap((n) => orders.filter((o) => o.workOrderNumber === n));
  const order = named.find((o) => !o.deleted);
  if (!order) return named.length ? { ...none, inboxReason: "order-deleted" } : none;
  const service = serviceForUpload(order.services, key3, key4);
  return { orderId: order.id, service: service ? { id: service.id, pruvanTaskId: service.pruvanTaskId } : null, inboxReason: null };
}

/**
 * The order's service an upload belongs to: key3 (Pruvan's task id, as last seen), else
 * key4 (the task name) exactly, else ignoring case, both as the name went over the wire:
 * ASCII-folded ("Tâche" reaches Pruvan as "Tache", pruvan-api-v2 "General"). Also used when
 * staff assign an item from the uploads inbox (lib/work-items/inbox.ts).
 */
export function serviceForUpload<S extends { serviceName: string; pruvanTaskId: string | null }>(
  services: S[],
  key3: string | null,
  key4: string | null,
): S | null {
  const byName = key4 && toAscii(key4).trim().toLowerCase();
  return (
    (key3 && services.find((s) => s.pruvanTaskId === key3)) ||
    (key4 && services.find((s) => s.serviceName === key4)) ||
    (key4 && services.find((s) => toAscii(s.serviceName) === key4)) ||
    (byName && services.find((s) => toAscii(s.serviceName).trim().toLowerCase() === byName)) ||
    null
  );
}

/**
 * Moves the upload under items/<yyyy>/<mm>/<uuId>.<ext> (Pruvan's uuId when it is a plain
 * id, else one of ours). A re-published version's file gets a name of its own beside it
 * (<uuId>.<random>.<ext>), as does a first one whose plain name is taken (a crash's
 * leftover, or another process storing the same uuId this moment): never is a file a row
 * may point at replaced.
 */
async function commitFile(file: StagedFile, at: Date, uuId: string, type: SniffedType, republished: boolean): Promise<StoredFile> {
  const name = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(uuId) ? uuId : randomUUID();
  const folder = `items/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}`;
  if (!republished) {
    try {
      return await file.commit(`${folder}/${name}.${type.ext}`, { contentType: type.contentType, exclusive: true });
    } catch (err) {
      if (!(err instanceof KeyTakenError)) throw err;
    }
  }
  return file.commit(`${folder}/${name}.${randomBytes(6).toString("hex")}.${type.ext}`, { contentType: type.contentType });
}

/** A check-in's JSON: the file Pruvan sends, else a checkIn object in the payload. */
async function checkInOf(
  stored: StoredFile | null,
  sniffed: SniffedType | null,
  payload: Record<string, unknown>,
): Promise<Record<string, unknown> | null> {
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
