import { expect, test } from "@playwright/test";
import { DESKTOP, PHONE, expectNoSideScroll, layoutShift, shot, signIn } from "./support";

// The portal's forms beyond the main journeys: the import with its dry run, the dialogs
// by keyboard alone, and every form page at phone width without sideways scrolling.

const RUN = Date.now().toString(36).slice(-5).toUpperCase();

test("import a CSV: the dry run shows each row, apply creates the good ones", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/orders");
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import orders" })).toBeVisible();
  const csv = [
    "workOrderNumber,address1,city,state,zip,clientStatus,services",
    `IMP-${RUN}-1,5 Cedar Row,Leander,TX,78641,Order Created,Lawn Maintenance|Exterior Photos`,
    `IMP-${RUN}-2,6 Cedar Row,Leander,TX,,Order Created,Lawn Maintenance`,
  ].join("\n");
  await page.getByLabel("File (JSON or CSV)").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Preview (dry run)" }).click();
  await expect(page.getByRole("heading", { name: /Dry run: nothing was saved yet/ })).toBeVisible();
  const rows = page.getByTestId("import-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("will be created");
  await expect(rows.nth(1)).toContainText("zip: is required");
  await shot(page, "import-preview-1280");
  await page.getByRole("button", { name: "Apply: create 1" }).click();
  await expect(page.getByText("Imported orders.csv: 1 order changed.")).toBeVisible();
  await shot(page, "import-applied-1280");
  await page.getByRole("link", { name: "Back to the orders" }).click();
  await page.getByRole("search", { name: "Filter orders" }).getByLabel("Search").fill(`IMP-${RUN}`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("order-row")).toHaveCount(1);
});

test("dialogs by keyboard: open, confirm box, Escape closes and focus comes back", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/orders?q=DEMO-1003");
  await page.getByRole("link", { name: "DEMO-1003", exact: true }).click();
  const trigger = page.getByRole("button", { name: "Delete order" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Delete order DEMO-1003?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "Yes, delete this order and tell Pruvan." })).toBeFocused();
  // Without the confirmation the domain refuses, and says why.
  await dialog.getByRole("button", { name: "Delete order" }).press("Enter");
  await expect(dialog.getByRole("alert").filter({ hasText: "Deleting sets the Pruvan status" })).toContainText(
    "Confirm it explicitly to proceed.",
  );
  await expect(dialog.getByRole("checkbox")).toHaveAccessibleDescription("confirm the deletion");
  await shot(page, "delete-dialog-refused", false);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(page.getByText("Deleted", { exact: true })).toHaveCount(0);
});

test("the form pages fit a phone and keep still while they load", async ({ page }) => {
  await signIn(page);
  await page.setViewportSize(PHONE);
  for (const [name, url, heading] of [
    ["new-order", "/orders/new", "New order"],
    ["import", "/orders/import", "Import orders"],
    ["integrations", "/integrations", "Integrations"],
    ["status-mapping", "/status-mapping", "Status mapping"],
    ["push-log", "/push-log", "Push log"],
  ] as const) {
    await test.step(name, async () => {
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expectNoSideScroll(page);
      expect(await layoutShift(page)).toBeLessThan(0.05);
      await shot(page, `${name}-390`);
    });
  }
  await page.goto("/orders/new");
  const rows = page.getByTestId("service-row");
  await page.getByRole("button", { name: "+ Add a service" }).click();
  await expect(rows).toHaveCount(2);
  await expectNoSideScroll(page);
  await rows.nth(1).scrollIntoViewIfNeeded();
  await shot(page, "new-order-services-390", false);
});
