import { expect, test } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn } from "../support/demo";

test("the demo connection shows its generated external ID and downloadable templates", async ({ page }) => {
  await signIn(page, DEMO_USERS.owner);
  await page.getByRole("link", { name: "AWS connections" }).click();
  await page.getByRole("link", { name: "Acme Corp organization (sandbox)" }).click();
  const externalId = (await page.getByTestId("external-id").textContent())?.trim() ?? "";
  expect(externalId.length).toBeGreaterThanOrEqual(32);
  await screenshot(page, "connection");
  const href = await page.getByRole("link", { name: /management-account role/ }).getAttribute("href");
  const template = await page.request.get(href!);
  expect(template.status()).toBe(200);
  const body = await template.text();
  expect(body).toContain(externalId);
  expect(body).toContain("sts:ExternalId");
});

test("an admin creates a connection; Guardrail generates a new external ID and rejects a bad role ARN", async ({ page }) => {
  await signIn(page, DEMO_USERS.owner);
  await page.goto("/settings/connections");
  const form = page.getByRole("form", { name: "New connection" });
  await form.getByLabel("Name", { exact: true }).fill("Bad ARN org");
  await form.getByLabel("Management-account role ARN").fill("not-an-arn");
  await form.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /role|ARN/i })).toBeVisible();

  const name = `Second org ${Date.now()}`;
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Management-account role ARN").fill("arn:aws:iam::210987654321:role/GuardrailOrgReader");
  await form.getByRole("button", { name: "Create connection" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const externalId = (await page.getByTestId("external-id").textContent())?.trim() ?? "";
  expect(externalId).toMatch(/^[A-Za-z0-9_-]{32,}$/);
});

test("a viewer sees connections and scans but cannot change or run anything", async ({ page }) => {
  await signIn(page, DEMO_USERS.viewer);
  await page.goto("/settings/connections");
  await expect(page.getByRole("form", { name: "New connection" })).toHaveCount(0);
  await page.goto("/scans");
  await expect(page.getByRole("button", { name: /Scan now|Scan / })).toHaveCount(0);
});

test("the first scan of the demo organization runs to completion with live progress", async ({ page }) => {
  test.setTimeout(8 * 60_000);
  await signIn(page, DEMO_USERS.owner);
  await page.getByRole("link", { name: "Scans" }).click();
  await expect(page.getByRole("table", { name: "Scan history" })).toBeVisible();
  await page.getByRole("table", { name: "Scan history" }).getByRole("link").last().click();
  await expect(page.getByRole("progressbar", { name: "Scan progress" })).toBeVisible();
  await screenshot(page, "scan-running");
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", /SUCCEEDED|PARTIAL/, { timeout: 7 * 60_000 });
  await expect(page.getByTestId("scan-tasks")).toHaveText(/^(\d+) \/ \1$/);
  await screenshot(page, "scan-finished");

  // The overview now counts the organization's accounts and resources.
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByText("Accounts", { exact: true })).toBeVisible();
  const resources = page.locator(".kpi", { hasText: "Resources" }).locator(".value");
  await expect(resources).not.toHaveText("0");
});

test("Scan now starts a scan that can be cancelled", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/scans");
  await page.getByRole("button", { name: /^Scan (now|Acme Corp organization)/ }).first().click();
  await expect(page).toHaveURL(/\/scans\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Cancel scan" }).click();
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "CANCELLED", { timeout: 120_000 });
});
