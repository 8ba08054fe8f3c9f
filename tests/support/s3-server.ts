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

export const TEST_BUCKET = "portal-tests";
export const TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }; // s3rver's built-in account

export type S3TestServer = { endpoint: string; directory: string; close: () => Promise<void> };

export async function startS3Server(): Promise<S3TestServer> {
  const directory = mkdtempSync(path.join(tmpdir(), "s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true, configureBuckets: [{ name: TEST_BUCKET }], serviceEndpoint: "localhost" });
  server.middleware.unshift(async (ctx, next) => {
    const [, bucket, key] = /^\/([^/]+)\/?(.*)$/.exec(ctx.path) ?? [];
    const uploads = path.join(directory, bucket ?? "", "._S3rver_uploads");
    if (ctx.method === "GET" && bucket && !key && "uploads" in ctx.query) {
      ctx.type = "application/xml";
      ctx.body = await listUploads(bucket, uploads, ctx.query.prefix ?? "");
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
