import { expect, test } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn } from "../support/demo";

test("an unauthenticated visitor is sent to sign in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await screenshot(page, "signin");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(DEMO_USERS.owner);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test("the demo user signs in, sees the app shell, and signs out", async ({ page, context }) => {
  await signIn(page, DEMO_USERS.owner);
  await expect(page.getByTestId("tenant-name")).toHaveText("Acme Corp (demo)");
  await expect(page.getByTestId("user-role")).toHaveText("OWNER");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await screenshot(page, "overview");

  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(200);

  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect((await context.cookies()).some((c) => c.name.includes("session-token"))).toBe(false);
  const after = await page.request.get("/api/me");
  expect(after.status()).toBe(401);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
});

test("security headers and a nonce-based content security policy are sent", async ({ request }) => {
  const res = await request.get("/signin");
  const headers = res.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
});
