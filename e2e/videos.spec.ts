import { expect, test } from "@playwright/test";
import { startMediaServer, CLIP_MP4, type MediaServer } from "../tests/support/media-server";
import { DESKTOP, loadFixtures, shot, signIn } from "./support";

// Videos in the browser: the portal fetched each video from its link (a local media server
// here, allowed by scripts/e2e-server.sh) and the order page plays the stored copy; a
// link that failed says so, and why.

const ORDER = "E2E-VIDEOS-1";
let media: MediaServer;
let orderId: string;

test.beforeAll(async () => {
  media = await startMediaServer();
  media.serve("clip.mp4", { video: CLIP_MP4 });
  media.serve("expired.mp4", { status: 404, body: "expired" });
  ({ orderId } = loadFixtures<{ orderId: string }>("--videos", ORDER, media.url("clip.mp4"), media.url("expired.mp4")));
});
test.afterAll(async () => {
  await media.close();
});

test("the gallery plays a fetched video and says why another could not be fetched", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  const videos = page.getByRole("region", { name: /^Videos/ });
  // The server's fetcher polls every 200 ms here: reload until both fetches have settled.
  await expect(async () => {
    await page.goto(`/orders/${orderId}`);
    await expect(videos.getByTestId("video-player")).toHaveCount(1, { timeout: 500 });
    await expect(videos.getByTestId("video-fetch-failed")).toHaveCount(1, { timeout: 500 });
  }).toPass({ timeout: 30_000 });

  const player = videos.getByTestId("video-player");
  await player.scrollIntoViewIfNeeded();
  const played = await player.evaluate(async (video: HTMLVideoElement) => {
    video.muted = true;
    await video.play();
    await new Promise((resolve) => setTimeout(resolve, 600));
    return { time: video.currentTime, width: video.videoWidth, height: video.videoHeight, error: video.error?.code ?? null };
  });
  expect(played.error).toBeNull();
  expect(played.width).toBe(160);
  expect(played.height).toBe(120);
  expect(played.time).toBeGreaterThan(0.2);
  expect(media.gets("clip.mp4")).toBe(1);

  const failed = videos.getByTestId("video-fetch-failed");
  await expect(failed).toContainText("Video fetch failed");
  await expect(failed).toContainText("The video link answered HTTP 404 (the link has expired or is wrong).");
  await expect(failed).toContainText("re-publish the video from Pruvan");
  await videos.scrollIntoViewIfNeeded();
  await shot(page, "order-videos-1280", false);
});
