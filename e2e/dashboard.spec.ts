import { expect, test } from "@playwright/test";
import { DESKTOP, PHONE, expectNoSideScroll, layoutShift, listedTotal, loadFixtures, shot, signIn } from "./support";

// Every dashboard figure opens the list behind it, and the list holds that many.

test.beforeAll(() => loadFixtures("--portal"));

const figure = async (locator: ReturnType<import("@playwright/test").Page["getByTestId"]>) =>
  Number(((await locator.getByRole("link").first().locator("span").first().textContent()) ?? "").replace(/,/g, ""));

test("dashboard figures lead to filtered lists of that size", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  expect(await layoutShift(page)).toBeLessThan(0.05);
  await shot(page, "dashboard-1280");

  await test.step("overdue orders", async () => {
    const tile = page.getByTestId("tile-overdue");
    const count = await figure(tile);
    expect(count).toBeGreaterThanOrEqual(2);
    await tile.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/orders\?overdue=1&sort=due$/);
    await expect(page.getByRole("group", { name: "Active filters" }).getByRole("link", { name: /Overdue/ })).toBeVisible();
    expect(await listedTotal(page)).toBe(count);
    await expect(page.getByTestId("order-row").getByText("overdue")).toHaveCount(count);
    await page.goBack();
  });

  for (const [list, label, param] of [
    ["by-status", "assigned", /status=assigned$/],
    ["by-status", "not set", /status=%28none%29$/],
    ["by-pruvan-status", "complete", /pruvan=complete$/],
    ["by-client-status", "Rush Order", /client=Rush\+Order$/],
  ] as const) {
    await test.step(`${list}: ${label}`, async () => {
      const row = page
        .getByTestId(list)
        .getByRole("link")
        .filter({ hasText: new RegExp(`^${label}`) });
      const count = Number((await row.locator("span").last().textContent())!.replace(/,/g, ""));
      await row.click();
      await expect(page).toHaveURL(param);
      expect(await listedTotal(page)).toBe(count);
      await page.goBack();
    });
  }

  await test.step("failed pushes", async () => {
    const tile = page.getByTestId("tile-dead");
    const count = await figure(tile);
    await tile.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/push-log\?state=dead$/);
    await expect(page.getByRole("navigation", { name: "Push job states" }).getByRole("link", { name: `Dead (${count})` })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByTestId("push-job")).toHaveCount(count);
    await shot(page, "push-log-dead-1280");
    await page.goBack();
  });

  await test.step("uploads waiting in the inbox", async () => {
    await page
      .getByTestId("tile-uploads")
      .getByRole("link", { name: /waiting in the inbox/ })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Uploads inbox" })).toBeVisible();
  });
});

test("dashboard at phone width", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  await expectNoSideScroll(page);
  await shot(page, "dashboard-390");
});
