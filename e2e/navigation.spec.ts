import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO } from "./support";

const SHOTS = path.resolve(__dirname, "../e2e-results/screenshots");
mkdirSync(SHOTS, { recursive: true });

const pages = [
  { nav: "Dashboard", heading: "Dashboard", path: "/" },
  { nav: "Orders", heading: "Orders", path: "/orders" },
  { nav: "Integrations", heading: "Integrations", path: "/integrations" },
  { nav: "Status mapping", heading: "Status mapping", path: "/status-mapping" },
  { nav: "Uploads", heading: "Uploads inbox", path: "/uploads" },
  { nav: "Push log", heading: "Push log", path: "/push-log" },
  { nav: "Users", heading: "Users", path: "/users" },
];

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, "sign-in-refused.png"), fullPage: true });
});

test("the demo admin signs in and opens every navigation entry", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const entry of pages) {
    await test.step(entry.nav, async () => {
      await nav.getByRole("link", { name: entry.nav, exact: true }).click();
      await expect(page).toHaveURL(new RegExp(`${entry.path === "/" ? "/$" : entry.path}`));
      await expect(page.getByRole("heading", { level: 1, name: entry.heading })).toBeVisible();
      await page.screenshot({
        path: path.join(SHOTS, `nav-${entry.path === "/" ? "dashboard" : entry.path.slice(1)}.png`),
        fullPage: true,
      });
    });
  }
  // The demo seed's orders are listed (other specs' fixtures may fill the first page: ask for the demo account's).
  await nav.getByRole("link", { name: "Orders", exact: true }).click();
  await page.goto("/orders?q=DEMO-1001");
  await expect(page.getByRole("cell", { name: "DEMO-1001", exact: true })).toBeVisible();
});
