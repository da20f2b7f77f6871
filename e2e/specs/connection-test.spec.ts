import { expect, test } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn } from "../support/demo";

test("Test connection on the demo connection shows every member account's result live", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO_USERS.owner);
  await page.getByRole("link", { name: "AWS connections" }).click();
  await page.getByRole("link", { name: "Acme Corp organization (sandbox)" }).click();
  const panel = page.getByRole("region", { name: "Member accounts" });
  await panel.getByRole("button", { name: "Test connection" }).click();
  // The run is queued, then runs in the worker; the page follows it without a reload.
  const status = panel.getByTestId("connection-test-status");
  await expect(status).toHaveAttribute("data-status", /QUEUED|RUNNING|SUCCEEDED/);
  await expect(status).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 120_000 });
  await expect(panel.getByTestId("management-ok")).toContainText("Assumed");
  const checked = /(\d+) of \1 accounts checked/.exec((await status.textContent()) ?? "");
  expect(checked, "every account of the organization was checked").not.toBeNull();
  const total = Number(checked![1]);
  // The demo organization: a dozen accounts, most connected, one suspended (never assumed).
  expect(total).toBeGreaterThanOrEqual(10);
  await expect(panel.getByTestId("account-access")).toHaveCount(total);
  expect(await panel.locator('[data-testid="account-access"][data-state="CONNECTED"]').count()).toBeGreaterThanOrEqual(10);
  const suspended = panel.locator('[data-testid="account-access"][data-state="SUSPENDED"]');
  await expect(suspended).toHaveCount(1);
  await expect(suspended).toContainText("not scanned");
  await screenshot(page, "connection-test");

  // The API reports the same run.
  const api = await page.request.get(page.url().replace("/settings/connections/", "/api/v1/connections/") + "/test");
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { result: { run: { status: string }; accounts: unknown[] } };
  expect(body.result.run.status).toBe("SUCCEEDED");
  expect(body.result.accounts).toHaveLength(total);
});

test("a viewer sees the member accounts' access but cannot run a test", async ({ page }) => {
  await signIn(page, DEMO_USERS.viewer);
  await page.goto("/settings/connections");
  await page.getByRole("link", { name: "Acme Corp organization (sandbox)" }).click();
  const panel = page.getByRole("region", { name: "Member accounts" });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole("button", { name: "Test connection" })).toHaveCount(0);
  const url = page.url().replace("/settings/connections/", "/api/v1/connections/") + "/test";
  expect((await page.request.post(url)).status()).toBe(403);
});
