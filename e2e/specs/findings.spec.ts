import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS, screenshot, signIn, waitForFirstScan } from "../support/demo";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
let payments: { businessUnitId: string; accountIds: string[] };
/** Matches a row of one of the Payments unit's accounts. */
const inPayments = () => new RegExp(payments.accountIds.join("|"));

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(8 * 60_000);
  const page = await browser.newPage();
  await signIn(page, DEMO_USERS.analyst);
  await waitForFirstScan(page);
  await page.close();
  const out = execFileSync("npx", ["tsx", "e2e/specs/findings.seed.ts"], {
    cwd: ROOT,
    env: process.env,
  })
    .toString()
    .trim()
    .split("\n")
    .pop();
  payments = JSON.parse(out ?? "{}") as typeof payments;
});

const rows = (page: Page) => page.locator("table[aria-label='Findings'] tbody tr");

test("an analyst filters findings by severity and business unit; the URL is a shareable link", async ({
  page,
  context,
}) => {
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/findings");
  await expect(rows(page).first()).toBeVisible();
  await screenshot(page, "findings-list");
  await page.locator("a[data-facet='severity'][data-value='HIGH']").click();
  await expect(page).toHaveURL(/severity=HIGH/);
  await page.getByRole("link", { name: /^Business unit: Payments/ }).click();
  await expect(page).toHaveURL(new RegExp(`businessUnitId=${payments.businessUnitId}`));
  await expect(rows(page).first()).toBeVisible();
  const severities = await rows(page)
    .locator("[data-severity]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-severity")));
  expect(severities.length).toBeGreaterThan(0);
  expect(new Set(severities)).toEqual(new Set(["HIGH"]));
  await expect(rows(page).filter({ hasNotText: inPayments() })).toHaveCount(0);
  const shown = await page
    .getByRole("status")
    .filter({ hasText: /of \d+ findings/ })
    .textContent();
  await screenshot(page, "findings-filtered");
  await page.setViewportSize({ width: 820, height: 1180 });
  await expect(rows(page).first()).toBeVisible();
  await screenshot(page, "findings-tablet");
  await page.setViewportSize({ width: 1280, height: 800 });

  const shared = await context.newPage();
  await shared.goto(page.url());
  await expect(shared.getByRole("status").filter({ hasText: /of \d+ findings/ })).toHaveText(
    shown ?? "",
  );
  await expect(shared.locator("a[data-facet='severity'][data-value='HIGH']")).toHaveAttribute(
    "aria-current",
    "true",
  );

  // Typing before the page has hydrated is lost on a loaded machine: type until the form takes it.
  await expect(async () => {
    await page.getByLabel("Save these filters as").fill("High in Payments");
    await expect(page.getByRole("button", { name: "Save view" })).toBeEnabled({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByRole("link", { name: "High in Payments" })).toBeVisible();
  await page.goto("/findings");
  await page.getByRole("link", { name: "High in Payments" }).click();
  await expect(page).toHaveURL(/severity=HIGH/);
  await page.getByRole("button", { name: "Delete saved view High in Payments" }).click();
  await expect(page.getByRole("link", { name: "High in Payments" })).toHaveCount(0);
});

test("an analyst suppresses a finding with an expiry and it leaves the open view", async ({
  page,
}) => {
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/findings?severity=MEDIUM&severity=LOW");
  const row = rows(page).first();
  const findingId = await row.getAttribute("data-finding-id");
  await row.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Suppress…" }).click();
  const form = page.getByRole("form", { name: "Suppress the selected findings" });
  await form.getByLabel("Reason").selectOption("ACCEPTED_RISK");
  await form.getByLabel("Justification").fill("Sandbox workload, torn down every Friday");
  await form.getByRole("button", { name: "Suppress", exact: true }).click();
  // the expiry is required: the browser refuses the form without it
  await expect(page.getByRole("status").filter({ hasText: "Suppressed" })).toHaveCount(0);
  const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Expires on (required)").fill(expires);
  await form.getByRole("button", { name: "Suppress", exact: true }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Suppressed 1 finding(s)." }),
  ).toBeVisible();
  await expect(page.locator(`tr[data-finding-id='${findingId}']`)).toHaveCount(0);
  await page.goto(`/findings/${findingId}`);
  await expect(page.getByTestId("finding-status")).toHaveText("Suppressed");
  await expect(page.getByText("Sandbox workload, torn down every Friday")).toBeVisible();
});

test("an analyst assigns a finding to the payments owner, who sees it in My findings", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/findings");
  const row = rows(page).filter({ hasNotText: inPayments() }).first();
  const findingId = await row.getAttribute("data-finding-id");
  await row.getByRole("checkbox").check();
  await page
    .getByLabel("Owner", { exact: true })
    .selectOption({ label: "Pat Payments (payments-owner@guardrail.local)" });
  await page.getByRole("button", { name: "Assign owner" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Assigned 1 finding(s)." }),
  ).toBeVisible();
  // the finding's own page starts its owner select at the current owner
  await page.goto(`/findings/${findingId}`);
  await expect(page.getByLabel("Owner", { exact: true }).locator("option:checked")).toHaveText(
    "Pat Payments (payments-owner@guardrail.local)",
  );

  const context = await browser.newContext();
  const owner = await context.newPage();
  await signIn(owner, DEMO_USERS.buOwner);
  await owner.getByRole("link", { name: "My findings" }).click();
  await expect(owner).toHaveURL(/\/findings\/mine/);
  await expect(owner.locator(`tr[data-finding-id='${findingId}']`)).toBeVisible();
  await screenshot(owner, "my-findings");
  await owner.locator(`tr[data-finding-id='${findingId}'] a`).first().click();
  await expect(owner.getByTestId("finding-owner")).toContainText("Pat Payments");
  await expect(owner.getByTestId("owner-resolution")).toHaveText("assigned by hand");
  await owner.getByLabel("Add a comment").fill("Fix scheduled for the next release train.");
  await owner.getByRole("button", { name: "Comment" }).click();
  // the form clears once the comment is saved (until then the text is the textarea's own)
  await expect(owner.getByLabel("Add a comment")).toHaveValue("");
  await expect(owner.getByText("Fix scheduled for the next release train.")).toBeVisible();
  // a BU owner may only request a suppression, never assign
  await expect(owner.getByRole("button", { name: "Assign owner" })).toHaveCount(0);
  await owner.getByRole("button", { name: "Request suppression…" }).click();
  const request = owner.getByRole("form", { name: "Request a suppression" });
  await request.getByLabel("Reason").selectOption("FALSE_POSITIVE");
  await request
    .getByLabel("Expires on (required)")
    .fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
  await request
    .getByLabel("Justification")
    .fill("Compensating control: the instance sits behind the payments WAF");
  await request.getByRole("button", { name: "Request suppression" }).click();
  await expect(
    owner.getByRole("status").filter({ hasText: "pending an analyst's approval" }),
  ).toBeVisible();
  await expect(owner.getByText("Suppression pending approval").first()).toBeVisible();
  await expect(owner.getByTestId("finding-status")).toHaveText("Open");
  await screenshot(owner, "finding-bu-owner");
  await context.close();
});

test("a finding shows its evidence and a remediation snippet can be copied", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/findings?severity=CRITICAL&severity=HIGH");
  await rows(page).first().locator("a").first().click();
  await expect(page).toHaveURL(/\/findings\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("table", { name: "Evidence" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Why it matters" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^arn:aws:/ })).toHaveAttribute(
    "href",
    /^\/inventory\//,
  );
  const cli = (await page.getByLabel("AWS CLI remediation").textContent()) ?? "";
  expect(cli.length).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Copy the AWS CLI snippet" }).click();
  await expect(page.getByRole("button", { name: "Copy the AWS CLI snippet" })).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(cli);
  await screenshot(page, "finding-detail");
});

test("the CSV export holds exactly the filtered findings", async ({ page }) => {
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/findings?severity=HIGH");
  const total = Number(
    (
      (await page
        .getByRole("status")
        .filter({ hasText: /of [\d,]+ findings/ })
        .textContent()) ?? ""
    )
      .match(/of ([\d,]+) findings/)?.[1]
      ?.replace(/,/g, ""),
  );
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\n");
  expect(csv[0]).toContain("id,ruleId,title,severity,status");
  expect(csv.length - 1).toBe(total);
  for (const line of csv.slice(1)) expect(line).toContain('"HIGH","OPEN"');
});

test("a viewer sees no bulk actions and a triage server action as a viewer is refused", async ({
  page,
  browser,
}) => {
  // Record the server action request an analyst's "Assign owner" sends…
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/findings");
  const row = rows(page).first();
  await row.getByRole("checkbox").check();
  const actionRequest = page.waitForRequest(
    (r) => r.method() === "POST" && !!r.headers()["next-action"],
  );
  await page.getByRole("button", { name: "Assign owner" }).click();
  const recorded = await actionRequest;
  const headers = recorded.headers();
  const body = recorded.postData() ?? "";

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signIn(viewer, DEMO_USERS.viewer);
  await viewer.goto("/findings");
  await expect(rows(viewer).first()).toBeVisible();
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Assign owner" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /Suppress/ })).toHaveCount(0);
  await expect(viewer.getByRole("link", { name: "Export CSV" })).toBeVisible();
  await screenshot(viewer, "findings-viewer");
  // …and replay it with the viewer's session: the server refuses it.
  const replay = await viewer.request.post(recorded.url(), {
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
    },
    data: body,
  });
  expect(await replay.text()).toContain("Your role (VIEWER) cannot findings.triage.");
  const api = await viewer.request.post("/api/v1/findings/bulk", {
    data: { action: "reopen", findingIds: [await row.getAttribute("data-finding-id")] },
  });
  expect(api.status()).toBe(403);
  await context.close();
});

test("the findings page works from the keyboard: Tab reaches a facet, Enter applies it, Enter opens a finding", async ({
  page,
}) => {
  await signIn(page, DEMO_USERS.analyst);
  await page.goto("/findings");
  await expect(rows(page).first()).toBeVisible();
  /** Presses Tab until the focused element matches `selector` (at most 200 presses). */
  async function tabTo(selector: string) {
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector}`);
  }
  await tabTo('a[data-facet="severity"][data-value="CRITICAL"]');
  // the focused control is visibly marked (a focus ring), not only focused
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/severity=CRITICAL/);
  await expect(rows(page).first()).toContainText("Critical");
  await tabTo("table[aria-label='Findings'] tbody tr a[href^='/findings/']");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/findings\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 2, name: "Evidence" })).toBeVisible();
});
