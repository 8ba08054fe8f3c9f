import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

// An S3-protocol server in this process (s3rver, from npm) for tests and benchmarks that
// run the portal on S3 storage. Objects live as files under `directory`
// (<bucket>/<key>._S3rver_object), so a test can see and age them.
//
// s3rver 3.7 lacks two calls every real service has (AWS S3, MinIO, R2) and the sweep of
// unfinished multipart uploads uses: ListMultipartUploads and AbortMultipartUpload. They are
// added here, read from s3rver's own folder of uploads (<bucket>/._S3rver_uploads/<id>/).
// It also ignores AWS S3's conditional writes (If-None-Match: * on a put or a copy, an
// exclusive commit of lib/storage), added here too: refused with 412 when the key holds an object.

export const TEST_BUCKET = "portal-tests";
export const TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }; // s3rver's built-in account

export type S3TestServer = { endpoint: string; directory: string; close: () => Promise<void> };

/** The storage variables of a portal whose files go to this server, under a prefix named after its data folder. */
export function s3StorageEnv(endpoint: string, dataDir: string): Record<string, string> {
  return {
    STORAGE_URL: `s3://${TEST_BUCKET}/${path.basename(dataDir)}`,
    S3_ENDPOINT: endpoint,
    S3_REGION: "us-east-1",
    S3_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    S3_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
  };
}

/** Where the server keeps the objects of that portal (the bucket's folder for its prefix). */
export const s3FolderOf = (directory: string, dataDir: string) => path.join(directory, TEST_BUCKET, path.basename(dataDir));

export async function startS3Server(): Promise<S3TestServer> {
  const directory = mkdtempSync(path.join(tmpdir(), "s3rver-"));
  const server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: TEST_BUCKET }],
    serviceEndpoint: "localhost",
  });
  // s3rver removes a folder once its last object is deleted, racing a concurrent put into
  // that folder (ENOENT, and the server dies): objects are deleted here without that clean-up.
  server.store.deleteObject = async (bucket, key) => {
    const object = path.join(directory, bucket, `${key}._S3rver_object`);
    await Promise.all(
      [object, `${object}.md5`, path.join(directory, bucket, `${key}._S3rver_metadata.json`)].map((f) => rm(f, { force: true })),
    );
  };
  server.middleware.unshift(async (ctx, next) => {
    const [, bucket, key] = /^\/([^/]+)\/?(.*)$/.exec(ctx.path) ?? [];
    const uploads = path.join(directory, bucket ?? "", "._S3rver_uploads");
    if (ctx.method === "GET" && bucket && !key && "uploads" in ctx.query) {
      ctx.type = "application/xml";
      ctx.body = await listUploads(bucket, uploads, ctx.query.prefix ?? "");
    } else if (ctx.method === "PUT" && bucket && key && ctx.req.headers["if-none-match"] === "*") {
      // Checked and copied one at a time per key, as S3 decides it atomically.
      await oneAtATime(`${bucket}/${key}`, async () => {
        const object = path.join(directory, bucket, `${decodeURIComponent(key)}._S3rver_object`);
        if (!(await stat(object).catch(() => null))) return next();
        ctx.status = 412;
        ctx.type = "application/xml";
        ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message></Error>`;
      });
    } else if (ctx.method === "DELETE" && bucket && key && ctx.query.uploadId) {
      await rm(path.join(uploads, path.basename(ctx.query.uploadId)), { recursive: true, force: true });
      ctx.status = 204;
    } else {
      await next();
    }
  });
  const { port } = await server.run();
  // It never keeps a process alive by itself: a test file ends when its tests do.
  server.httpServer.unref();
  server.httpServer.on("connection", (socket: Socket) => socket.unref());
  const removeFiles = () => rmSync(directory, { recursive: true, force: true });
  process.once("exit", removeFiles);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    close: async () => {
      await server.close();
      process.off("exit", removeFiles);
      removeFiles();
    },
  };
}

async function listUploads(bucket: string, folder: string, prefix: string): Promise<string> {
  const entries: string[] = [];
  for (const id of await readdir(folder).catch(() => [] as string[])) {
    const key = await readFile(path.join(folder, id, "key"), "utf8").catch(() => null);
    if (key === null || !key.startsWith(prefix)) continue;
    const initiated = (await stat(path.join(folder, id))).mtime.toISOString();
    entries.push(`<Upload><Key>${escapeXml(key)}</Key><UploadId>${id}</UploadId><Initiated>${initiated}</Initiated></Upload>`);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">` +
    `<Bucket>${escapeXml(bucket)}</Bucket><Prefix>${escapeXml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>` +
    `${entries.join("")}</ListMultipartUploadsResult>`
  );
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const keyLocks = new Map<string, Promise<unknown>>();
async function oneAtATime(key: string, work: () => Promise<unknown>): Promise<void> {
  const run = (keyLocks.get(key) ?? Promise.resolve()).then(work, work);
  const tail = run.catch(() => undefined);
  keyLocks.set(key, tail);
  try {
    await run;
  } finally {
    if (keyLocks.get(key) === tail) keyLocks.delete(key);
  }
}
