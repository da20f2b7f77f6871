import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn, waitForFirstScan } from "../support/demo";

test.describe.configure({ mode: "serial" });

async function resourceIdOf(page: Page, q: string): Promise<string> {
  const response = await page.request.get(`/api/v1/resources?q=${encodeURIComponent(q)}`);
  expect(response.status()).toBe(200);
  const { rows } = (await response.json()) as { rows: { id: string; resourceId: string }[] };
  const row = rows.find((r) => r.resourceId.endsWith(q));
  expect(row, `${q} is in the inventory`).toBeDefined();
  return row!.id;
}

test("search for a bucket, filter by account and service, open it: configuration, related resources, findings", async ({ page }) => {
  test.setTimeout(9 * 60_000);
  await signIn(page, DEMO_USERS.analyst);
  await waitForFirstScan(page);

  await page.getByRole("link", { name: "Inventory", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Inventory" })).toBeVisible();
  await expect(page.getByTestId("inventory-total")).toContainText(/\d+ resources/);
  await expect(page.getByRole("table", { name: "Resources" }).getByRole("row")).toHaveCount(51); // header + 50
  await screenshot(page, "inventory");

  // Next page and back: keyset cursors in the URL.
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/after=/);
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(page).toHaveURL(/before=/);

  // Full-text search.
  await page.getByRole("searchbox", { name: "Search resources" }).fill("payments-exports");
  await page.getByRole("searchbox", { name: "Search resources" }).press("Enter");
  await expect(page).toHaveURL(/q=payments-exports/);
  const table = page.getByRole("table", { name: "Resources" });
  await expect(table.getByRole("link", { name: "acme-payments-exports" })).toBeVisible();

  // Facets: account, then service; both filters land in the URL.
  const filters = page.getByRole("navigation", { name: "Inventory filters" });
  await filters.getByRole("link", { name: /^Filter by acme-payments-prod \(\d{12}\)/ }).click();
  await expect(page).toHaveURL(/accountId=\d{12}/);
  await filters.getByRole("link", { name: /^Filter by s3 \(/ }).click();
  await expect(page).toHaveURL(/service=s3/);
  await expect(page.getByRole("list", { name: "Active filters" }).getByRole("link")).toHaveCount(3);
  await expect(table.getByRole("link", { name: "acme-payments-exports" })).toBeVisible();
  await screenshot(page, "inventory-filtered");

  // The resource page.
  await table.getByRole("link", { name: "acme-payments-exports" }).click();
  await expect(page.getByRole("heading", { name: /acme-payments-exports/ })).toBeVisible();
  await expect(page.getByTestId("resource-arn")).toHaveText("arn:aws:s3:::acme-payments-exports");
  const config = page.getByRole("list", { name: "Configuration" });
  await expect(config).toContainText("PublicAccessBlockConfiguration");
  // The JSON tree is keyboard-operable: collapse the root with Enter.
  const root = config.locator("summary").first();
  await root.focus();
  await page.keyboard.press("Enter");
  await expect(config.getByText("PublicAccessBlockConfiguration")).toBeHidden();
  await page.keyboard.press("Enter");
  await expect(config.getByText("PublicAccessBlockConfiguration")).toBeVisible();
  await expect(page.getByRole("table", { name: "Related resources" })).toContainText("account public access block");
  const findings = page.getByRole("table", { name: "Findings of this resource" });
  await expect(findings.getByRole("link").first()).toBeVisible();
  await expect(page.getByRole("table", { name: "Tags" })).toContainText("BusinessUnit");
  await screenshot(page, "inventory-resource-bucket");

  // Follow a finding.
  await findings.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/findings\/[0-9a-f-]{36}$/);
});

test("an EC2 instance links its security groups, and a security group the instances using it", async ({ page }) => {
  await signIn(page, DEMO_USERS.owner);
  await page.goto("/inventory?resourceType=AWS::EC2::Instance&hasFindings=yes");
  const table = page.getByRole("table", { name: "Resources" });
  await table.getByRole("row").nth(1).getByRole("link").first().click();
  const related = page.getByRole("table", { name: "Related resources" });
  await expect(related).toContainText("security group");
  await expect(page.getByRole("link", { name: "Blast radius" })).toHaveAttribute("href", /^\/blast-radius\/arn%3Aaws%3Aec2/);
  await screenshot(page, "inventory-resource-instance");
  await related.getByRole("row").filter({ hasText: "security group" }).getByRole("link").first().click();
  await expect(page.getByRole("table", { name: "Related resources" })).toContainText("used by instance");
});

test("a business-unit owner sees only their business units' resources, in the page and the API", async ({ page }) => {
  await signIn(page, DEMO_USERS.owner);
  const lake = await resourceIdOf(page, "acme-data-lake");
  const ledger = await resourceIdOf(page, "acme-payments-ledger");
  await page.context().clearCookies();
  const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
  const seeded = execFileSync("npx", ["tsx", "e2e/specs/inventory-bu-owner.seed.ts"], { cwd: root, env: process.env });
  const units = JSON.parse(seeded.toString().trim().split("\n").pop() ?? "[]") as string[];

  await signIn(page, DEMO_USERS.buOwner);
  await page.goto("/inventory?q=acme-data-lake");
  await expect(page.getByText("No resource matches these filters.")).toBeVisible();
  expect((await page.request.get(`/api/v1/resources/${lake}`)).status()).toBe(404);
  await page.goto(`/inventory/${lake}`);
  await expect(page.getByRole("heading", { name: "Resource not found" })).toBeVisible();

  const mine = await page.request.get(`/api/v1/resources/${ledger}`);
  expect(mine.status()).toBe(200);
  await page.goto("/inventory");
  await screenshot(page, "inventory-bu-owner");
  const api = await page.request.get("/api/v1/resources?facets=1&size=200");
  const body = (await api.json()) as { facets: { businessUnitId: { values: { label: string }[] } } };
  const seen = body.facets.businessUnitId.values.map((v) => v.label);
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((name) => units.includes(name))).toBe(true);
});

test("bad filters get a clear message, not an empty list", async ({ page }) => {
  await signIn(page, DEMO_USERS.viewer);
  await page.goto("/inventory?accountId=12");
  await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toContainText("12 digits");
  const api = await page.request.get("/api/v1/resources?accountId=12");
  expect(api.status()).toBe(400);
  expect((await page.request.get("/api/v1/resources?after=nonsense")).status()).toBe(400);
});
