import { expect, test } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn, waitForFirstScan } from "../support/demo";

test.describe.configure({ timeout: 10 * 60_000 });

test("the overview shows the posture score, its trend, the latest scan and the KPIs against industry figures", async ({
  page,
}) => {
  await signIn(page, DEMO_USERS.owner);
  await waitForFirstScan(page);
  await page.goto("/");
  await expect(page.getByTestId("posture-score")).toHaveText(/^\d{1,3}\.\d$/);
  await expect(page.getByTestId("posture-coverage")).toHaveText(/%$/);
  await expect(page.getByRole("img", { name: /Posture score over 30 days/ })).toBeVisible();
  // The latest scan: the demo's first, or one an earlier spec started and cancelled.
  await expect(page.getByTestId("live-scan")).toContainText(/succeeded|partial|cancelled/);
  await expect(page.getByTestId("top-failing-rules").getByRole("listitem").first()).toBeVisible();
  await expect(page.getByTestId("riskiest-accounts").getByRole("row")).not.toHaveCount(1);
  const kpis = page.getByTestId("kpi-panel");
  await expect(kpis.locator('[data-kpi="ec2.imdsv2-enforced"]')).toContainText("%");
  // every KPI has its published figure; one measured on another denominator says so
  await expect(kpis.getByText("no published figure found")).toHaveCount(0);
  const scp = kpis.locator('[data-kpi="org.accounts-covered-by-scp"]');
  await expect(scp).toContainText("40%");
  await expect(scp.getByText(/A share of organizations, not of accounts/)).toBeVisible();
  await expect(kpis.locator('[data-kpi="iam.third-party-roles-without-external-id"]')).toContainText("2.25%");
  await expect(
    kpis.getByRole("link", { name: /Datadog State of Cloud Security/ }).first(),
  ).toHaveAttribute("href", /^https:\/\//);
  await screenshot(page, "overview");

  const api = await page.request.get("/api/v1/overview");
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { posture: { latest: { score: number } | null } };
  expect(body.posture.latest?.score).toBeGreaterThanOrEqual(0);
});

test("a CCoE viewer reads a trend chart: tooltip on hover, range and scope kept in the URL", async ({
  page,
}) => {
  await signIn(page, DEMO_USERS.viewer);
  await waitForFirstScan(page);
  await page.goto("/trends");
  const chart = page.getByTestId("score-chart");
  await expect(
    chart.getByRole("img", { name: /Posture score — Whole organization\. Score \d/ }),
  ).toBeVisible();
  // Hover the latest point of the score line: the tooltip names the series and its value.
  const dot = chart.locator(".recharts-line-dots circle, .recharts-line-dot").last();
  await expect(dot).toBeVisible();
  const box = (await dot.boundingBox())!;
  await expect(async () => {
    await page.mouse.move(box.x + box.width / 2 - 3, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 1);
    await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText(/Score/, {
      timeout: 1_000,
    });
  }).toPass({ timeout: 15_000 });
  await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText(/Score/);
  await expect(
    page.getByTestId("severity-chart").locator(".recharts-legend-wrapper"),
  ).toContainText("Critical");

  // The data table behind each chart carries the same figures for keyboard and screen-reader users.
  await chart.getByText("Data table: Posture score").click();
  await expect(chart.getByRole("table")).toContainText(new Date().toISOString().slice(0, 10));

  await page
    .getByRole("navigation", { name: "Time range" })
    .getByRole("link", { name: "90 days" })
    .click();
  await expect(page).toHaveURL(/range=90d/);
  await expect(
    page.getByRole("navigation", { name: "Time range" }).getByRole("link", { name: "90 days" }),
  ).toHaveAttribute("aria-current", "true");

  await page.getByLabel("Scope").selectOption({ label: "Prod" });
  await expect(page).toHaveURL(/range=90d&scope=OU&id=ou-/);
  await expect(
    page.getByTestId("score-chart").getByRole("img", { name: /Posture score — Prod/ }),
  ).toBeVisible();
  await expect(page.getByTestId("bu-league")).toBeVisible();
  await screenshot(page, "trends");

  await page.goto("/trends?range=7d");
  await expect(page.locator(".alert[role=alert]")).toContainText("not valid");
});

test("the organization tree expands, an SCP's content opens and the coverage matrix shows the gaps", async ({
  page,
}) => {
  await signIn(page, DEMO_USERS.viewer);
  await waitForFirstScan(page);
  await page.goto("/organization");
  const tree = page.getByRole("tree", { name: "Organizational units and accounts" });
  const workloads = tree.getByRole("treeitem", { name: /^Workloads \(ou\)/ });
  await expect(workloads).toHaveAttribute("aria-expanded", "false");
  await workloads.locator("> div").click();
  await expect(workloads).toHaveAttribute("aria-expanded", "true");
  // Keyboard: from Workloads, ↓↓ to Prod, → expands it, ↓ reaches its first account.
  await workloads.focus();
  await page.keyboard.press("ArrowDown"); // NonProd (OUs before accounts, by name)
  await page.keyboard.press("ArrowDown");
  const prod = tree.getByRole("treeitem", { name: /^Prod \(ou\)/ });
  await expect(prod).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(prod).toHaveAttribute("aria-expanded", "true");
  await expect(prod.getByRole("treeitem", { name: /acme-payments-prod/ })).toBeVisible();
  await expect(prod.getByRole("treeitem", { name: /acme-payments-prod/ })).toHaveAccessibleName(
    /score \d/,
  );

  const policy = page.locator("details[data-policy-id]", { hasText: "DenyLeaveOrganization" });
  await policy.locator("summary").click();
  await expect(policy.locator("pre")).toBeVisible();
  await expect(policy.locator("pre")).toContainText('"organizations:LeaveOrganization"');

  const matrix = page.getByTestId("coverage-matrix");
  const sandboxRow = matrix.locator("tbody tr", { hasText: "acme-sandbox-alice" });
  await expect(sandboxRow.locator("[data-status]").first()).toHaveAttribute("data-status", "FAIL");
  const prodRow = matrix.locator("tbody tr", { hasText: "acme-payments-prod" });
  await expect(prodRow.locator("[data-status]").first()).toHaveAttribute("data-status", "PASS");
  await expect(page.getByTestId("gaps-deny-leave-organization")).not.toHaveText("0");
  await screenshot(page, "organization");
});

test("a business-unit owner sees the trends of their business units only and not the organization", async ({
  page,
}) => {
  await signIn(page, DEMO_USERS.buOwner);
  await page.goto("/trends");
  const owned = page.getByLabel("Scope");
  if (await page.getByText("You own no business unit yet").isVisible()) {
    await expect(owned).toHaveCount(0);
  } else {
    // Only their business units: no organization, OU or account scope.
    await expect(owned.locator("option").first()).toBeAttached();
    await expect(owned.locator("optgroup")).toHaveCount(1);
    await expect(owned.locator("option", { hasText: "Whole organization" })).toHaveCount(0);
  }
  await expect(
    page.getByRole("navigation").getByRole("link", { name: "Organization", exact: true }),
  ).toHaveCount(0);

  await page.goto("/trends?scope=TENANT");
  await expect(page.locator(".alert[role=alert]")).toContainText("own business units");
  const api = await page.request.get("/api/v1/trends?scope=TENANT");
  expect(api.status()).toBe(403);
  expect((await page.request.get("/api/v1/organization")).status()).toBe(403);
  await page.goto("/organization");
  await expect(page.locator(".alert[role=alert]")).toContainText("cannot see the organization");
});
