import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { pruvanCounts, startPushEndpoint, type PushEndpoint } from "../tests/support/pruvan-push";
import { readZip } from "../tests/support/unzip";
import { DESKTOP, PHONE, expectNoSideScroll, shot, signIn } from "./support";

// The staff portal's main journeys, one after the other as a person does them, in a real
// Chromium against the e2e server: a Pruvan account connected, an order created and found
// and edited, Pruvan's side played by our conformance checker (photo, survey, check-in),
// the results seen and downloaded, a status mapped, and a failed push retried.
//
// The integration is created first: Pruvan's uploads only match orders of the account
// that sends them, so the order must belong to the integration whose key the checker uses.

test.describe.configure({ mode: "serial" });

const ROOT = path.resolve(__dirname, "..");
const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3107}`;
const RUN = Date.now().toString(36).slice(-5);
const USERNAME = `e2e-crew-${RUN}`;
const ORDER = `E2E-J-${RUN}`.toUpperCase();
const PUSH_KEY = `journey-${RUN}`;

let context: BrowserContext;
let page: Page;
let push: PushEndpoint;
let apiKey = "";

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext({ viewport: DESKTOP });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  page = await context.newPage();
  // Pruvan's push endpoint, played by a local server: the first two pushes fail with 500.
  push = await startPushEndpoint();
  push.answer(PUSH_KEY, (req, nth) => (nth <= 2 ? { status: 500, body: "Internal Server Error" } : pruvanCounts(req)));
});

test.afterAll(async () => {
  await context?.close();
  await push?.close();
});

const textbox = (name: string, scope: Page | ReturnType<Page["locator"]> = page) => scope.getByRole("textbox", { name, exact: true });

test("sign in", async () => {
  await signIn(page);
  await shot(page, "journey-01-signed-in");
});

test("create an integration and copy its key", async () => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
  await textbox("Username").fill(USERNAME);
  await textbox("Name").fill("E2E crew");
  await page.getByRole("combobox", { name: "Mode" }).selectOption("internal");
  await textbox("Client code").fill(`E2E${RUN}`.toUpperCase());
  await page.getByRole("button", { name: "Create integration and issue its key" }).click();

  const card = page.getByTestId("setup-card");
  await expect(card.getByText("Copy the key now: you won't see it again.")).toBeVisible();
  await expect(card.getByLabel("Web service URL")).toHaveValue(`${BASE}/api/pruvan`);
  await expect(card.getByLabel("Web service extension")).toHaveValue("html");
  await expect(card.getByLabel("Username")).toHaveValue(USERNAME);
  await card.getByRole("button", { name: "Copy key" }).click();
  await expect(card.getByRole("button", { name: "Copied ✓" })).toBeVisible();
  apiKey = await page.evaluate(() => navigator.clipboard.readText());
  expect(apiKey).toMatch(/^pk_[A-Za-z0-9_-]{43}$/);
  await expect(card.getByTestId("api-key")).toHaveValue(apiKey);
  await shot(page, "journey-02-integration-key");

  await page.setViewportSize(PHONE);
  await expectNoSideScroll(page);
  await shot(page, "journey-02-integration-key-390");
  await page.setViewportSize(DESKTOP);

  // Shown once: gone after a reload, never on the integration's page.
  await page.reload();
  await expect(page.getByTestId("setup-card")).toHaveCount(0);
  await page.getByRole("link", { name: USERNAME }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Integration ${USERNAME}` })).toBeVisible();
  expect(await page.content()).not.toContain(apiKey);

  // Its settings stay editable (all but the username, Pruvan's login), in a dialog.
  await page.getByRole("button", { name: "Edit settings" }).click();
  const dialog = page.getByRole("dialog", { name: `Settings of ${USERNAME}` });
  await expect(dialog.getByRole("combobox", { name: "Mode" })).toHaveValue("internal");
  await textbox("Name", dialog).fill("E2E field crew");
  await shot(page, "journey-02-integration-settings");
  await dialog.getByRole("button", { name: "Save settings" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Saved the settings of ${USERNAME}.`)).toBeVisible();
  await expect(page.getByText("E2E field crew · internal")).toBeVisible();
});

test("create an order with two services", async () => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  await page.getByRole("link", { name: "New order" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New order" })).toBeVisible();
  await page
    .getByRole("combobox", { name: "Integration (Pruvan account)" })
    .selectOption({ label: `E2E field crew (${USERNAME}, internal)` });
  const status = page.getByRole("combobox", { name: "Pruvan status" });
  // Internal integrations may set unassigned/assigned; nothing only Pruvan sets is offered.
  await expect(status.locator("option")).toHaveText(["not set", "unassigned", "assigned", "rush", "rework"]);

  await textbox("Work order number").fill(ORDER);
  await textbox("Work order info").fill("Lockbox 4411");
  await textbox("Address 1").fill("77 Juniper Court");
  await textbox("City").fill("Pflugerville");
  await textbox("State").fill("TX");
  await textbox("Zip").fill("78660");
  await textbox("Assigned to").fill("crew-lead");
  await status.selectOption("assigned");
  await expect(page.getByText("assigned: Internal integrations only.")).toBeVisible();
  await page.getByLabel("Due date", { exact: true }).fill("2030-06-14");
  await page.getByRole("combobox", { name: "Client status", exact: true }).fill("Order Created");
  await expect(page.getByText('Status mapping: "Order Created" sets no Pruvan status.')).toBeVisible();

  await test.step("instructions in light HTML, previewed safely", async () => {
    const instructions = textbox("Instructions for the field");
    await instructions.fill(
      '<h2>Gate code 4411</h2><p>Photos of <b>every</b> side.</p><script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">',
    );
    const group = page.getByRole("region", { name: "Instructions" });
    await group.getByRole("button", { name: "Preview" }).click();
    const preview = group.getByText("Preview (as shown on the phone)").locator("..");
    await expect(preview.getByRole("heading", { name: "Gate code 4411" })).toBeVisible();
    await expect(preview.locator("b")).toHaveText("every");
    await expect(preview.locator("script, img")).toHaveCount(0);
    expect(await page.title()).not.toBe("pwned");
  });

  await test.step("two services, added and reordered with the keyboard", async () => {
    const rows = page.getByTestId("service-row");
    await textbox("Service name", rows.nth(0)).fill("Exterior Photos");
    await page.getByRole("button", { name: "+ Add a service" }).focus();
    await page.keyboard.press("Enter");
    await expect(rows).toHaveCount(2);
    await expect(textbox("Service name", rows.nth(1))).toBeFocused();
    await page.keyboard.type("Lawn Maintenance");
    await textbox("Survey template", rows.nth(1)).fill("vendor1::Simple-v1");
    await rows.nth(1).getByRole("button", { name: "Move Lawn Maintenance up" }).focus();
    await page.keyboard.press("Enter");
    await expect(rows.nth(0).getByRole("heading")).toContainText("Lawn Maintenance");
    await expect(rows.nth(0).getByRole("button", { name: "Move Lawn Maintenance down" })).toBeFocused();
    await expect(textbox("Survey template", rows.nth(0))).toHaveValue("vendor1::Simple-v1");
  });

  await shot(page, "journey-03-new-order-filled");
  await page.getByRole("button", { name: "Create order" }).click();
  await expect(page.getByText(`Created order ${ORDER}.`)).toBeVisible();
  await shot(page, "journey-03-order-created", false);
  await page.getByRole("link", { name: `Open order ${ORDER}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${ORDER}` })).toBeVisible();
  const services = page.getByRole("region", { name: /^Services/ });
  await expect(services.getByRole("heading", { level: 3 })).toHaveText([/^1\. Lawn Maintenance/, /^2\. Exterior Photos/]);
  await expect(page.getByRole("heading", { name: "Gate code 4411" })).toBeVisible();
});

test("find it by search and filter", async () => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  const filters = page.getByRole("search", { name: "Filter orders" });
  await filters.getByLabel("Search").fill("juniper");
  await filters.getByLabel("Integration").selectOption(USERNAME);
  await filters.getByLabel("Status", { exact: true }).selectOption("assigned");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`/orders\\?q=juniper&status=assigned&integration=${USERNAME}$`));
  const rows = page.getByTestId("order-row");
  await expect(rows).toHaveCount(1);
  await shot(page, "journey-04-found");
  await rows.getByRole("link", { name: ORDER }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Order ${ORDER}` })).toBeVisible();
});

test("edit it within the rules, and see a refusal with its rule", async () => {
  await page.getByRole("link", { name: "Edit order" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit order ${ORDER}` })).toBeVisible();
  await expect(page.getByText("Locked fields: Pruvan takes them only when the order is created").first()).toBeVisible();
  await expect(textbox("Address 1")).toHaveCount(0); // shown, not editable

  const status = page.getByRole("combobox", { name: "Pruvan status" });
  await status.selectOption("deleted");
  await expect(page.getByRole("checkbox", { name: /Yes, set the Pruvan status to deleted/ })).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  const refusal = 'Setting "deleted" removes the order from Pruvan. Confirm it explicitly to proceed.';
  await expect(page.getByRole("alert").filter({ hasText: "Not saved: one field needs attention." })).toBeVisible();
  await expect(page.locator("#f-status-error")).toHaveText(refusal);
  await shot(page, "journey-05-edit-refused", false);

  await status.selectOption("rush");
  await page.getByRole("combobox", { name: "Client status", exact: true }).fill("Rush Order");
  await textbox("Task instructions", page.getByTestId("service-row").nth(0)).fill("Front and back lawn");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Saved order ${ORDER}.`)).toBeVisible();
  await expect(status).toHaveValue("rush");
  await shot(page, "journey-05-edit-saved", false);

  await page.setViewportSize(PHONE);
  await expectNoSideScroll(page);
  await shot(page, "journey-05-edit-390");
  await page.setViewportSize(DESKTOP);
});

test("Pruvan's side: the conformance checker uploads a photo, a survey and a check-in", async () => {
  test.setTimeout(120_000);
  const report = await new Promise<{
    ok: boolean;
    uploaded: Record<string, string>;
    checks: { name: string; status: string; detail?: string }[];
  }>((resolve, reject) => {
    execFile(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [
        "lib/pruvan/check/main.ts",
        "--url",
        `${BASE}/api/pruvan`,
        "--username",
        USERNAME,
        "--token",
        apiKey,
        "--ext",
        ".html",
        "--order",
        ORDER,
        "--push-key",
        push.url(PUSH_KEY),
        "--json",
      ],
      { cwd: ROOT, timeout: 90_000 },
      (err, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`pruvan:check failed: ${err?.message}\n${stdout}\n${stderr}`));
        }
      },
    );
  });
  expect(
    report.checks.filter((c) => c.status === "fail"),
    JSON.stringify(report.checks, null, 2),
  ).toEqual([]);
  expect(report.ok).toBe(true);
  expect(Object.keys(report.uploaded).sort()).toEqual(["checkIn", "photo", "survey"]);

  // Pruvan called as the integration: its page shows the calls and the push key it handed over.
  await page.goto("/integrations");
  await page.getByRole("link", { name: USERNAME }).click();
  const calls = page.getByTestId("pruvan-call");
  await expect(calls.filter({ hasText: "uploadPictures" }).first()).toBeVisible();
  await expect(calls.filter({ hasText: "validate" }).first()).toBeVisible();
  await expect(page.getByText(new URL(push.url(PUSH_KEY)).host, { exact: true })).toBeVisible(); // the push key's host, never the key
  await shot(page, "journey-06-integration-calls");
});

test("see them in the gallery and the survey view", async () => {
  await page.goto(`/orders?q=${ORDER}`);
  await page.getByRole("link", { name: ORDER, exact: true }).click();
  const photos = page.getByRole("region", { name: /^Photos/ });
  await expect(photos.getByRole("group", { name: "Before, Lawn Maintenance" }).getByRole("button")).toHaveCount(1);
  const thumb = photos.getByRole("img").first();
  await expect.poll(() => thumb.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await photos.locator("li").getByRole("button").first().click();
  const viewer = page.getByRole("dialog", { name: "Photo viewer" });
  await expect(viewer.getByText("pruvan-check", { exact: false }).first()).toBeVisible();
  await expect(viewer.getByRole("img")).toHaveJSProperty("complete", true);
  await shot(page, "journey-07-lightbox", false);
  await page.keyboard.press("Escape");
  await expect(viewer).toBeHidden();

  await expect(page.getByRole("region", { name: /^Check-ins/ }).getByText("on site")).toBeVisible();
  const surveys = page.getByRole("region", { name: /^Surveys/ });
  await expect(surveys.getByText("What is your favorite color?")).toBeVisible();
  await shot(page, "journey-07-order-results");
  await surveys.getByRole("link", { name: "Open survey view" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Survey vendor1::Simple-v1" })).toBeVisible();
  const answers = page.getByRole("article", { name: "Survey answers" });
  await expect(answers.getByText("Blue", { exact: true })).toBeVisible();
  // The answer links to the photo it was given with: the one the checker uploaded first.
  await expect(answers.getByRole("button", { name: /^Before photo 1 of 1, Lawn Maintenance.*by pruvan-check/ })).toBeVisible();
  await shot(page, "journey-07-survey");
});

test("download the ZIP", async () => {
  await page.goto(`/orders?q=${ORDER}`);
  await page.getByRole("link", { name: ORDER, exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download all (ZIP)" }).click()]);
  expect(download.suggestedFilename()).toBe(`${ORDER}-work-results.zip`);
  const names = readZip(readFileSync(await download.path())).map((e) => e.name);
  for (const [folder, ext] of [
    ["Lawn Maintenance/before", ".jpg"],
    ["Lawn Maintenance/Surveys", ".pdf"],
    ["Lawn Maintenance/Surveys", ".json"],
    ["Lawn Maintenance/Check-ins", ".json"],
  ] as const) {
    expect(
      names.some((n) => n.startsWith(`${ORDER}/${folder}/`) && n.endsWith(ext)),
      `${folder} *${ext} in ${names.join(", ")}`,
    ).toBe(true);
  }
});

test("map a status", async () => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Status mapping" }).click();
  const add = page.getByTestId("mapping-new");
  await textbox("Client status", add).fill("Vendor Finished");
  await add.getByRole("combobox", { name: "Pruvan status" }).selectOption("complete");
  await add.getByRole("button", { name: "Add the mapping" }).click();
  await expect(add.getByRole("alert")).toHaveText(
    '"complete" is set by Pruvan users or Pruvan\'s workflow only, never by a remote system.',
  );
  await shot(page, "journey-08-mapping-refused", false);

  await textbox("Client status", add).fill("Expedite");
  await add.getByRole("combobox", { name: "Pruvan status" }).selectOption("rush");
  await add.getByRole("button", { name: "Add the mapping" }).click();
  await expect(page.getByText('Mapped "Expedite" → rush.')).toBeVisible();
  await expect(page.getByTestId("mapping-row").filter({ has: page.locator('input[value="Expedite"]') })).toHaveCount(1);
  await shot(page, "journey-08-mapped");
});

test("see a failed push and retry it", async () => {
  test.setTimeout(90_000);
  await test.step("a change goes out: its status now comes from the new mapping", async () => {
    await page.goto(`/orders?q=${ORDER}`);
    await page.getByRole("link", { name: ORDER, exact: true }).click();
    await page.getByRole("link", { name: "Edit order" }).click();
    await page.getByRole("combobox", { name: "Pruvan status" }).selectOption("");
    await page.getByRole("combobox", { name: "Client status", exact: true }).fill("Expedite");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(`Saved order ${ORDER}. It goes to Pruvan with the next push.`)).toBeVisible();
  });

  await test.step("Pruvan answers 500 twice: the job is given up (dead) with the answer", async () => {
    await push.waitFor((requests) => requests.filter((r) => r.apiKey === PUSH_KEY).length >= 2);
    await page.goto(`/push-log?state=dead&integration=${USERNAME}`);
    const job = page.getByTestId("push-job").filter({ hasText: ORDER });
    await expect(async () => {
      await page.reload();
      await expect(job).toHaveCount(1, { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await expect(job.getByText("dead", { exact: true })).toBeVisible();
    await expect(job.getByText("HTTP 500", { exact: true })).toBeVisible();
    await shot(page, "journey-09-push-dead");
  });

  await test.step("retry now: delivered", async () => {
    const job = page.getByTestId("push-job").filter({ hasText: ORDER });
    await job.getByRole("button", { name: /^Retry now/ }).click();
    await expect(page).toHaveURL(/retried=/);
    await expect(page.getByRole("status").filter({ hasText: "Queued again" })).toContainText(`push of ${ORDER} to ${USERNAME}`);
    await push.waitFor((requests) => requests.filter((r) => r.apiKey === PUSH_KEY).length >= 3);
    const sent = push.forKey(PUSH_KEY)[2]!.workOrders!.find((o) => o.workOrderNumber === ORDER)!;
    // A delta update: Pruvan already received "rush" (the checker's pulls carried it), so the
    // status the new mapping gives is the same and is left out (remote-fields-and-statuses, "Not Set").
    expect(sent).toMatchObject({ workOrderNumber: ORDER, clientStatus: "Expedite" });
    expect(sent.status).toBeUndefined();
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("status").filter({ hasText: "Queued again" })).toContainText("is delivered.", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await page.getByRole("link", { name: /^All/ }).click();
    await expect(page.getByTestId("push-job").filter({ hasText: ORDER }).first().getByText("delivered", { exact: true })).toBeVisible();
    await shot(page, "journey-09-push-delivered");
    await page.getByRole("link", { name: "Calls to Pruvan" }).click();
    await expect(page.getByTestId("push-batch").filter({ hasText: USERNAME }).filter({ hasText: "failed" })).toHaveCount(2);
    await expect(page.getByTestId("push-batch").filter({ hasText: USERNAME }).filter({ hasText: "delivered" })).toHaveCount(1);
    await shot(page, "journey-09-push-calls");
  });
});
