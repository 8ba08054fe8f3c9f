import { expect as baseExpect, test } from "@playwright/test";
import { DESKTOP, attachShot, listedTotal, loadFixtures, signIn } from "./support";

// A bulk change over a filtered list, as the office does it: filter the orders, pick every
// order matching the filters, set their client status; the dialog shows the progress, then
// how many changed and which were refused and why; the list shows the new status.

test.beforeAll(() => loadFixtures("--bulk"));
// 401 orders changed one by one on a machine shared with other runs.
test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 20_000 });

test("set the client status of every order matching the filters, with progress and a result", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/orders?integration=bulkco&client=Awaiting+Bid&deleted=1");
  expect(await listedTotal(page)).toBe(401);
  const bar = page.getByRole("region", { name: "Bulk changes" });

  await test.step("pick rows, then every order matching the filters", async () => {
    const rows = page.getByTestId("order-row");
    await rows.nth(0).getByRole("checkbox").check();
    await rows.nth(1).getByRole("checkbox").check();
    await expect(bar.getByText("2 orders picked.")).toBeVisible();
    await page.getByRole("checkbox", { name: "Pick every order on this page" }).check();
    await bar.getByRole("button", { name: "Pick all 401 orders matching the filters" }).click();
    await expect(bar.getByText("All 401 orders matching the filters are picked.")).toBeVisible();
    await attachShot(page, testInfo, "bulk-picked-all-matching");
  });

  await test.step("set the client status: a progress bar, then the result with the refusal", async () => {
    await bar.getByRole("button", { name: "Set client status…" }).click();
    const dialog = page.getByRole("dialog", { name: "Set client status: 401 orders" });
    await dialog.getByLabel("New client status").fill("Bid Submitted");
    await dialog.getByRole("button", { name: "Set client status: 401 orders" }).click();
    const progress = dialog.getByRole("progressbar", { name: "Set client status" });
    await expect(progress).toHaveAttribute("aria-valuemax", "401");
    await expect(progress).toHaveAttribute("aria-valuenow", /^[1-9]\d*$/); // under way
    await attachShot(page, testInfo, "bulk-progress", false);
    await expect(dialog.getByRole("status")).toHaveText("Changed 400 orders. 1 order refused.", { timeout: 150_000 });
    await expect(dialog.getByRole("list", { name: "Refused orders" }).getByRole("listitem")).toHaveText([
      "BK-3000: Order BK-3000 was deleted; it cannot be changed.",
    ]);
    await attachShot(page, testInfo, "bulk-result", false);
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  await test.step("the list shows the change; nothing is left awaiting a bid but the deleted order", async () => {
    await expect(page.getByText("1 work order match the filters.")).toBeVisible();
    await page.goto("/orders?integration=bulkco&client=Bid+Submitted");
    expect(await listedTotal(page)).toBe(400);
    await attachShot(page, testInfo, "bulk-list-after");
  });
});
