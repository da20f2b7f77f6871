import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "guardrail-demo-2026";
export const DEMO_USERS = {
  owner: "demo@guardrail.local",
  analyst: "analyst@guardrail.local",
  viewer: "ccoe@guardrail.local",
  buOwner: "payments-owner@guardrail.local",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("user-email")).toHaveText(email);
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/** Ids of a second tenant's data (written by global-setup), for isolation tests. */
export interface TOtherTenant {
  tenantId: string;
  connectionId: string;
  scanId: string;
  ownerUserId: string;
  resourceId: string;
  resourceArn: string;
  findingId: string;
  businessUnitId: string;
  invitationId: string;
}

export const OTHER_TENANT_OWNER = { email: "owner@other.example", password: "other-tenant-password-1" } as const;

export function otherTenant(): TOtherTenant {
  const out = new URL(`../${process.env.GUARDRAIL_E2E_OUT ?? "test-results"}/`, import.meta.url);
  return JSON.parse(readFileSync(new URL("other-tenant.json", out), "utf8")) as TOtherTenant;
}

/**
 * Waits until the demo organization's first scan has finished (evaluated, findings written),
 * polling the scans API with the signed-in page's session. Call after `signIn`.
 */
export async function waitForFirstScan(page: Page, timeoutMs = 7 * 60_000) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get("/api/v1/scans");
        if (!response.ok()) return `HTTP ${response.status()}`;
        const { scans } = (await response.json()) as { scans: { status: string }[] };
        return scans.some((s) => s.status === "SUCCEEDED" || s.status === "PARTIAL") ? "finished" : (scans[0]?.status ?? "none");
      },
      { timeout: timeoutMs, intervals: [2_000] },
    )
    .toBe("finished");
}
