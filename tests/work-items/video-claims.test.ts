import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { loadConfig } from "@/lib/config";
import { db } from "@/lib/db";
import { fetchDueVideos } from "@/lib/work-items/video-fetch";
import { CLIP_MP4, startMediaServer, type MediaServer } from "../support/media-server";
import { freshDataDir, runCliAsync, startServer } from "../support/server";
import { createOrder, jpeg, storeItem, useDataDir } from "../support/work-item-fixtures";

// Video fetches are state in the database, claimed atomically (lib/work-items/video-fetch.ts):
// several portal processes may all run the fetcher, and none fetches a video twice.

const VIDEO_ENV = { VIDEO_ALLOWED_HOSTS: "http://127.0.0.1", VIDEO_POLL_MS: "50", VIDEO_RETRY_BASE_MS: "100", VIDEO_TIMEOUT_MS: "5000" };
const dataDir = freshDataDir("video-claims");
let media: MediaServer;

before(async () => {
  media = await startMediaServer();
  const migrating = await startServer({ dataDir, env: { ...VIDEO_ENV, VIDEO_FETCHER: "off" } });
  await migrating.stop();
  useDataDir(dataDir);
});
after(async () => {
  await db().$disconnect();
  await media.close();
});

test("VIDEO_FETCHER=off: the server fetches nothing; videos:fetch fetches what is due, once, and exits", async () => {
  media.serve("cron.mp4", { video: CLIP_MP4 });
  const order = await createOrder("VC-1", [{ serviceName: "Exterior Photos" }], "cron");
  const item = await storeItem(order, {
    fileType: "picture",
    service: "Exterior Photos",
    file: await jpeg("still", "#6b21a8", 64, 48),
    meta: { videoUri: media.url("cron.mp4") },
  });
  const server = await startServer({ dataDir, env: { ...VIDEO_ENV, VIDEO_FETCHER: "off" } });
  try {
    await new Promise((resolve) => setTimeout(resolve, 500)); // ten of the poll periods a fetcher would use
    assert.equal(media.gets("cron.mp4"), 0, "the server fetched nothing");
    const run = await runCliAsync(["videos:fetch"], server.env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.json(), { fetched: 1, retrying: 0, failed: 0, busy: 0 });
    assert.equal((await db().videoFetch.findUniqueOrThrow({ where: { workItemId: item.id } })).state, "fetched");
    assert.equal(media.gets("cron.mp4"), 1);
  } finally {
    await server.stop();
  }
});

test("two server processes and a third fetcher share the queue and fetch each video exactly once", async () => {
  const names = Array.from({ length: 10 }, (_, i) => `shared-${i}.mp4`);
  for (const name of names) media.serve(name, { video: CLIP_MP4 });
  // Queued before any fetcher runs: stored through the real ingest, in this process (which fetches nothing by itself).
  const order = await createOrder("VS-1", [{ serviceName: "Exterior Photos" }], "shared");
  const still = await jpeg("still", "#6b21a8", 64, 48);
  for (const name of names)
    await storeItem(order, { fileType: "picture", service: "Exterior Photos", file: still, meta: { videoUri: media.url(name) } });
  const ours = { workItem: { workOrderId: order.id } };
  assert.equal(await db().videoFetch.count({ where: { ...ours, state: "pending" } }), names.length);

  const settings = loadConfig({ ...process.env, ...VIDEO_ENV, DATA_DIR: dataDir }).video;
  const servers = await Promise.all([startServer({ dataDir, env: VIDEO_ENV }), startServer({ dataDir, env: VIDEO_ENV })]);
  try {
    let mine = 0;
    const deadline = Date.now() + 60_000;
    while ((await db().videoFetch.count({ where: { ...ours, state: "pending" } })) > 0) {
      assert.ok(Date.now() < deadline, "every video fetched within a minute");
      mine += (await fetchDueVideos(settings)).fetched;
      await new Promise((resolve) => setTimeout(resolve, 20)); // a poll, as the servers' fetchers poll
    }
    assert.equal(await db().videoFetch.count({ where: { ...ours, state: "fetched" } }), names.length);
    assert.deepEqual(
      names.map((n) => media.gets(n)),
      Array(names.length).fill(1),
      `no video fetched twice (this process fetched ${mine})`,
    );
    const stored = await db().videoFetch.findMany({ where: ours, select: { storagePath: true } });
    assert.equal(new Set(stored.map((s) => s.storagePath)).size, names.length);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
});
