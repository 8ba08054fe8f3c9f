import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";

// Shared by the portal's browser tests: sign-in, screenshots, and test data loaded into
// the e2e server's data folder (scripts/e2e-fixtures.ts, the way the endpoints store it).

const ROOT = path.resolve(__dirname, "..");
export const SHOTS = path.join(ROOT, "e2e-results/screenshots");
mkdirSync(SHOTS, { recursive: true });

/** The demo admin, with this run's password (e2e/playwright.config.ts; no install has a published one). */
export const DEMO = { email: "admin@demo.local", password: process.env.E2E_ADMIN_PASSWORD ?? "" };
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

export async function signIn(page: Page, login = DEMO) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The dashboard counts every order: seconds on a loaded machine.
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible({ timeout: 20_000 });
}

export const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

/** A screenshot kept under the test's own output folder and attached to its report entry. */
export async function attachShot(page: Page, testInfo: TestInfo, name: string, fullPage = true) {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** Runs scripts/e2e-fixtures.ts with these arguments against the e2e server's data; returns what it prints. */
export function loadFixtures<T = unknown>(...args: string[]): T {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set (e2e/playwright.config.ts sets it for the server it starts)");
  const out = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/e2e-fixtures.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
  });
  return JSON.parse(out.toString()) as T;
}

/** The "N work orders match the filters." figure of the orders page. */
export async function listedTotal(page: Page): Promise<number> {
  const text = await page
    .getByText(/work orders? (match the filters)?\.$/)
    .first()
    .textContent();
  return Number(/([\d,]+)/.exec(text ?? "")![1]!.replace(/,/g, ""));
}

/** Sum of the layout shifts seen so far on this page (Chromium's layout-shift entries). */
export function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
            if (!e.hadRecentInput) total += e.value;
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(total), 300);
      }),
  );
}

/** The page fits the viewport's width: nothing scrolls sideways but tables inside their own box. */
export async function expectNoSideScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(width);
}
