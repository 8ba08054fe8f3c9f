import assert from "node:assert/strict";
import { createHash, randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { db } from "@/lib/db";
import { sweepStoredFiles } from "@/lib/work-items/file-sweep";
import { resolveStreamedHtml, textOf } from "../support/html";
import { CLIP_MP4, startMediaServer, type MediaServer } from "../support/media-server";
import { connectIntegration, credsOf, post, type Creds } from "../support/pruvan";
import { eventually } from "../support/pruvan-push";
import { startServer, type RunningServer } from "../support/server";
import { signedInStaffAndAdmin, type Browserless } from "../support/session";
import { readStored, storedFiles, temporaryFiles, writeStored } from "../support/storage";
import { createOrder, jpeg, useDataDir } from "../support/work-item-fixtures";

// Videos over real HTTP: Pruvan sends a still photo with a videoUri whose link dies after
// 24 h (pruvan-api-v2 "uploadPictures"); the portal fetches the video into storage soon
// after, from a local HTTP server playing the video host. Fast settings: poll every 100 ms,
// retries from 100 ms, an attempt abandoned after 1.5 s without data, videos up to 1 MB.

const VIDEO_ENV = {
  VIDEO_ALLOWED_HOSTS: "http://127.0.0.1",
  VIDEO_POLL_MS: "100",
  VIDEO_RETRY_BASE_MS: "100",
  VIDEO_TIMEOUT_MS: "1500",
  VIDEO_MAX_BYTES: String(1024 * 1024),
  VIDEO_MAX_ATTEMPTS: "4",
};
let media: MediaServer;
let server: RunningServer;
let crew: Creds;
let staff: Browserless;
let orderId: string;
let still: Buffer;

before(async () => {
  media = await startMediaServer();
  server = await startServer({ env: VIDEO_ENV });
  useDataDir(server.dataDir);
  crew = connectIntegration(server, "videographer", ["--mode", "external", "--client-code", "VD"]);
  orderId = (await createOrder("VD-1", [{ serviceName: "Exterior Photos" }], "videographer")).id;
  ({ staff } = await signedInStaffAndAdmin(server));
  still = await jpeg("video still", "#6b21a8", 320, 240);
});
after(async () => {
  await db().$disconnect();
  await server.stop();
  await media.close();
});

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const OK = { status: true, error: null };
const meta = (videoUri: string, extra: Record<string, unknown> = {}) => ({
  ...credsOf(crew),
  uuId: randomUUID(),
  key2: "VD::VD-1",
  key4: "Exterior Photos",
  fileType: "picture",
  fileExt: "jpg",
  evidenceType: "before",
  videoUri,
  ...extra,
});
const publish = async (payload: object) =>
  (await post(server, "uploadPictures.html", { as: "multipart", payload, file: { bytes: still, name: "v.jpg", type: "image/jpeg" } })).json;
const fetchOf = (uuId: string) => db().videoFetch.findFirstOrThrow({ where: { workItem: { uuId } } });
const settled = (uuId: string) =>
  eventually(async () => {
    const f = await fetchOf(uuId);
    return f.state !== "pending" ? f : null;
  }, `the video of ${uuId} fetched or failed`);
const storedBytes = (key: string) => readStored(key);
const page = async () => textOf(resolveStreamedHtml(await (await staff.fetch(`/orders/${orderId}`)).text()));
/** A second video, different bytes (still an MP4: a box appended after the movie). */
const OTHER_MP4 = Buffer.concat([CLIP_MP4, Buffer.from("0000000c66726565736b6970", "hex")]);

describe("fetching a video", () => {
  test("soon after it arrives, streamed whole into storage, once; the order page plays it, seeking by byte ranges", async () => {
    media.serve("ok.mp4", { video: CLIP_MP4 });
    const p = meta(media.url("ok.mp4"));
    assert.deepEqual(await publish(p), OK);
    const f = await settled(p.uuId);
    assert.deepEqual(
      [f.state, f.attempts, f.lastError, f.contentType, f.fileSize, f.sha256],
      ["fetched", 1, null, "video/mp4", CLIP_MP4.length, sha256(CLIP_MP4)],
    );
    assert.match(f.storagePath!, /^videos\/\d{4}\/\d{2}\/[0-9a-f-]{36}\.[0-9a-f]{12}\.mp4$/);
    assert.deepEqual(await storedBytes(f.storagePath!), CLIP_MP4);
    assert.equal(media.gets("ok.mp4"), 1);

    const { id } = await db().workItem.findUniqueOrThrow({ where: { uuId: p.uuId } });
    const whole = await staff.fetch(`/files/${id}/video`);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get("content-type"), "video/mp4");
    assert.equal(whole.headers.get("accept-ranges"), "bytes");
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), CLIP_MP4);
    const part = await staff.fetch(`/files/${id}/video`, { headers: { range: "bytes=100-199" } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get("content-range"), `bytes 100-199/${CLIP_MP4.length}`);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), CLIP_MP4.subarray(100, 200));
    assert.equal((await staff.fetch(`/files/${id}/video`, { headers: { range: `bytes=${CLIP_MP4.length}-` } })).status, 416);
    assert.equal((await fetch(`${server.url}/files/${id}/video`)).status, 401, "staff only");

    const html = await (await staff.fetch(`/orders/${orderId}`)).text();
    assert.match(html, new RegExp(`<video[^>]+src="/files/${id}/video"`));
  });

  test("a server error or a stalled download is tried again with backoff until the video arrives", async () => {
    media.serve("flaky.mp4", (nth) => (nth <= 2 ? { status: 503, body: "busy" } : { video: CLIP_MP4 }));
    media.serve("stall.mp4", (nth) => (nth === 1 ? { stallAfter: 1000, video: CLIP_MP4 } : { video: CLIP_MP4 }));
    const flaky = meta(media.url("flaky.mp4"));
    const stalled = meta(media.url("stall.mp4"));
    assert.deepEqual(await publish(flaky), OK);
    assert.deepEqual(await publish(stalled), OK);
    const f = await settled(flaky.uuId);
    assert.deepEqual([f.state, f.attempts, f.lastError], ["fetched", 3, null]);
    const [first, second, third] = media.getTimes("flaky.mp4");
    assert.ok(
      second! - first! >= 100 && third! - second! >= 200,
      `backoff doubles from 100 ms: ${second! - first!} ms, then ${third! - second!} ms`,
    );
    const s = await settled(stalled.uuId);
    assert.deepEqual([s.state, s.attempts, s.sha256], ["fetched", 2, sha256(CLIP_MP4)]);
  });

  test("a link that is gone, serves no video, or is too large fails at once, with the reason, and leaves no file", async () => {
    media.serve("gone.mp4", { status: 404, body: "expired" });
    media.serve("page.mp4", { video: Buffer.from("<html><body>Sign in</body></html>"), contentType: "text/html" });
    media.serve("big.mp4", { video: Buffer.concat([CLIP_MP4, Buffer.alloc(1024 * 1024)]) });
    media.serve("big-chunked.mp4", { video: Buffer.concat([CLIP_MP4, Buffer.alloc(1024 * 1024)]), chunked: true });
    const cases = [
      ["gone.mp4", /^The video link answered HTTP 404 \(the link has expired or is wrong\)\.$/],
      ["page.mp4", /^The video link did not serve a video file/],
      ["big.mp4", /^The video is larger than VIDEO_MAX_BYTES \(1 MB\)\.$/],
      ["big-chunked.mp4", /^The video is larger than VIDEO_MAX_BYTES \(1 MB\)\.$/],
    ] as const;
    const before = (await storedFiles("videos")).length;
    for (const [name, reason] of cases) {
      const p = meta(media.url(name));
      assert.deepEqual(await publish(p), OK);
      const f = await settled(p.uuId);
      assert.deepEqual([f.state, f.attempts, f.storagePath], ["failed", 1, null], name);
      assert.match(f.lastError ?? "", reason, name);
      assert.equal(media.gets(name), 1, `${name}: not tried again`);
    }
    assert.equal((await storedFiles("videos")).length, before);
    assert.deepEqual(await temporaryFiles(), []);
    const text = await page();
    assert.match(text, /Video fetch failed The video link answered HTTP 404 \(the link has expired or is wrong\)\./);
  });

  test("only hosts on VIDEO_ALLOWED_HOSTS are called, each redirect too", async () => {
    const port = new URL(media.url("x")).port;
    media.serve("hop-ok.mp4", { status: 302, headers: { location: media.url("ok.mp4") } });
    media.serve("hop-away.mp4", { status: 302, headers: { location: `http://localhost:${port}/ok-away.mp4` } });
    const direct = meta(`http://localhost:${port}/not-allowed.mp4`);
    const redirected = meta(media.url("hop-away.mp4"));
    const allowed = meta(media.url("hop-ok.mp4"));
    for (const p of [direct, redirected, allowed]) assert.deepEqual(await publish(p), OK);
    for (const p of [direct, redirected]) {
      const f = await settled(p.uuId);
      assert.equal(f.state, "failed");
      assert.equal(
        f.lastError,
        `The video link's host http://localhost:${port} is not on VIDEO_ALLOWED_HOSTS (allowed: http://127.0.0.1).`,
      );
    }
    assert.deepEqual([media.gets("not-allowed.mp4"), media.gets("ok-away.mp4"), media.gets("hop-away.mp4")], [0, 0, 1]);
    assert.equal((await settled(allowed.uuId)).state, "fetched");
  });

  test("a re-published video (new link) is fetched again; the earlier version keeps the video from its link", async () => {
    media.serve("take-1.mp4", { video: CLIP_MP4 });
    media.serve("take-2.mp4", { video: OTHER_MP4 });
    const p = meta(media.url("take-1.mp4"));
    assert.deepEqual(await publish(p), OK);
    const first = await settled(p.uuId);
    assert.deepEqual(await publish({ ...p, videoUri: media.url("take-2.mp4") }), OK);
    const second = await eventually(async () => {
      const f = await fetchOf(p.uuId);
      return f.state === "fetched" && f.sha256 === sha256(OTHER_MP4) ? f : null;
    }, "the new link fetched");
    assert.notEqual(second.storagePath, first.storagePath);
    assert.deepEqual(await storedBytes(second.storagePath!), OTHER_MP4);
    const version = await db().workItemVersion.findFirstOrThrow({ where: { workItem: { uuId: p.uuId } } });
    assert.deepEqual([version.version, version.videoPath, version.changes], [1, first.storagePath, ["videoUri"]]);
    assert.deepEqual(await storedBytes(version.videoPath!), CLIP_MP4, "the earlier video is kept");
    assert.deepEqual([media.gets("take-1.mp4"), media.gets("take-2.mp4")], [1, 1]);
  });
});

describe("the storage sweep", () => {
  test("keeps every stored video, current or an earlier version's, and removes one no row names", async () => {
    const kept = [
      ...(await db().videoFetch.findMany({ where: { storagePath: { not: null } }, select: { storagePath: true } })).map(
        (f) => f.storagePath!,
      ),
      ...(await db().workItemVersion.findMany({ where: { videoPath: { not: null } }, select: { videoPath: true } })).map(
        (v) => v.videoPath!,
      ),
    ];
    assert.ok(kept.length >= 3);
    const orphan = "videos/2026/01/left-by-a-crash.0123456789ab.mp4";
    await writeStored(orphan, CLIP_MP4);
    const swept = await sweepStoredFiles(60_000, Date.now() + 3600_000); // as if an hour had passed
    assert.equal(swept.videos, 1);
    assert.deepEqual(await storedFiles("videos"), [...new Set(kept)].sort());
  });
});
