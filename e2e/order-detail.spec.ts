import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { readZip } from "../tests/support/unzip";
import { DEMO } from "./support";

// The work results of an order: gallery, keyboard lightbox, survey view, ZIP download.
// Data: scripts/e2e-fixtures.ts writes uploads into the server's data folder the way the
// uploadPictures endpoint stores them (to be replaced by the conformance checker).

const ROOT = path.resolve(__dirname, "..");
const SHOTS = path.resolve(ROOT, "e2e-results/screenshots");
mkdirSync(SHOTS, { recursive: true });
const ORDER = "E2E-GALLERY-1";

test.beforeAll(() => {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set (e2e/playwright.config.ts sets it for the server it starts)");
  execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/e2e-fixtures.ts", ORDER], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
  });
});

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
}

async function openOrder(page: Page) {
  await page.goto("/orders");
  await page.getByRole("link", { name: ORDER, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${ORDER}` })).toBeVisible();
}

/** Scrolls every thumbnail into view and waits until each has really loaded. */
async function allImagesLoaded(page: Page) {
  // A closed viewer is hidden at once, its photo removed on React's next render: not a page image to wait for.
  await expect(page.locator("main dialog img")).toHaveCount(0);
  for (const img of await page.locator("main img").all()) {
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

test("the gallery opens a lightbox that the keyboard drives", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openOrder(page);
  const photos = page.getByRole("region", { name: /^Photos/ });
  await expect(photos.getByRole("group", { name: "Before, Lawn Maintenance" }).getByRole("button")).toHaveCount(2);
  await expect(photos.getByRole("group", { name: "After, Exterior Photos" }).getByRole("button")).toHaveCount(1);
  await expect(photos.locator("li").getByRole("button")).toHaveCount(9);
  await allImagesLoaded(page);
  await shot(page, "order-detail-1280");

  const first = photos.locator("li").getByRole("button").first();
  await first.focus();
  await page.keyboard.press("Enter");
  const viewer = page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByText("1 / 10")).toBeVisible();
  await expect(viewer.getByRole("img")).toHaveAttribute("alt", /^Before photo 1 of 2, Lawn Maintenance/);
  await expect(viewer.getByText("24 ft (reported by Pruvan)")).toBeVisible();
  await expect(viewer.getByText("jsmith (vendor1)")).toBeVisible();
  await expect(viewer.getByRole("link", { name: /Download original/ })).toHaveAttribute("href", /^\/files\//);

  await page.keyboard.press("ArrowRight");
  await expect(viewer.getByText("2 / 10")).toBeVisible();
  await expect(viewer.getByRole("img")).toHaveAttribute("alt", /^Before photo 2 of 2/);
  await expect(viewer.getByText("about 36 ft (computed from GPS)")).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(viewer.getByText("10 / 10")).toBeVisible(); // wraps to the CSR at the end
  await expect(viewer.getByText("Certified service record", { exact: true })).toBeVisible();
  await page.keyboard.press("Home");
  await expect(viewer.getByText("1 / 10")).toBeVisible();

  // Tab stays inside the viewer.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    expect(await viewer.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await expect(viewer.getByRole("img")).toHaveJSProperty("complete", true);
  await shot(page, "lightbox-1280", false);

  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  await expect(first).toBeFocused();
});

test("a survey shows its answers with their photos; earlier submissions are reachable", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page);
  await openOrder(page);
  const surveys = page.getByRole("region", { name: /^Surveys/ });
  await expect(surveys.getByText("What color is the fence?")).toBeVisible();
  await expect(surveys.getByText("Blue", { exact: true })).toBeVisible();
  await expect(surveys.getByRole("link", { name: "PDF report" })).toHaveAttribute("href", /^\/files\//);
  await surveys.getByRole("link", { name: "Open survey view" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Survey vendor1::Simple-v1" })).toBeVisible();
  const answers = page.getByRole("article", { name: "Survey answers" });
  await expect(answers.getByText("Latest submission")).toBeVisible();
  await expect(answers.getByText("Blue", { exact: true })).toBeVisible();
  await expect(answers.getByText("Not received yet: 1415913839999.jpg")).toBeVisible();
  await answers.getByRole("button", { name: /Survey question: What color is the fence\?/ }).click();
  const viewer = page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer.getByRole("img")).toHaveAttribute("alt", /^Survey question: What color is the fence\? photo 1 of 1/);
  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();
  await allImagesLoaded(page);
  await shot(page, "survey-1280");

  const submissions = page.getByRole("navigation", { name: "Submissions of this survey" });
  await expect(submissions.getByRole("link")).toHaveCount(2);
  await submissions.getByRole("link").nth(1).click();
  await expect(answers.getByText("Earlier submission")).toBeVisible();
  await expect(answers.getByText("Red", { exact: true })).toBeVisible();
});

test("videos show their link and its expiry; the timeline merges status changes, pushes and uploads", async ({ page }) => {
  await signIn(page);
  await openOrder(page);
  const videos = page.getByRole("region", { name: /^Videos/ });
  await expect(videos.getByText(/expires 24 h after it was sent/).first()).toBeVisible();
  await expect(videos.getByRole("link", { name: "Open Pruvan's link" })).toHaveAttribute("href", "https://video.example.com/v/3f1c2a.mp4");
  await expect(videos.getByText("Pruvan's link expired")).toBeVisible();

  const timeline = page.getByRole("region", { name: /^Timeline/ });
  await expect(timeline.getByText("Push (upsert): delivered, 1 attempt")).toBeVisible();
  await expect(timeline.getByText('Pruvan answered: HTTP 200 · {"created":1,"updated":0,"deleted":0}')).toBeVisible();
  await expect(timeline.getByText("Push (upsert): dead, 12 attempts")).toBeVisible();
  await expect(timeline.getByText("Field status in-process")).toBeVisible();
  await expect(timeline.getByText(/^Received .*9 photos|^Received 1 photo/).first()).toBeVisible();
  await timeline.scrollIntoViewIfNeeded();
  await shot(page, "order-timeline-1280", false);
});

test("Download all delivers the order's ZIP with a folder per service and evidence type", async ({ page }) => {
  await signIn(page);
  await openOrder(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download all (ZIP)" }).click()]);
  expect(download.suggestedFilename()).toBe(`${ORDER}-work-results.zip`);
  const names = readZip(readFileSync(await download.path())).map((e) => e.name);
  for (const folder of [
    "Lawn Maintenance/before",
    "Lawn Maintenance/after",
    "Lawn Maintenance/Surveys",
    "Lawn Maintenance/CSR",
    "Exterior Photos/Check-ins",
  ]) {
    expect(
      names.some((n) => n.startsWith(`${ORDER}/${folder}/`)),
      folder,
    ).toBe(true);
  }
});

test("at phone width the page, the lightbox and the survey stay usable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await openOrder(page);
  await allImagesLoaded(page);
  await shot(page, "order-detail-390");
  const photos = page.getByRole("region", { name: /^Photos/ });
  await photos.locator("li").getByRole("button").nth(2).click();
  const viewer = page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer.getByText("3 / 10")).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Next photo" })).toBeVisible();
  await viewer.getByRole("button", { name: "Next photo" }).click();
  await expect(viewer.getByText("4 / 10")).toBeVisible();
  await expect(viewer.getByRole("img")).toHaveJSProperty("complete", true);
  await shot(page, "lightbox-390", false);
  await viewer.getByRole("button", { name: /Close/ }).click();
  await expect(viewer).toBeHidden();
  await page.getByRole("link", { name: "Open survey view" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Survey / })).toBeVisible();
  await allImagesLoaded(page);
  await shot(page, "survey-390");
});
