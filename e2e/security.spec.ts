import { expect, test, type Page } from "@playwright/test";
import { DEMO, shot } from "./support";

// The browser's side of the portal's security promises (docs/security.md), in Chromium:
// a sign-in link cannot send the browser to another site, and pages run only the scripts
// that carry their own nonce.

async function signInFrom(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel("Email").fill(DEMO.email);
  await page.getByLabel("Password").fill(DEMO.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

// Each passed the old "starts with / and not //" filter, or is plainly foreign.
const FOREIGN_TARGETS = ["/%5Cevil.example", "/%09/evil.example", "/%0A/evil.example", "https://evil.example/", "//evil.example"];

test("a sign-in link whose callbackUrl points off the portal lands on the portal", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on("request", (r) => void (new URL(r.url()).hostname.endsWith("evil.example") && foreign.push(r.url())));
  for (const target of FOREIGN_TARGETS) {
    await test.step(target, async () => {
      await page.context().clearCookies();
      await signInFrom(page, `/sign-in?callbackUrl=${target}`);
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    });
  }
  expect(foreign, "no request ever left for the foreign host").toEqual([]);
});

test("a callbackUrl on the portal still brings the user back to that page", async ({ page }) => {
  await page.context().clearCookies();
  await signInFrom(page, "/sign-in?callbackUrl=%2Forders%3Fq%3DDEMO");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/orders");
});

test("pages run their own scripts by nonce and refuse an injected one", async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.context().clearCookies();
  await signInFrom(page, "/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // Client navigation and a client-side filter work: Next's scripts ran under the policy.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  expect(violations.filter((v) => v !== "script-src eval")).toEqual([]);

  // Markup injected into a page (what a stored XSS would do): its script has no nonce and must not run,
  // while the page's own scripts, rendered with the nonce, still do.
  await page.route("**/orders", async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace("</head>", "<script>window.__injected = true</script></head>");
    await route.fulfill({ response: res, body });
  });
  await page.goto("/orders");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  const after = await page.evaluate(() => ({
    injected: "__injected" in window,
    violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
  }));
  expect(after.injected).toBe(false);
  // zod probes once whether `new Function` is allowed (it is not; zod catches that and parses without
  // it), which Chromium also reports: the one refusal besides the injected script.
  expect(after.violations.filter((v) => v !== "script-src eval")).toEqual(["script-src-elem inline"]);
  await shot(page, "security-orders-under-csp");
});
