import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DEMO } from "./support";

const SHOTS = path.resolve(__dirname, "../e2e-results/screenshots");

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an admin adds a staff member, resets the password, and disables the account", async ({ page, browser }) => {
  const email = `crew-lead-${Date.now()}@example.com`;
  await signIn(page, DEMO.email, DEMO.password);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();

  await test.step("a too-short password is refused beside the field", async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText("must be at least 10 characters")).toBeVisible();
  });

  await test.step("add", async () => {
    await page.getByLabel("Password").fill("first-password-1");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText(`Added ${email}.`)).toBeVisible();
    await expect(page.getByRole("cell", { name: email })).toBeVisible();
  });

  const row = page.getByRole("row").filter({ hasText: email });
  await test.step("reset password", async () => {
    await row.getByRole("button", { name: "Reset password" }).click();
    await row.getByLabel(`New password for ${email}`).fill("second-password-2");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByText("Password changed.")).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, "users-reset.png"), fullPage: true });
  });

  await test.step("the new staff member signs in with the new password and cannot open Users", async () => {
    const context = await browser.newContext();
    const staffPage = await context.newPage();
    await signIn(staffPage, email, "second-password-2");
    await expect(staffPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    const res = await staffPage.goto("/users");
    expect(res?.status()).toBe(403);
    await expect(staffPage.getByRole("heading", { name: "Admins only" })).toBeVisible();
    await context.close();
  });

  await test.step("disable", async () => {
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row.getByText("disabled")).toBeVisible();
    const context = await browser.newContext();
    const staffPage = await context.newPage();
    await signIn(staffPage, email, "second-password-2");
    await expect(staffPage.getByText("Wrong email or password")).toBeVisible();
    await context.close();
  });
});
