import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, screenshot, signIn, waitForFirstScan } from "../support/demo";

interface TCatalogRule {
  id: string;
  severity: string;
  enabled: boolean;
  severityOverride: string | null;
}

async function catalog(page: Page): Promise<TCatalogRule[]> {
  const response = await page.request.get("/api/v1/rules");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { rules: TCatalogRule[] }).rules;
}

test.describe.configure({ mode: "serial" });

test("an owner maps a business unit by resource tag with a live preview, SLA days and an owner", async ({ page }) => {
  test.setTimeout(9 * 60_000);
  await signIn(page, DEMO_USERS.owner);
  await waitForFirstScan(page);
  // A retried attempt starts clean: a unit an earlier attempt saved would own the same resources
  // (the older rule wins) and the preview of this one would show nothing.
  const existing = (await (await page.request.get("/api/v1/business-units")).json()) as { businessUnits: { id: string; name: string }[] };
  for (const leftover of existing.businessUnits.filter((bu) => bu.name.startsWith("Retail e2e "))) {
    expect((await page.request.delete(`/api/v1/business-units/${leftover.id}`)).status()).toBe(200);
  }
  const name = `Retail e2e ${Date.now().toString(36)}`;

  await page.getByRole("link", { name: "Business units", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Business units & owners" })).toBeVisible();
  await page.getByRole("button", { name: "New business unit" }).click();
  const editor = page.getByRole("region", { name: "New business unit" });
  await editor.getByLabel("Name", { exact: true }).fill(name);
  await editor.getByRole("button", { name: "Add mapping rule" }).click();
  await editor.getByLabel("Rule 1 kind").selectOption("RESOURCE_TAG");
  await editor.getByLabel("Tag key").fill("BusinessUnit");
  await editor.getByLabel("Tag value (empty: any)").fill("retail");

  // The preview updates as the rule is typed: the demo organization tags retail resources.
  const preview = editor.getByRole("complementary", { name: "Preview of what matches" });
  await expect(preview.getByTestId("preview-resources")).not.toHaveText("0");
  await expect(preview.getByRole("table", { name: "Matches per rule" })).toContainText("resource tag BusinessUnit=retail");
  const previewed = Number(await preview.getByTestId("preview-resources").textContent());
  expect(previewed).toBeGreaterThan(0);

  await editor.getByLabel("CRITICAL").fill("3");
  await editor.getByLabel("HIGH").fill("14");
  await editor.getByLabel(/analyst@guardrail\.local/).check();
  await screenshot(page, "business-unit-editor");
  await editor.getByRole("button", { name: "Create business unit" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Saved ${name}` })).toBeVisible();

  // The list re-renders after the action with every unit's streamed counts: allow a busy machine.
  const row = page.getByTestId(`bu-row-${name}`);
  await expect(row).toContainText("resource tag BusinessUnit=retail", { timeout: 45_000 });
  await expect(row).toContainText("Alex Analyst");
  await expect(row.getByTestId("bu-sla")).toHaveText(/^3 \/ 14 \//);
  await expect(row.getByTestId("bu-resources")).toHaveText(String(previewed));
  await screenshot(page, "business-units");

  // The change is in the audit log.
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await page.getByLabel("Action").selectOption("business_unit.create");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("audit-row").first()).toContainText(name);
  await expect(page.getByTestId("audit-row").first()).toContainText(DEMO_USERS.owner);
  await screenshot(page, "audit-log");

  // Clean up (the delete flow), so later specs see the demo's own ownership.
  await page.goto("/business-units");
  page.once("dialog", (d) => void d.accept());
  await page.getByTestId(`bu-row-${name}`).getByRole("button", { name: `Delete ${name}` }).click();
  await expect(page.getByTestId(`bu-row-${name}`)).toHaveCount(0);
});

test("an owner disables a rule and overrides another's severity; a viewer can only read, and a forged action is refused", async ({ page, browser }) => {
  await signIn(page, DEMO_USERS.owner);
  const [toDisable, toOverride] = (await catalog(page)).filter((r) => r.enabled && !r.severityOverride);
  if (!toDisable || !toOverride) throw new Error("the catalog needs two enabled rules");
  const newSeverity = toOverride.severity === "LOW" ? "CRITICAL" : "LOW";

  await page.getByRole("link", { name: "Rules", exact: true }).click();
  await page.getByLabel("Framework").selectOption("CIS-AWS-3.0.0");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/framework=CIS-AWS-3\.0\.0/);
  await screenshot(page, "rules-catalog");

  let forged: { action: string; body: string; url: string } | null = null;
  page.on("request", (request) => {
    const action = request.headers()["next-action"];
    if (action && request.method() === "POST" && !forged) forged = { action, body: request.postData() ?? "", url: request.url() };
  });
  await page.goto(`/settings/rules?rule=${encodeURIComponent(toDisable.id)}`);
  const detail = page.getByRole("region", { name: `Rule ${toDisable.id}` });
  await expect(detail.getByText("Why it matters")).toBeVisible();
  await detail.getByLabel("Enabled").uncheck();
  await detail.getByRole("button", { name: "Save rule setting" }).click();
  await expect(detail.getByRole("status")).toContainText("Saved");
  await expect(detail.getByRole("button", { name: "Save rule setting" })).toBeEnabled();
  await page.reload();
  await expect(page.getByTestId(`rule-row-${toDisable.id}`).getByTestId("rule-status")).toHaveText("disabled");

  await page.goto(`/settings/rules?rule=${encodeURIComponent(toOverride.id)}`);
  const detail2 = page.getByRole("region", { name: `Rule ${toOverride.id}` });
  await detail2.getByLabel("Severity override").selectOption(newSeverity);
  await detail2.getByRole("button", { name: "Save rule setting" }).click();
  await expect(detail2.getByRole("status")).toContainText("Saved");
  await page.reload();
  await expect(page.getByTestId(`rule-row-${toOverride.id}`)).toContainText(`overridden (was ${toOverride.severity})`);
  await screenshot(page, "rule-detail");
  const after = await catalog(page);
  expect(after.find((r) => r.id === toDisable.id)?.enabled).toBe(false);
  expect(after.find((r) => r.id === toOverride.id)?.severityOverride).toBe(newSeverity);
  expect(forged).not.toBeNull();

  // A viewer browses read-only: no controls, and the server refuses what the UI hides.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, DEMO_USERS.viewer);
  await viewer.goto(`/settings/rules?rule=${encodeURIComponent(toDisable.id)}`);
  await expect(viewer.getByTestId("rule-setting-readonly")).toContainText("Disabled");
  await expect(viewer.getByRole("button", { name: "Save rule setting" })).toHaveCount(0);
  await viewer.goto("/business-units");
  await expect(viewer.getByRole("heading", { name: "Business units & owners" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "New business unit" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Edit / })).toHaveCount(0);
  await screenshot(viewer, "business-units-viewer");
  const f = forged as unknown as { action: string; body: string; url: string };
  const replay = await viewer.request.post(f.url, {
    headers: { "next-action": f.action, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    data: f.body,
  });
  expect(await replay.text()).toContain("cannot rules.manage");
  for (const [method, url, data] of [
    ["PUT", `/api/v1/rules/${toDisable.id}`, { enabled: true }],
    ["POST", "/api/v1/business-units", { name: "Forged" }],
    ["POST", "/api/v1/invitations", { email: "forged@example.com", role: "OWNER" }],
  ] as const) {
    const r = await viewer.request.fetch(url, { method, data });
    expect(r.status(), `${method} ${url}`).toBe(403);
  }
  expect((await catalog(page)).find((r) => r.id === toDisable.id)?.enabled).toBe(false);
  await viewerContext.close();

  // Restore the demo's defaults for the specs that follow.
  for (const id of [toDisable.id, toOverride.id]) {
    const r = await page.request.put(`/api/v1/rules/${id}`, { data: { enabled: true, severityOverride: null } });
    expect(r.status()).toBe(200);
  }
});

test("an owner invites a user who accepts in a fresh browser; a BU owner cannot open settings", async ({ page, browser }) => {
  await signIn(page, DEMO_USERS.owner);
  await page.getByRole("link", { name: "Users", exact: true }).click();
  await expect(page.getByRole("table", { name: "Members" })).toContainText(DEMO_USERS.owner);
  const email = `new-analyst-${Date.now().toString(36)}@example.com`;
  const form = page.getByRole("region", { name: "Invite a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("ANALYST");
  await form.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invite-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expect(form.getByRole("button", { name: "Create invitation" })).toBeEnabled();
  await screenshot(page, "users-invited");
  await page.reload();
  await expect(page.getByTestId(`invitation-${email}`).getByTestId("invitation-status")).toHaveText("pending");
  await screenshot(page, "users");

  const fresh = await browser.newContext();
  const invitee = await fresh.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: /Join / })).toBeVisible();
  await screenshot(invitee, "invite-accept");
  await invitee.getByLabel("Your name").fill("New Analyst");
  await invitee.getByLabel("Password (at least 12 characters)").fill("a-long-new-password-2026");
  await invitee.getByLabel("Repeat the password").fill("a-long-new-password-2026");
  await invitee.getByRole("button", { name: "Create account and join" }).click();
  await expect(invitee.getByTestId("user-email")).toHaveText(email);
  await expect(invitee.getByTestId("user-role")).toHaveText("ANALYST");
  // The link works once.
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: "Invitation not valid" })).toBeVisible();
  await fresh.close();

  await page.reload();
  await expect(page.getByTestId(`invitation-${email}`).getByTestId("invitation-status")).toHaveText("accepted");
  await expect(page.getByTestId(`member-${email}`)).toContainText("New Analyst");

  const buContext = await browser.newContext();
  const buOwner = await buContext.newPage();
  await signIn(buOwner, DEMO_USERS.buOwner, DEMO_PASSWORD);
  await expect(buOwner.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
  await expect(buOwner.getByRole("link", { name: "Audit log", exact: true })).toHaveCount(0);
  for (const path of ["/settings/users", "/settings/audit"]) {
    await buOwner.goto(path);
    await expect(buOwner.getByTestId("forbidden")).toBeVisible();
  }
  await screenshot(buOwner, "settings-forbidden-bu-owner");
  for (const url of ["/api/v1/users", "/api/v1/invitations", "/api/v1/audit"]) {
    expect((await buOwner.request.get(url)).status(), url).toBe(403);
  }
  await buContext.close();
});
