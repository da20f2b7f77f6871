import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn, waitForFirstScan } from "../support/demo";

test.describe.configure({ mode: "serial" });

/** The access graph is rebuilt by graph.rebuild after the scan's evaluation: wait for it. */
async function waitForGraph(page: Page) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get("/api/v1/graph/status");
        if (!response.ok()) return `HTTP ${response.status()}`;
        const { build } = (await response.json()) as { build: { edgeCount: number } | null };
        return build ? "built" : "not built";
      },
      { timeout: 3 * 60_000, intervals: [2_000] },
    )
    .toBe("built");
}

async function attackPathArn(page: Page, ruleId: string, name: string): Promise<string> {
  const response = await page.request.get(`/api/v1/graph/attack-paths?ruleId=${encodeURIComponent(ruleId)}&size=200`);
  expect(response.status()).toBe(200);
  const { rows } = (await response.json()) as { rows: { resourceArn: string; resourceName: string | null }[] };
  const row = rows.find((r) => (r.resourceName ?? r.resourceArn).includes(name));
  expect(row, `${ruleId} has a path for ${name}`).toBeDefined();
  return row!.resourceArn;
}

test("graph API routes refuse unauthenticated requests", async ({ request }) => {
  for (const route of ["/api/v1/graph/status", "/api/v1/graph/attack-paths", "/api/v1/graph/blast-radius?nodeId=internet", "/api/v1/graph/nodes/internet", "/api/v1/graph/effective-permissions?principalArn=x"]) {
    expect((await request.get(route)).status(), route).toBe(401);
  }
});

test("attack paths: ranked list with paths, filter by account, open the blast radius of an exposed instance", async ({ page }) => {
  test.setTimeout(12 * 60_000);
  await signIn(page, DEMO_USERS.analyst);
  await waitForFirstScan(page);
  await waitForGraph(page);

  await page.getByRole("link", { name: "Attack paths", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Attack paths", level: 1 })).toBeVisible();
  const list = page.getByTestId("attack-paths");
  await expect(list.getByRole("listitem").first()).toBeVisible();
  // Ranked: the first path is CRITICAL, and the toxic combinations of the demo are all there.
  await expect(list.locator("> li").first().locator("[data-severity]")).toHaveAttribute("data-severity", "CRITICAL");
  for (const ruleId of [
    "aws.attack-path.instance.public-imdsv1-privileged-role",
    "aws.attack-path.lambda.public-privileged-role",
    "aws.attack-path.eks.public-endpoint-privileged-node-role",
    "aws.attack-path.role.external-privileged",
    "aws.attack-path.principal.can-modify-admin-trust",
  ]) {
    await expect(list.locator(`li[data-rule-id="${ruleId}"]`).first()).toBeVisible();
  }
  await expect(list.getByRole("list", { name: "Attack path" }).first()).toBeVisible();
  await screenshot(page, "attack-paths");

  // Filter by an account: the filter lands in the URL and the count follows.
  const before = await page.getByTestId("attack-path-count").innerText();
  await page.getByRole("complementary", { name: "Filters" }).getByRole("region", { name: "Account" }).getByRole("link").first().click();
  await expect(page).toHaveURL(/accountId=\d{12}/);
  // (a positive match: `not.toHaveText` also passes while the count is absent, on the loading state)
  const escaped = before.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  await expect(page.getByTestId("attack-path-count")).toHaveText(new RegExp(`^(?!${escaped}$).+$`));
  await screenshot(page, "attack-paths-filtered");
  // One account at a time: another account replaces the filter, the selected one clears it.
  const accounts = page.getByRole("complementary", { name: "Filters" }).getByRole("region", { name: "Account" });
  const selectedAccount = new URL(page.url()).searchParams.get("accountId");
  await accounts.locator(`a[data-value]:not([data-value="${selectedAccount}"])`).first().click();
  await expect(page).toHaveURL(new RegExp(`accountId=(?!${selectedAccount})\\d{12}`));
  expect(new URL(page.url()).searchParams.getAll("accountId")).toHaveLength(1);
  await accounts.locator('a[aria-current="true"]').click();
  await expect(page).not.toHaveURL(/accountId=/);

  // The exposed IMDSv1 instance: its blast radius, a node clicked, its path highlighted.
  const instanceArn = await attackPathArn(page, "aws.attack-path.instance.public-imdsv1-privileged-role", "payments-web-1");
  await page.goto(`/blast-radius/${encodeURIComponent(instanceArn)}`);
  await expect(page.getByRole("heading", { name: "Blast radius of payments-web-1" })).toBeVisible();
  await expect(page.getByTestId("reachable-total")).not.toHaveText("0");
  await expect(page.getByTestId("classification")).toContainText("Administrator");
  const graph = page.getByTestId("blast-radius-graph");
  await expect(graph).toBeVisible();
  await graph.getByRole("button", { name: /iam-role payments-web-role/ }).click();
  await expect(page.getByTestId("inspector")).toContainText("runs as");
  await page.getByRole("button", { name: "Zoom out" }).click();
  await expect(page.getByTestId("blast-radius-list")).toContainText("payments-web-role");
  await screenshot(page, "blast-radius");
});

test("blast radius of a principal: escalation path and effective permissions", async ({ page }) => {
  test.setTimeout(6 * 60_000);
  await signIn(page, DEMO_USERS.viewer);
  await waitForGraph(page);
  const roleArn = await attackPathArn(page, "aws.attack-path.principal.can-modify-admin-trust", "deploy-automation");
  await page.goto(`/blast-radius/${encodeURIComponent(roleArn)}`);
  await expect(page.getByRole("heading", { name: "Blast radius of deploy-automation" })).toBeVisible();
  await expect(page.getByTestId("classification")).toContainText("Can escalate to administrator");
  await expect(page.getByTestId("effective-permissions")).toContainText("iam");
  await expect(page.getByTestId("blast-radius-list")).toContainText("platform-admin");
  await screenshot(page, "blast-radius-principal");

  // Unknown ids are explained, not errors.
  await page.goto(`/blast-radius/${encodeURIComponent("arn:aws:s3:::no-such-bucket")}`);
  await expect(page.getByText("No principal, workload or resource")).toBeVisible();
});
