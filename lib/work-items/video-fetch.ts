import { randomBytes, randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { TransformStream, type ReadableStream as WebReadableStream } from "node:stream/web";
import { retryDelayMs } from "@/lib/backoff";
import { config, type AppConfig } from "@/lib/config";
import { db, type Tx } from "@/lib/db";
import { describeAllowedHost, isAllowedUrl } from "@/lib/http/allowed-hosts";
import { FileTooLargeError, storage, type StoredFile } from "@/lib/storage";
import { sniffVideo } from "./sniff";

// Videos arrive as a still photo plus a link (pruvan-api-v2 "uploadPictures": "To retrieve
// the video file use GET on the uri in the videoUri field. The link will expire 24hrs after
// it was sent."), so the portal fetches each video into storage soon after it arrives.
// The work is state in the database (VideoFetch: pending / fetched / failed, attempts, next
// attempt, last error), claimed by one fetcher at a time with a lease token, so several
// portal processes can all run the fetcher and none fetches a video twice. A fetch streams
// to storage, stops at VIDEO_MAX_BYTES, calls only hosts on VIDEO_ALLOWED_HOSTS (each
// redirect too), and is retried with backoff while the link lives.

type VideoSettings = AppConfig["video"];

/** pruvan-api-v2: "The link will expire 24hrs after it was sent." */
export const VIDEO_LINK_LIFETIME_MS = 24 * 3600_000;
const MAX_REDIRECTS = 3;
const MAX_PARALLEL = 2;
const BATCH = 20;

/** A failed attempt; `final` when trying again cannot help (refused host, 404, not a video, too large). */
class FetchFailure extends Error {
  constructor(
    message: string,
    readonly final: boolean,
  ) {
    super(message);
  }
}

/**
 * In the ingest's transaction: the item's video is to be fetched from this link, from now
 * (again, when a re-publish brought a new link: the earlier video stays until the new one
 * is in).
 */
export async function queueVideoFetch(tx: Tx, workItemId: string, uri: string, sentAt: Date): Promise<void> {
  const fresh = {
    uri,
    linkSentAt: sentAt,
    state: "pending" as const,
    attempts: 0,
    nextAttemptAt: sentAt,
    leaseUntil: null,
    leaseToken: null,
    lastError: null,
  };
  await tx.videoFetch.upsert({ where: { workItemId }, create: { workItemId, ...fresh }, update: fresh });
}

export type VideoFetchSummary = { fetched: number; retrying: number; failed: number; busy: number };

/** Fetches every video due now (those another process holds are left to it); for the worker and tests. */
export async function fetchDueVideos(settings: VideoSettings = config().video): Promise<VideoFetchSummary> {
  const summary: VideoFetchSummary = { fetched: 0, retrying: 0, failed: 0, busy: 0 };
  const now = new Date();
  const due = await db().videoFetch.findMany({
    where: dueWhere(now),
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const queue = due.map((d) => d.id);
  const slot = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) summary[await fetchOne(id, settings)]++;
  };
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL, queue.length) }, slot));
  return summary;
}

const dueWhere = (now: Date) => ({
  state: "pending" as const,
  nextAttemptAt: { lte: now },
  OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
});

/** A lease outlives a stalled read (VIDEO_TIMEOUT_MS) with room to spare; it is renewed while bytes flow. */
const leaseMs = (settings: VideoSettings) => Math.max(60_000, 4 * settings.timeoutMs);

async function fetchOne(id: string, settings: VideoSettings): Promise<keyof VideoFetchSummary> {
  const token = randomUUID();
  const now = new Date();
  const { count } = await db().videoFetch.updateMany({
    where: { id, ...dueWhere(now) },
    data: { leaseToken: token, leaseUntil: new Date(now.getTime() + leaseMs(settings)), attempts: { increment: 1 }, lastAttemptAt: now },
  });
  if (count !== 1) return "busy"; // another fetcher took it first
  const job = await db().videoFetch.findUniqueOrThrow({ where: { id }, include: { workItem: { select: { uuId: true, id: true } } } });
  const lease = holdLease(id, token, settings);
  try {
    const file = await download(job.uri, videoKeyBase(job.workItem), settings, lease.signal);
    return await recordFetched(job, token, file);
  } catch (err) {
    return await recordFailure(job, token, err, settings);
  } finally {
    lease.release();
  }
}

/** Renews the lease while the download runs; aborts it when the job was taken away (a re-publish reset it). */
function holdLease(id: string, token: string, settings: VideoSettings) {
  const lost = new AbortController();
  const timer = setInterval(
    () => {
      db()
        .videoFetch.updateMany({ where: { id, leaseToken: token }, data: { leaseUntil: new Date(Date.now() + leaseMs(settings)) } })
        .then(({ count }) => count === 0 && lost.abort(new FetchFailure("The video link changed while it was fetched.", false)))
        .catch(() => undefined); // a busy database: the next renewal tries again
    },
    leaseMs(settings) / 3,
  );
  timer.unref();
  return { signal: lost.signal, release: () => clearInterval(timer) };
}

type Fetched = StoredFile & { contentType: string };

/** GET the link (and its redirects, each checked against the allowed hosts) into storage. */
async function download(uri: string, keyBase: string, settings: VideoSettings, lost: AbortSignal): Promise<Fetched> {
  let url = parseLink(uri);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (!isAllowedUrl(url, settings.allowedHosts)) {
      const allowed = settings.allowedHosts.map(describeAllowedHost).join(", ") || "none";
      throw new FetchFailure(
        `The video link's host ${url.protocol === "http:" ? "http://" : ""}${url.host} is not on VIDEO_ALLOWED_HOSTS (allowed: ${allowed}).`,
        true,
      );
    }
    const idle = idleTimeout(settings.timeoutMs);
    try {
      const res = await fetch(url, {
        redirect: "manual",
        signal: AbortSignal.any([idle.signal, lost]),
        headers: { accept: "video/*, */*;q=0.5" },
      });
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      if (!res.ok || !res.body) throw statusFailure(res.status);
      if (Number(res.headers.get("content-length")) > settings.maxBytes) throw tooLarge(settings.maxBytes);
      // Web streams carry an abort through to the reader (Node's .pipe() would not, and the read would hang).
      const body = (res.body as WebReadableStream<Uint8Array>).pipeThrough(idle.touching());
      return await storeBody(Readable.fromWeb(body), keyBase, settings);
    } catch (err) {
      // An abort surfaces as whatever the stream says; the reason is the signal's.
      const aborted = [idle.signal, lost].find((s) => s.aborted);
      throw failureOf(aborted ? aborted.reason : err, settings);
    } finally {
      idle.clear();
    }
  }
  throw new FetchFailure(`The video link redirects more than ${MAX_REDIRECTS} times.`, true);
}

function parseLink(uri: string): URL {
  try {
    const url = new URL(uri);
    if (url.protocol === "https:" || url.protocol === "http:") return url;
  } catch {
    // not a URL: below
  }
  throw new FetchFailure("The video link Pruvan sent is not a web address.", true);
}

/** An abort after `ms` without a byte (not a cap on the whole download: a large video takes its time). */
function idleTimeout(ms: number) {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(new FetchFailure(`No data from the video link for ${ms / 1000} s.`, false)), ms);
  const restart = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new FetchFailure(`No data from the video link for ${ms / 1000} s.`, false)), ms);
  };
  return {
    signal: controller.signal,
    clear: () => clearTimeout(timer),
    touching: () =>
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          restart();
          controller.enqueue(chunk);
        },
      }),
  };
}

/** Streams to a temporary name, keeps it only if it is a video, under videos/<yyyy>/<mm>/<name>.<random>.<ext>. */
async function storeBody(body: Readable, keyBase: string, settings: VideoSettings): Promise<Fetched> {
  const staged = await storage().stage(body, { maxBytes: settings.maxBytes });
  try {
    const video = sniffVideo(staged.head);
    if (!video) throw new FetchFailure("The video link did not serve a video file (MP4, QuickTime or WebM).", true);
    const stored = await staged.commit(`${keyBase}.${randomBytes(6).toString("hex")}.${video.ext}`);
    return { ...stored, contentType: video.contentType };
  } finally {
    await staged.discard();
  }
}

function videoKeyBase(item: { id: string; uuId: string }, at = new Date()): string {
  const name = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/.test(item.uuId) ? item.uuId : item.id;
  return `videos/${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, "0")}/${name}`;
}

function statusFailure(status: number): FetchFailure {
  // A link that is gone, refused or wrong stays so; a server error or overload may pass.
  const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
  const hint = status === 403 || status === 404 || status === 410 ? " (the link has expired or is wrong)" : "";
  return new FetchFailure(`The video link answered HTTP ${status}${hint}.`, final);
}

const tooLarge = (max: number) => new FetchFailure(`The video is larger than VIDEO_MAX_BYTES (${Math.round(max / 1024 / 1024)} MB).`, true);

function failureOf(err: unknown, settings: VideoSettings): FetchFailure {
  if (err instanceof FetchFailure) return err;
  if (err instanceof FileTooLargeError) return tooLarge(settings.maxBytes);
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return new FetchFailure(`Network error: ${cause?.code ?? cause?.message ?? (err as Error).message}`.slice(0, 300), false);
}

type Job = { id: string; uri: string; linkSentAt: Date; attempts: number; storagePath: string | null; sha256: string | null };

/** The video is in: recorded if the job is still ours (not reset by a re-publish meanwhile). */
async function recordFetched(job: Job, token: string, file: Fetched): Promise<"fetched" | "busy"> {
  // The same bytes as the video already stored (a re-published link to the same video): kept once.
  const same = job.storagePath !== null && job.sha256 === file.sha256;
  const { count } = await db().videoFetch.updateMany({
    where: { id: job.id, leaseToken: token },
    data: {
      state: "fetched",
      storagePath: same ? job.storagePath : file.key,
      fileSize: file.size,
      sha256: file.sha256,
      contentType: file.contentType,
      fetchedAt: new Date(),
      lastError: null,
      leaseUntil: null,
      leaseToken: null,
    },
  });
  if (count !== 1 || same) await storage().remove(file.key);
  return count === 1 ? "fetched" : "busy";
}

/** An attempt failed: tried again later with backoff while the link lives and attempts remain, else failed for good. */
async function recordFailure(job: Job, token: string, err: unknown, settings: VideoSettings): Promise<"retrying" | "failed" | "busy"> {
  const failure = failureOf(err, settings);
  const next = new Date(Date.now() + retryDelayMs(job.attempts, settings.retryBaseMs));
  const exhausted = job.attempts >= settings.maxAttempts;
  const expired = next.getTime() >= job.linkSentAt.getTime() + VIDEO_LINK_LIFETIME_MS;
  const retry = !failure.final && !exhausted && !expired;
  const message =
    retry || failure.final
      ? failure.message
      : `${exhausted ? `Gave up after ${job.attempts} attempts.` : "The link expired (24 h) before the video could be fetched."} ${failure.message}`;
  const { count } = await db().videoFetch.updateMany({
    where: { id: job.id, leaseToken: token },
    data: {
      state: retry ? "pending" : "failed",
      nextAttemptAt: next,
      lastError: message.slice(0, 500),
      leaseUntil: null,
      leaseToken: null,
    },
  });
  if (count !== 1) return "busy";
  if (!retry) console.warn(JSON.stringify({ videoFetch: "failed", id: job.id, error: message.slice(0, 300) }));
  return retry ? "retrying" : "failed";
}

// --- The fetcher in the server process ------------------------------------------------------

let nudge: (() => void) | undefined;

/** A video just arrived in this process: fetch now rather than at the next poll. */
export function nudgeVideoFetcher(): void {
  nudge?.();
}

/** Polls every VIDEO_POLL_MS (and when nudged); returns the stop function. */
export function startVideoFetcher(settings: VideoSettings = config().video): () => void {
  let running = false;
  let again = false;
  const tick = async () => {
    if (running) return void (again = true);
    running = true;
    try {
      do {
        again = false;
        await fetchDueVideos(settings);
      } while (again);
    } catch (err) {
      console.error(JSON.stringify({ videoFetch: "poll failed", error: (err as Error).message.slice(0, 300) }));
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), settings.pollMs);
  timer.unref();
  nudge = () => void tick();
  void tick();
  return () => {
    clearInterval(timer);
    nudge = undefined;
  };
}
