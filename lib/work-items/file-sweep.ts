import path from "node:path";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { runExclusive } from "@/lib/server/leases";
import { storage } from "@/lib/storage";
import { thumbName } from "./thumbnails";
import { versionSuffix } from "./versions";

// Stored files and work-item rows kept in step after crashes. An upload streams to a
// temporary file, is renamed under its key, then gets its row; a crash between those
// steps leaves a temporary file or a file no row references, never a row without its
// file. So, at start and then periodically:
// - the sweep removes temporary leftovers and unreferenced originals and thumbnails, once
//   older than the grace period (a live upload holds its file unreferenced for a moment);
// - the check flags rows whose file is missing anyway (a disk restored from an old
//   backup, a file deleted by hand) with fileMissingAt, and logs them.

const BATCH = 500;
const CHECK_PARALLEL = 16;

export type SweepResult = { temporary: number; originals: number; thumbnails: number; videos: number };

export async function sweepStoredFiles(graceMs = config().storageSweep.graceMs, now = Date.now()): Promise<SweepResult> {
  const cutoff = now - graceMs;
  const temporary = await storage().sweepTemporary(graceMs);
  // An original is kept while an item's current version or one of its earlier versions names it.
  const originals = await sweepPrefix("items", cutoff, async (keys) => {
    const [current, earlier] = await Promise.all([
      db().workItem.findMany({ where: { storagePath: { in: keys } }, select: { storagePath: true } }),
      db().workItemVersion.findMany({ where: { storagePath: { in: keys } }, select: { storagePath: true } }),
    ]);
    return new Set([...current, ...earlier].map((r) => r.storagePath!));
  });
  // videos/<yyyy>/<mm>/<name>.<random>.<ext> (lib/work-items/video-fetch): the current video, and those earlier versions keep.
  const videos = await sweepPrefix("videos", cutoff, async (keys) => {
    const [current, earlier] = await Promise.all([
      db().videoFetch.findMany({ where: { storagePath: { in: keys } }, select: { storagePath: true } }),
      db().workItemVersion.findMany({ where: { videoPath: { in: keys } }, select: { videoPath: true } }),
    ]);
    return new Set([...current.map((r) => r.storagePath!), ...earlier.map((r) => r.videoPath!)]);
  });
  // thumbs/<uuId or id>[.v<version>].jpg and thumbs/large/<...>.jpg (lib/work-items/thumbnails):
  // kept while their item has a file and is at that version.
  const thumbnails = await sweepPrefix("thumbs", cutoff, async (keys) => {
    const named = keys.map((key) => ({ key, ...thumbOwner(key) }));
    const names = [...new Set(named.map((n) => n.name))];
    const rows = await db().workItem.findMany({
      where: { storagePath: { not: null }, OR: [{ uuId: { in: names } }, { id: { in: names } }] },
      select: { id: true, uuId: true, version: true },
    });
    const current = new Set(rows.map((r) => `${thumbName(r)}${versionSuffix(r.version)}`));
    return new Set(named.filter((n) => current.has(n.stem)).map((n) => n.key));
  });
  return { temporary, originals, thumbnails, videos };
}

/** "thumbs/large/<name>.v2.jpg" -> the item's name and the whole stem ("<name>.v2"). */
function thumbOwner(key: string): { name: string; stem: string } {
  const stem = path.posix.basename(key, ".jpg");
  return { name: stem.replace(/\.v\d+$/, ""), stem };
}

/** Removes the files under `prefix` older than `cutoff` that `referenced` does not return. */
async function sweepPrefix(prefix: string, cutoff: number, referenced: (keys: string[]) => Promise<Set<string>>): Promise<number> {
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    const keep = await referenced(batch);
    for (const key of batch) {
      if (keep.has(key)) continue;
      await storage().remove(key);
      removed++;
    }
    batch = [];
  };
  for await (const file of storage().list(prefix)) {
    if (file.modifiedAt.getTime() >= cutoff) continue;
    batch.push(file.key);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length) await flush();
  return removed;
}

export type MissingFilesResult = { checked: number; missing: number; flagged: number; cleared: number };

/** Flags items whose stored file is missing (fileMissingAt) and clears the flag of those found again. */
export async function checkStoredFiles(now = new Date()): Promise<MissingFilesResult> {
  const result: MissingFilesResult = { checked: 0, missing: 0, flagged: 0, cleared: 0 };
  const examples: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const rows = await db().workItem.findMany({
      where: { storagePath: { not: null }, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, uuId: true, storagePath: true, fileMissingAt: true },
    });
    if (rows.length === 0) break;
    cursor = rows.at(-1)!.id;
    const flag: string[] = [];
    const clear: string[] = [];
    const found = await presence(rows.map((r) => r.storagePath!));
    for (const [i, row] of rows.entries()) {
      const present = found[i]!;
      result.checked++;
      if (!present) {
        result.missing++;
        if (examples.length < 5) examples.push(`${row.uuId} (${row.storagePath})`);
      }
      if (!present && !row.fileMissingAt) flag.push(row.id);
      if (present && row.fileMissingAt) clear.push(row.id);
    }
    if (flag.length)
      result.flagged += (await db().workItem.updateMany({ where: { id: { in: flag } }, data: { fileMissingAt: now } })).count;
    if (clear.length)
      result.cleared += (await db().workItem.updateMany({ where: { id: { in: clear } }, data: { fileMissingAt: null } })).count;
  }
  if (result.missing > 0) console.warn(JSON.stringify({ storage: "stored files missing", ...result, examples }));
  return result;
}

/** Whether each key is stored, CHECK_PARALLEL at a time: a bucket answers each over the network. */
async function presence(keys: string[]): Promise<boolean[]> {
  const found = new Array<boolean>(keys.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < keys.length; i = next++) found[i] = await storage().exists(keys[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(CHECK_PARALLEL, keys.length) }, worker));
  return found;
}

/** The lease that keeps the sweep and the check on one instance at a time (lib/server/leases). */
export const STORAGE_SWEEP_LEASE = "storage-sweep";
const SWEEP_LEASE_MS = 30_000;

/**
 * The check and the sweep now, then the sweep every intervalMs; returns the stop function.
 * Several instances on one database take turns (the lease): one that finds another
 * sweeping tries again once the lease could have run out.
 */
export function startStorageSweep(): () => void {
  let running: Promise<unknown> | undefined;
  let retry: NodeJS.Timeout | undefined;
  const run = (withCheck: boolean) => {
    running ??= runExclusive(STORAGE_SWEEP_LEASE, SWEEP_LEASE_MS, async () => {
      if (withCheck) await checkStoredFiles();
      const swept = await sweepStoredFiles();
      console.log(JSON.stringify({ storage: "swept", ...swept }));
    })
      .then((ran) => {
        if (!ran) retry = setTimeout(() => run(withCheck), SWEEP_LEASE_MS).unref();
      })
      .catch((err: unknown) => console.error(JSON.stringify({ storage: "sweep failed", error: (err as Error).message.slice(0, 300) })))
      .finally(() => (running = undefined));
  };
  run(true);
  const timer = setInterval(() => run(false), config().storageSweep.intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(retry);
  };
}
