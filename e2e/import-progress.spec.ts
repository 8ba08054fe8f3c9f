import { expect as baseExpect, test } from "@playwright/test";
import { DESKTOP, attachShot, loadFixtures, signIn } from "./support";

// An import as the office applies its client's daily file: upload, read the dry run,
// apply; the page follows the background job (waiting while another import of the
// integration runs, then with a progress bar), keeps following it after a reload, then
// shows what the import did and lists it among the recent imports.

const ROWS = 6000;
// Thousands of orders written on a machine shared with other runs.
test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 20_000 });

const csv = () =>
  [
    "workOrderNumber,address1,city,state,zip,clientStatus,services",
    ...Array.from({ length: ROWS }, (_, i) => `IMP-${10000 + i},${i + 1} Cedar Street,Austin,TX,78701,Order Created,Lawn`),
  ].join("\n");

test("import a file: dry run, apply, a progress bar that survives a reload, then the result", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/orders/import");

  await test.step("upload the file: the dry run says what each row would do", async () => {
    await page.getByLabel("Integration (Pruvan account)").selectOption({ label: "Demo Pruvan account (demo)" });
    await page
      .getByLabel("File (JSON or CSV)")
      .setInputFiles({ name: "daily-orders.csv", mimeType: "text/csv", buffer: Buffer.from(csv()) });
    await page.getByRole("button", { name: "Preview (dry run)" }).click();
    await expect(page.getByRole("heading", { name: /Dry run: nothing was saved yet/ })).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId("import-counts")).toContainText(`Would be created${ROWS}`);
    await attachShot(page, testInfo, "import-dry-run");
  });

  const progress = page.getByRole("progressbar", { name: "Import progress" });
  const outcome = page.getByRole("status").filter({ hasText: "Imported daily-orders.csv" });
  // Another import of the integration runs meanwhile (the CLI's, say): this one waits its turn.
  const other = loadFixtures<{ jobId: string }>("--hold-imports", "demo");
  await test.step("apply while another import of the integration runs: the page says it waits, also after a reload", async () => {
    await page.getByRole("button", { name: `Apply: create ${ROWS}` }).click();
    await expect(page).toHaveURL(/\/orders\/import\?job=\w+$/);
    await expect(page.getByText("Waiting for the import running on this integration to finish…", { exact: true })).toBeVisible();
    await attachShot(page, testInfo, "import-waiting", false);
    const address = page.url();
    await page.reload();
    expect(page.url()).toBe(address);
    await expect(page.getByText("Waiting for the import running on this integration to finish…", { exact: true })).toBeVisible();
  });

  await test.step("the other import ends: this one runs, with a progress bar", async () => {
    loadFixtures("--end-job", other.jobId);
    await expect(progress).toHaveAttribute("aria-valuemax", String(ROWS));
    await expect(progress).toHaveAttribute("aria-valuenow", /^[1-9]\d*$/); // under way
    await attachShot(page, testInfo, "import-progress", false);
  });

  await test.step("a reload part way keeps following it", async () => {
    await page.reload();
    await expect(progress.or(outcome)).toBeVisible();
    if (await progress.isVisible()) await attachShot(page, testInfo, "import-progress-after-reload", false);
  });

  await test.step("the result: what the import did, and the import among the recent ones", async () => {
    await expect(outcome).toHaveText(`Imported daily-orders.csv: ${ROWS.toLocaleString("en-US")} orders changed.`, { timeout: 240_000 });
    await expect(page.getByTestId("import-counts")).toContainText(`Created${ROWS}`);
    const recent = page.getByRole("list", { name: "Recent imports" }).getByRole("listitem").first();
    await expect(recent).toContainText(`daily-orders.csv`);
    await expect(recent).toContainText(`${ROWS} created, 0 updated, 0 deleted, 0 errors`);
    await attachShot(page, testInfo, "import-result", false);
  });

  await test.step("the orders are in the list", async () => {
    await page.getByRole("link", { name: "Back to the orders" }).click();
    await page.getByRole("search", { name: "Filter orders" }).getByLabel("Search").fill("IMP-15999");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByTestId("order-row").getByRole("link", { name: "IMP-15999" })).toBeVisible();
  });
});
