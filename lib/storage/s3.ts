import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { KeyTakenError, StorageFailure } from "./errors";
import type { ByteRange, FileStorage, StagedFile, StoredFile } from "./index";
import type { S3Settings } from "./settings";
import { Slots } from "./slots";
import { checkedKey, meter, openedOnRead, type Metered } from "./streams";

// Files in a bucket of an S3-compatible service (AWS S3, MinIO, R2), under a prefix.
// An upload streams to <prefix>/.tmp/<random>.part through lib-storage's Upload (one
// PutObject when small, else a multipart upload of PART_BYTES parts, one part in memory
// at a time, and at most UPLOAD_SLOTS uploads of the process at once), and a commit copies it to its key and deletes the temporary object: an
// object appears whole or not at all, as a rename does on disk. A crash leaves a
// temporary object or an unfinished multipart upload; sweepTemporary removes both.

const TMP = ".tmp";
/** S3's smallest part (except the last). One part per upload is held in memory. */
const PART_BYTES = 5 * 1024 * 1024;
/**
 * Uploads of the process streaming to the bucket at once; the others wait with their
 * request unread (TCP holds the bytes back, not our memory). lib-storage keeps up to ~3
 * parts per upload alive while it cuts a stream into parts (the concatenated buffer, the
 * part, the rest that still points into it): 32 parallel 20 MB uploads peaked at 687 MB
 * without a bound. Eight keep a two-core server's CPU and the network busy.
 */
const UPLOAD_SLOTS = new Slots(8);

export class S3Storage implements FileStorage {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly base: string; // "prefix/" or ""

  /** `client` adds to the settings' client configuration (tests reach a virtual-host endpoint this way). */
  constructor(settings: S3Settings, client: Partial<S3ClientConfig> = {}) {
    this.bucket = settings.bucket;
    this.base = settings.prefix ? `${settings.prefix}/` : "";
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // The SDK's default CRC checksums on every request are refused by some S3-compatible
      // services; S3 needs them only where an operation requires one.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      // A service that accepts a request and never answers must fail it, not hold an upload
      // (and the phone's request) forever: no connection in 10 s, or no answer within 2
      // minutes of the request's start (its body included), is a StorageFailure.
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000, throwOnRequestTimeout: true },
      ...client,
    });
  }

  get location(): string {
    return `s3://${this.bucket}/${this.base}`;
  }

  private objectKey(key: string): string {
    return this.base + checkedKey(key);
  }

  async write(key: string, body: Readable, opts: { maxBytes: number; contentType?: string }): Promise<StoredFile> {
    const file = await this.upload(this.objectKey(key), body, opts.maxBytes, opts.contentType); // an object is visible only once complete
    return { key, ...file };
  }

  async stage(body: Readable, { maxBytes }: { maxBytes: number }): Promise<StagedFile> {
    const tmpKey = `${this.base}${TMP}/${randomUUID()}.part`;
    const file = await this.upload(tmpKey, body, maxBytes);
    let committed: StoredFile | undefined;
    const discard = () =>
      this.attempt("delete a temporary object", () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: tmpKey })));
    return {
      ...file,
      commit: async (key, opts = {}) => {
        if (committed) return committed;
        const target = this.objectKey(key);
        const copy = new CopyObjectCommand({
          Bucket: this.bucket,
          Key: target,
          CopySource: `${this.bucket}/${tmpKey.split("/").map(encodeURIComponent).join("/")}`,
          MetadataDirective: "REPLACE",
          ContentType: opts.contentType ?? "application/octet-stream",
          // An exclusive commit: S3 refuses the copy (412; 409 while another write of the key
          // runs) when the key holds an object. A service that ignores the header replaces it.
          ...(opts.exclusive ? { IfNoneMatch: "*" } : {}),
        });
        try {
          await this.client.send(copy);
        } catch (err) {
          if (opts.exclusive && isKeyTaken(err)) throw new KeyTakenError(key);
          throw new StorageFailure(`could not copy an upload into place in s3://${this.bucket}: ${describe(err)}`, { cause: err });
        }
        committed = { key, ...file };
        await discard().catch(() => undefined); // a leftover is swept later
        return committed;
      },
      discard: async () => {
        if (!committed) await discard();
      },
    };
  }

  /** Streams body to an object, metered; no more than one part is ever in memory. */
  private async upload(objectKey: string, body: Readable, maxBytes: number, contentType = "application/octet-stream"): Promise<Metered> {
    const release = await UPLOAD_SLOTS.take();
    try {
      return await this.uploadNow(objectKey, body, maxBytes, contentType);
    } finally {
      release();
    }
  }

  private async uploadNow(objectKey: string, body: Readable, maxBytes: number, contentType: string): Promise<Metered> {
    const metered = meter(maxBytes);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: objectKey, Body: metered.stream, ContentType: contentType },
      partSize: PART_BYTES,
      queueSize: 1,
    });
    const uploading = upload.done().catch((err: unknown) => {
      const failure = new StorageFailure(`could not store ${objectKey} in s3://${this.bucket}: ${describe(err)}`, { cause: err });
      metered.stream.destroy(failure); // the body stops too, so the request is not left hanging
      throw failure;
    });
    try {
      await Promise.all([pipeline(body, metered.stream), uploading]);
    } catch (err) {
      await uploading.catch(() => undefined); // an aborted upload leaves no object; its parts are aborted by lib-storage
      throw err;
    }
    return metered.result();
  }

  read(key: string, range?: ByteRange): Readable {
    const Key = this.objectKey(key);
    return openedOnRead(async () => {
      const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
      const { Body } = await this.attempt("read an object", () =>
        this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key, Range })),
      );
      return Body as Readable;
    });
  }

  async localFile(key: string): Promise<{ path: string; release(): Promise<void> }> {
    const dir = await mkdtemp(path.join(tmpdir(), "portal-s3-"));
    const release = () => rm(dir, { recursive: true, force: true });
    const file = path.join(dir, "file");
    try {
      await pipeline(this.read(key), createWriteStream(file));
    } catch (err) {
      await release();
      throw err;
    }
    return { path: file, release };
  }

  async stat(key: string): Promise<{ size: number; modifiedAt: Date } | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return { size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw new StorageFailure(`could not look up ${key} in s3://${this.bucket}: ${describe(err)}`, { cause: err });
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async remove(key: string): Promise<void> {
    await this.attempt("delete an object", () =>
      this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) })),
    );
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    for await (const object of this.objects(`${this.objectKey(prefix)}/`)) {
      yield { key: object.key.slice(this.base.length), modifiedAt: object.modifiedAt };
    }
  }

  async *listTemporary(): AsyncIterable<{ id: string; startedAt: Date }> {
    const prefix = `${this.base}${TMP}/`;
    for await (const object of this.objects(prefix)) yield { id: object.key.slice(prefix.length), startedAt: object.modifiedAt };
    // Uploads cut off mid-stream (a killed process) leave their parts, invisible to listings and billed.
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    do {
      const list = new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: prefix, KeyMarker, UploadIdMarker });
      const page = await this.attempt("list unfinished uploads", () => this.client.send(list));
      for (const u of page.Uploads ?? []) {
        if (u.Key && u.UploadId)
          yield { id: `${u.Key.slice(prefix.length)}?uploadId=${u.UploadId}`, startedAt: u.Initiated ?? new Date(0) };
      }
      ({ NextKeyMarker: KeyMarker, NextUploadIdMarker: UploadIdMarker } = page.IsTruncated ? page : {});
    } while (KeyMarker);
  }

  async sweepTemporary(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const old: string[] = [];
    for await (const t of this.listTemporary()) if (t.startedAt.getTime() < cutoff) old.push(t.id);
    for (const id of old) {
      const [name, uploadId] = id.split("?uploadId=");
      const Key = `${this.base}${TMP}/${name}`;
      await (uploadId
        ? this.attempt("abort an unfinished upload", () =>
            this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId: uploadId })),
          )
        : this.attempt("delete a temporary object", () => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }))));
    }
    return old.length;
  }

  async probe(): Promise<void> {
    await this.attempt("reach the bucket", () => this.client.send(new HeadBucketCommand({ Bucket: this.bucket })));
  }

  private async *objects(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let ContinuationToken: string | undefined;
    do {
      const page = await this.attempt("list objects", () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken })),
      );
      for (const o of page.Contents ?? []) if (o.Key) yield { key: o.Key, modifiedAt: o.LastModified ?? new Date(0) };
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  /** One request; a failure becomes a StorageFailure saying what we were doing (never the credentials). */
  private async attempt<T>(doing: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (err) {
      throw new StorageFailure(`could not ${doing} in s3://${this.bucket}: ${describe(err)}`, { cause: err });
    }
  }
}

function isKeyTaken(err: unknown): boolean {
  const status = err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
  return status === 412 || status === 409;
}

function isNotFound(err: unknown): boolean {
  return err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === "NotFound" || err.name === "NoSuchKey");
}

function describe(err: unknown): string {
  if (err instanceof S3ServiceException) return `${err.name} (HTTP ${err.$metadata.httpStatusCode ?? "?"}): ${err.message}`.slice(0, 300);
  return (err instanceof Error ? err.message : String(err)).slice(0, 300);
}
