import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { db } from "@/lib/db";
import { eventually } from "../support/pruvan-push";
import { officeOrder, startSyncWorld, type SyncWorld } from "../support/pruvan-account/world";

// Issue 11, problem 3: "A re-published item with the same uuId is dropped as a duplicate: a
// re-published video's new link (the old one expires after 24 h, pruvan-api-v2 "uploadPictures")
// never arrives, and an edited survey is lost." Played on the model account: a crew publishes a
// video, a survey and a photo, then publishes them again; the portal keeps one item per uuId,
// on its order and task, with what the last publish carried, and the earlier version in its
// history; a photo published again byte for byte is a retry and changes nothing.

let world: SyncWorld;
before(async () => {
  // The model's media links are on the local push endpoint: let the portal fetch videos from it.
  world = await startSyncWorld({ VIDEO_ALLOWED_HOSTS: "http://127.0.0.1", VIDEO_POLL_MS: "50", VIDEO_RETRY_BASE_MS: "20" });
});
after(async () => {
  await world?.stop();
});

const order = (workOrderNumber: string) => officeOrder(workOrderNumber, { clientStatus: "Order Created" });

test("a re-published video, survey and photo: one item each, the last publish wins, the earlier versions kept", async () => {
  const driver = await world.connect({ clientCode: "PROB3", mode: "external", pushKey: false });
  const orderId = await world.office.createOrder(driver.integrationId, order("P3-1"), [
    { serviceName: "Lawn" },
    { serviceName: "Inspection" },
  ]);
  assert.ok((await driver.fullImport()).ok);
  const video = driver.takeItem("P3-1", "video", "Lawn");
  const survey = driver.takeItem("P3-1", "survey", "Inspection");
  const photo = driver.takeItem("P3-1", "photo", "Lawn");
  for (const item of [video, survey, photo]) assert.equal(await driver.publish(item.uuId), true, driver.publishErrors.join("\n"));
  const firstLink = video.last!.videoUri!;
  await eventually(
    async () => (await db().videoFetch.findFirst({ where: { workItem: { uuId: video.uuId }, state: "fetched", uri: firstLink } })) !== null,
    "the first video fetched",
  );

  // The next day: the video link has expired, the crew re-publishes it; the survey was edited.
  for (const item of [video, survey, photo]) assert.equal(await driver.publish(item.uuId), true, driver.publishErrors.join("\n"));
  assert.notEqual(video.last!.videoUri, firstLink, "the re-publish carries a new link");

  const items = await db().workItem.findMany({
    where: { uuId: { in: [video.uuId, survey.uuId, photo.uuId] } },
    include: { service: true, versions: { orderBy: { version: "asc" } } },
  });
  assert.equal(items.length, 3, "one item per uuId");
  const byUuId = new Map(items.map((i) => [i.uuId, i]));
  for (const [item, task] of [
    [video, "Lawn"],
    [survey, "Inspection"],
    [photo, "Lawn"],
  ] as const) {
    const stored = byUuId.get(item.uuId)!;
    assert.deepEqual(
      [stored.workOrderId, stored.match, stored.service?.serviceName],
      [orderId, "matched", task],
      `${item.kind} on its order and task`,
    );
  }

  const storedVideo = byUuId.get(video.uuId)!;
  assert.equal(storedVideo.videoUri, video.last!.videoUri, "the new link arrived");
  assert.equal(storedVideo.version, 2);
  assert.equal((storedVideo.versions[0]!.payload as { videoUri?: string }).videoUri, firstLink, "the earlier version kept");
  await eventually(
    async () =>
      (await db().videoFetch.findFirst({ where: { workItemId: storedVideo.id, state: "fetched", uri: video.last!.videoUri! } })) !== null,
    "the re-published video fetched from its new link",
  );

  const storedSurvey = byUuId.get(survey.uuId)!;
  assert.equal(storedSurvey.version, 2);
  assert.deepEqual(storedSurvey.survey, survey.last!.survey, "the edited answers arrived");
  assert.equal(storedSurvey.sha256, survey.last!.sha256, "with the new report");
  assert.equal(storedSurvey.versions.length, 1);

  const storedPhoto = byUuId.get(photo.uuId)!;
  assert.deepEqual(
    [storedPhoto.version, storedPhoto.versions.length, storedPhoto.sha256],
    [1, 0, photo.last!.sha256],
    "an identical retry changes nothing",
  );
});
