import archiver from "archiver";
import { once } from "node:events";
import type { Readable } from "node:stream";
import { db } from "@/lib/db";
import { storage } from "@/lib/storage";
import { safeSegment } from "@/lib/http/download-names";
import { itemFileName } from "./file-names";

// "Download all": every file of an order in one ZIP, streamed from storage as it is read
// (nothing is built in memory or in a temp file). Layout:
//   <order number>/<service>/<evidence type>/<photo>.jpg
//   <order number>/<service>/CSR|Surveys|Check-ins|Files/<file>
// A survey's answers ride along as JSON next to its PDF; a check-in sent without a file
// is written from its stored JSON.

const FOLDERS: Record<string, string> = { csr: "CSR", survey: "Surveys", "check-in": "Check-ins", file: "Files" };

type ArchiveItem = {
  uuId: string;
  fileType: string;
  evidenceType: string | null;
  fileName: string | null;
  contentType: string | null;
  storagePath: string | null;
  survey: unknown;
  checkIn: unknown;
  key4: string | null;
  receivedAt: Date;
  service: { serviceName: string } | null;
};

export type ArchiveEntry = { name: string; date: Date } & ({ key: string } | { text: string });

/** The ZIP's entries for an order's items, with unique names. Pure. */
export function planArchive(orderNumber: string, items: readonly ArchiveItem[]): ArchiveEntry[] {
  const root = safeSegment(orderNumber, "order");
  const used = new Set<string>();
  const unique = (path: string) => {
    const dot = path.lastIndexOf(".");
    let candidate = path;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${path.slice(0, dot)}-${n}${path.slice(dot)}`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
  const entries: ArchiveEntry[] = [];
  for (const item of items) {
    const service = safeSegment(item.service?.serviceName ?? item.key4, "No service");
    const folder = FOLDERS[item.fileType] ?? safeSegment(item.evidenceType, "No evidence type");
    const base = `${root}/${service}/${folder}/`;
    const date = item.receivedAt;
    if (item.storagePath) entries.push({ name: unique(base + itemFileName(item)), key: item.storagePath, date });
    const sidecar = item.fileType === "survey" ? item.survey : item.fileType === "check-in" && !item.storagePath ? item.checkIn : null;
    if (sidecar !== null && sidecar !== undefined) {
      const name = itemFileName({ ...item, contentType: "application/json" });
      entries.push({ name: unique(base + name), text: JSON.stringify(sidecar, null, 2) + "\n", date });
    }
  }
  return entries;
}

/** The order's ZIP as a stream, or null when there is no such order. */
export async function orderArchive(orderId: string): Promise<{ fileName: string; stream: Readable } | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(orderId)) return null;
  const order = await db().workOrder.findUnique({ where: { id: orderId }, select: { workOrderNumber: true } });
  if (!order) return null;
  const items = await db().workItem.findMany({
    where: { workOrderId: orderId, match: "matched" },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    select: {
      uuId: true,
      fileType: true,
      evidenceType: true,
      fileName: true,
      contentType: true,
      storagePath: true,
      survey: true,
      checkIn: true,
      key4: true,
      receivedAt: true,
      service: { select: { serviceName: true } },
    },
  });
  const entries = planArchive(order.workOrderNumber, items);
  const archive = archiver("zip", { store: true }); // photos and PDFs are compressed already
  archive.on("warning", (err) => console.warn(JSON.stringify({ zip: "warning", order: orderId, error: err.message })));
  void addEntries(archive, entries, safeSegment(order.workOrderNumber, "order")).catch((err: Error) => archive.destroy(err));
  return { fileName: `${order.workOrderNumber}-work-results.zip`, stream: archive };
}

async function addEntries(archive: archiver.Archiver, entries: ArchiveEntry[], root: string) {
  const missing: string[] = [];
  const closed = new AbortController(); // the download was cut off: stop adding
  archive.once("close", () => closed.abort());
  for (const entry of entries) {
    if ("text" in entry) {
      archive.append(entry.text, { name: entry.name, date: entry.date });
    } else if (!(await storage().exists(entry.key))) {
      missing.push(entry.name);
      continue;
    } else {
      archive.append(storage().read(entry.key), { name: entry.name, date: entry.date });
    }
    // One entry at a time: archiver starts reading a stream as soon as it is appended, so
    // a big order would otherwise open thousands of files (or bucket requests) at once.
    await once(archive, "entry", { signal: closed.signal });
  }
  if (missing.length) {
    const note = `These files are recorded but were not found in storage:\n${missing.join("\n")}\n`;
    archive.append(note, { name: `${root}/MISSING-FILES.txt` });
  }
  await archive.finalize();
}
