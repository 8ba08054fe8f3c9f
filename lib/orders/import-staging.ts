import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { config } from "@/lib/config";
import { DomainError } from "@/lib/errors";
import { importFormatSchema, type ImportFormat } from "./import";

// The Orders page imports in two steps: a dry run of the uploaded file, then "apply". The
// file waits on disk between the two, under a random name known only to the person who
// uploaded it, so the apply runs exactly what was previewed without a second upload.
// A staged file is dropped once applied, and any left behind after a day.

const STAGED_FOR_MS = 24 * 3600_000;

export const stagedImportIdSchema = z.string().regex(/^[a-f0-9]{32}$/, "is not a staged import");

const metaSchema = z.object({
  userId: z.string(),
  integrationId: z.string(),
  format: importFormatSchema,
  fileName: z.string(),
  stagedAt: z.string(),
});
export type StagedImport = z.infer<typeof metaSchema> & { id: string };

const folder = () => path.join(config().dataDir, "imports");
const files = (id: string) => ({ content: path.join(folder(), `${id}.data`), meta: path.join(folder(), `${id}.json`) });

export async function stageImport(file: {
  content: Buffer;
  fileName: string;
  format: ImportFormat;
  integrationId: string;
  userId: string;
}): Promise<StagedImport> {
  await mkdir(folder(), { recursive: true });
  await dropStale();
  const id = randomBytes(16).toString("hex");
  const meta = {
    userId: file.userId,
    integrationId: file.integrationId,
    format: file.format,
    fileName: file.fileName,
    stagedAt: new Date().toISOString(),
  };
  const { content, meta: metaPath } = files(id);
  await writeFile(content, file.content, { mode: 0o600 });
  await writeFile(metaPath, JSON.stringify(meta), { mode: 0o600 });
  return { id, ...meta };
}

/** The staged file, for the user who staged it only. */
export async function loadStagedImport(id: string, userId: string): Promise<StagedImport & { content: Buffer }> {
  const gone = new DomainError("This preview has expired or was already applied. Upload the file again.");
  if (!stagedImportIdSchema.safeParse(id).success) throw gone;
  const { content, meta } = files(id);
  const parsed = metaSchema.safeParse(JSON.parse(await readFile(/*turbopackIgnore: true*/ meta, "utf8").catch(() => "null")));
  if (!parsed.success || parsed.data.userId !== userId) throw gone;
  const data = await readFile(/*turbopackIgnore: true*/ content).catch(() => null);
  if (!data) throw gone;
  return { id, ...parsed.data, content: data };
}

export async function dropStagedImport(id: string): Promise<void> {
  if (!stagedImportIdSchema.safeParse(id).success) return;
  const { content, meta } = files(id);
  await Promise.all([rm(content, { force: true }), rm(meta, { force: true })]);
}

async function dropStale() {
  const now = Date.now();
  for (const name of await readdir(folder()).catch(() => [])) {
    const file = path.join(folder(), name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > STAGED_FOR_MS) await rm(file, { force: true });
  }
}
