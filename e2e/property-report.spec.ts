import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { pdfPageCount, pdfPagesText, renderPage } from "../tests/support/pdf";
import { DESKTOP, SHOTS, attachShot, loadFixtures, signIn } from "./support";

// The property report as the office downloads it: "Report (PDF)" on the order page, the
// file read back (pdftotext) and its pages kept as screenshots beside the portal's, and
// attached to the test's report with the PDF.

const ORDER = "E2E-REPORT-1";

test.beforeAll(() => {
  loadFixtures(ORDER);
});

test("Report (PDF) downloads the order's property report; all photos on request", async ({ page }, testInfo) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  await page.goto(`/orders?q=${ORDER}`);
  await page.getByRole("link", { name: ORDER, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${ORDER}` })).toBeVisible();
  await attachShot(page, testInfo, "report-order-page", false);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Report (PDF)", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${ORDER}-property-report.pdf`);
  const approvedOnly = readFileSync(await download.path());
  const cover = pdfPagesText(approvedOnly)[0]!;
  expect(cover).toContain(`Work order ${ORDER}`);
  expect(cover).toContain("110 East Main Street");
  expect(cover).toContain("0 of 9"); // nothing approved yet in this order
  expect(cover).toContain("approved photos only: 9 photos not approved (yet) are left out");

  const [all] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Report (PDF) with all photos, reviewed or not" }).click(),
  ]);
  const allPhotos = readFileSync(await all.path());
  const text = pdfPagesText(allPhotos).join("\n");
  expect(text).toContain("NOT REVIEWED");
  expect(text).toContain("Taken 2026-03-03 15:00:00 by jsmith");
  await testInfo.attach(`${ORDER}-property-report-all-photos.pdf`, { body: allPhotos, contentType: "application/pdf" });
  for (let n = 1; n <= Math.min(3, pdfPageCount(allPhotos)); n++) {
    const { png } = await renderPage(allPhotos, n, 80);
    writeFileSync(path.join(SHOTS, `report-page-${n}.png`), png);
    await testInfo.attach(`report-page-${n}`, { body: png, contentType: "image/png" });
  }
});
