import { expect, test } from "@playwright/test";
import { DESKTOP, PHONE, expectNoSideScroll, loadFixtures, shot, signIn } from "./support";

// The uploads inbox: a photo that matched no order is assigned to one and appears in its
// gallery; another is discarded and put back. Each run makes its own uploads.

test.beforeAll(() => loadFixtures("--portal"));

const stray = (key2: string) => loadFixtures<{ itemId: string }>("--stray", key2, "Lawn Maintenance").itemId;

test("assign an unmatched photo to its order and see it in the gallery", async ({ page }) => {
  const key2 = `E2E-STRAY-${Date.now()}`;
  const itemId = stray(key2);
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Uploads" }).click();
  const card = page.getByRole("listitem", { name: new RegExp(`Pruvan order ${key2}, task Lawn Maintenance`) });
  await expect(card.getByRole("img")).toHaveJSProperty("complete", true);
  await expect(card.getByLabel("Assign to work order number")).toHaveValue(key2);
  await shot(page, "uploads-inbox-1280");

  await test.step("a number no order has is refused beside the field", async () => {
    await card.getByLabel("Assign to work order number").fill("PF-9998");
    await card.getByRole("button", { name: "Assign" }).click();
    await expect(card.getByRole("alert")).toHaveText('No work order has the number "PF-9998".');
    await expect(card.getByLabel("Assign to work order number")).toHaveAttribute("aria-invalid", "true");
  });

  await test.step("the right number: assigned, and the service its task names", async () => {
    await card.getByLabel("Assign to work order number").fill("PF-1003");
    await card.getByRole("button", { name: "Assign" }).click();
    await expect(page.getByRole("status")).toContainText("Assigned to order PF-1003, service Lawn Maintenance.");
    await expect(card).toHaveCount(0);
    await shot(page, "uploads-assigned-1280", false);
  });

  await test.step("the photo is in the order's gallery", async () => {
    await page.getByRole("link", { name: "Open order PF-1003" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Order PF-1003" })).toBeVisible();
    const group = page.getByRole("region", { name: /^Photos/ }).getByRole("group", { name: "Before, Lawn Maintenance" });
    await expect(group.locator(`img[src="/files/${itemId}/thumb"]`)).toBeVisible();
  });
});

test("discard an upload, then undo it", async ({ page }) => {
  const key2 = `E2E-JUNK-${Date.now()}`;
  stray(key2);
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/uploads");
  const card = page.getByRole("listitem", { name: new RegExp(`Pruvan order ${key2},`) });
  const status = page.getByRole("status");

  await test.step("discard, and undo from the confirmation", async () => {
    await card.getByRole("button", { name: "Discard" }).click();
    await expect(status).toContainText(`Discarded the upload for Pruvan order ${key2}.`);
    await expect(card).toHaveCount(0);
    await status.getByRole("button", { name: "Undo" }).click();
    await expect(status).toContainText(`Put the upload for Pruvan order ${key2} back in the inbox.`);
    await expect(card).toBeVisible();
  });

  await test.step("discard again; it waits under Discarded and can be put back from there", async () => {
    await card.getByRole("button", { name: "Discard" }).click();
    await expect(status).toContainText(`Discarded the upload for Pruvan order ${key2}.`);
    await page
      .getByRole("navigation", { name: "Inbox views" })
      .getByRole("link", { name: /^Discarded/ })
      .click();
    await expect(card.getByText("discarded", { exact: true })).toBeVisible();
    await card.getByRole("button", { name: "Put back in the inbox" }).click();
    await expect(status).toContainText(`Put the upload for Pruvan order ${key2} back in the inbox.`);
    await page
      .getByRole("navigation", { name: "Inbox views" })
      .getByRole("link", { name: /^Waiting/ })
      .click();
    await expect(card).toBeVisible();
  });
});

test("the inbox at phone width", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  await page.goto("/uploads");
  await expect(page.getByTestId("inbox-item").first()).toBeVisible();
  await expectNoSideScroll(page);
  await shot(page, "uploads-inbox-390");
});
