import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DESKTOP, PHONE, expectNoSideScroll, layoutShift, listedTotal, loadFixtures, shot, signIn } from "./support";

// Finding orders: search and filters kept in the URL, removable chips, sorting, the CSV
// export of what is listed, by mouse and by keyboard, at desktop and phone width.

test.beforeAll(() => loadFixtures("--portal"));

test("find an order by search and filter, remove a chip, export what is listed", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  const filters = page.getByRole("search", { name: "Filter orders" });
  const rows = page.getByTestId("order-row");

  await test.step("search and a status filter", async () => {
    await filters.getByLabel("Search").fill("oak");
    await filters.getByLabel("Status", { exact: true }).selectOption("assigned");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/orders\?q=oak&status=assigned$/);
    await expect(rows).toHaveCount(2);
    await expect(rows.getByRole("link", { name: "PF-1001" })).toBeVisible();
    await expect(rows.getByRole("link", { name: "PF-1006" })).toBeVisible();
    expect(await listedTotal(page)).toBe(2);
    await shot(page, "orders-filtered-1280");
  });

  await test.step("remove the status chip: the filter leaves the list and the form", async () => {
    const chips = page.getByRole("group", { name: "Active filters" });
    await expect(chips.getByRole("link")).toHaveText([/Search: oak/, /Status: assigned/, "Clear all"]);
    await chips.getByRole("link", { name: /Status: assigned/ }).click();
    await expect(page).toHaveURL(/\/orders\?q=oak$/);
    await expect(filters).toHaveCount(1); // the old form is gone, not kept beside the new one
    await expect(filters.getByLabel("Status", { exact: true })).toHaveValue("");
    await expect(filters.getByLabel("Search")).toHaveValue("oak");
    await expect(rows.getByRole("link", { name: "DEMO-1002" })).toBeVisible(); // 2500 Oak Hollow Drive, status not set
    expect(await listedTotal(page)).toBe(3);
  });

  await test.step("sort by due date from the column header", async () => {
    await page
      .getByRole("columnheader", { name: /Due date/ })
      .getByRole("link")
      .click();
    await expect(page).toHaveURL(/\/orders\?q=oak&sort=due$/);
    await expect(page.getByRole("columnheader", { name: /Due date/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(rows.first().getByRole("link")).toHaveText("PF-1001"); // due 5 days ago
  });

  await test.step("export CSV: the listed orders, in the listed order", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Export CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d\d-\d\d\.csv$/);
    const lines = readFileSync(await download.path(), "utf8")
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^workOrderNumber,integration,status,/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(await rows.getByRole("link").allTextContents());
  });
});

test("the keyboard alone: search, open a result, focus always visible", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/orders");
  await page.keyboard.press("Tab"); // the skip link comes first
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  const search = page.getByLabel("Search");
  for (let i = 0; i < 10 && !(await search.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(search).toBeFocused();
  await page.keyboard.type("PF-1003");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orders\?q=PF-1003$/);
  await expect(page.getByTestId("order-row")).toHaveCount(1);

  // Tab on to the result's link: it shows a focus ring, and Enter opens the order.
  const link = page.getByTestId("order-row").getByRole("link", { name: "PF-1003" });
  // Past the filters, the chips, the bulk bar and the sort headers.
  for (let i = 0; i < 80 && !(await link.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(link).toBeFocused();
  expect(await link.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  await shot(page, "orders-keyboard-focus-1280", false);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Order PF-1003" })).toBeVisible();
});

test("nothing moves when the list arrives", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto("/orders?sort=due");
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  expect(await layoutShift(page)).toBeLessThan(0.05);
});

test("at phone width: search first and more filters on request, the table keeps number, status and due date, the menu opens", async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  await page.goto("/orders?overdue=1&sort=due");
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  await expectNoSideScroll(page);
  const filters = page.getByRole("search", { name: "Filter orders" });
  await expect(filters.getByLabel("Search")).toBeVisible();
  await expect(filters.getByLabel("Status", { exact: true })).toBeHidden();
  await filters.getByRole("button", { name: "More filters (1 in use)" }).click();
  await expect(filters.getByLabel("Overdue")).toBeChecked();
  await shot(page, "orders-filters-open-390", false);
  await filters.getByRole("button", { name: "Fewer filters" }).click();
  await expect(page.getByRole("columnheader", { name: /Number/ })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /Due date/ })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Address" })).toBeHidden();
  await shot(page, "orders-390");

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Uploads" })).toBeHidden();
  await nav.getByRole("button", { name: "Menu" }).click();
  await expect(nav.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
  await shot(page, "nav-open-390", false);
  await nav.getByRole("link", { name: "Uploads" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uploads inbox" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Orders" })).toBeHidden();
});
