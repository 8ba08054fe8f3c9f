import { expect, test, type Page } from "@playwright/test";
import { DESKTOP, attachShot, loadFixtures, signIn } from "./support";

// Photo review as an office reviewer does it: through the viewer by keyboard (A approves,
// R asks why and rejects, arrows move), a whole service at once, then the gallery filtered
// by review state and the timeline saying who reviewed what.

const ORDER = "E2E-REVIEW-1";

test.beforeAll(() => {
  loadFixtures(ORDER);
});

async function openOrder(page: Page) {
  await page.goto("/orders");
  await page.getByRole("link", { name: ORDER, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${ORDER}` })).toBeVisible();
}

test("review photos by keyboard in the viewer, then a whole service; filter the gallery by review state", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await openOrder(page);
  const photos = page.getByRole("region", { name: /^Photos/ });
  const lawnBefore = photos.getByRole("group", { name: "Before, Lawn Maintenance" }).getByRole("button");

  await test.step("A approves and moves on", async () => {
    await lawnBefore.first().focus();
    await page.keyboard.press("Enter");
    const viewer = page.getByRole("dialog", { name: "Photo viewer" });
    await expect(viewer.getByText("1 / 10")).toBeVisible();
    const panel = viewer.getByRole("group", { name: "Review" });
    await expect(panel.getByText("Not reviewed")).toBeVisible();
    await page.keyboard.press("a");
    await expect(viewer.getByText("2 / 10")).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    await expect(viewer.getByText("1 / 10")).toBeVisible();
    await expect(panel.getByText("Approved", { exact: true })).toBeVisible();
    await expect(panel.getByText("Approved by admin@demo.local")).toBeVisible();
  });

  await test.step("R asks why; Enter rejects and moves on; arrows typed in the note stay in it", async () => {
    const viewer = page.getByRole("dialog", { name: "Photo viewer" });
    await page.keyboard.press("ArrowRight");
    await expect(viewer.getByText("2 / 10")).toBeVisible();
    await page.keyboard.press("r");
    const note = viewer.getByRole("textbox", { name: "Why is it rejected?" });
    await expect(note).toBeFocused();
    await note.pressSequentially("Blurred, retake");
    await page.keyboard.press("ArrowLeft"); // moves the caret, not the viewer
    await expect(viewer.getByText("2 / 10")).toBeVisible();
    await expect(note).toHaveValue("Blurred, retake");
    await attachShot(page, testInfo, "review-reject-note-1280", false);
    await page.keyboard.press("Enter");
    await expect(viewer.getByText("3 / 10")).toBeVisible();
    await page.keyboard.press("ArrowLeft");
    const panel = viewer.getByRole("group", { name: "Review" });
    await expect(panel.getByText("Rejected", { exact: true })).toBeVisible();
    await expect(panel.getByText("Blurred, retake")).toBeVisible();
    await expect(viewer.getByRole("img")).toHaveJSProperty("complete", true);
    await attachShot(page, testInfo, "review-lightbox-1280", false);
    await page.keyboard.press("Escape");
    await expect(viewer).toBeHidden();
  });

  await test.step("the gallery marks the decisions and filters by them", async () => {
    await expect(lawnBefore.first()).toContainText("Approved");
    await expect(lawnBefore.nth(1)).toContainText("Rejected");
    const filter = page.getByRole("group", { name: "Show photos" });
    await filter.getByRole("button", { name: /^Rejected/ }).click();
    await expect(page).toHaveURL(/[?&]review=rejected/);
    await expect(photos.locator("li")).toHaveCount(1);
    await filter.getByRole("button", { name: /^Not reviewed/ }).click();
    await expect(photos.locator("li")).toHaveCount(7);
  });

  await test.step("Approve all on a service, then the viewer steps only through what the filter shows", async () => {
    const exterior = page.getByRole("group", { name: "Exterior Photos", exact: true });
    await exterior.getByRole("button", { name: "Approve all photos of Exterior Photos" }).click();
    await expect(photos.getByRole("status")).toHaveText("Exterior Photos: Approved 2 photos.");
    await expect(photos.locator("li")).toHaveCount(5); // the Exterior photos left the "Not reviewed" view
    await photos
      .getByRole("group", { name: /^After, Lawn Maintenance/ })
      .getByRole("button")
      .first()
      .click();
    const viewer = page.getByRole("dialog", { name: "Photo viewer" });
    await expect(viewer.getByText("2 / 5")).toBeVisible();
    await page.keyboard.press("a");
    await expect(viewer.getByText("3 / 5")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(photos.locator("li")).toHaveCount(4);
    await page.getByRole("group", { name: "Show photos" }).getByRole("button", { name: /^All/ }).click();
    await attachShot(page, testInfo, "review-gallery-1280");
  });

  await test.step("the timeline says who reviewed what", async () => {
    await page.reload();
    const timeline = page.getByRole("region", { name: /^Timeline/ });
    await expect(timeline.getByText(/^Reviewed \d+ photos: 4 approved, 1 rejected$/)).toBeVisible();
    await expect(timeline.getByText(/Rejected because "Blurred, retake"/)).toBeVisible();
    await timeline.scrollIntoViewIfNeeded();
    await attachShot(page, testInfo, "review-timeline-1280", false);
  });
});
