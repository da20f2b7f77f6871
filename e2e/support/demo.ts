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
export function otherTenant(): { tenantId: string; connectionId: string; scanId: string } {
  return JSON.parse(readFileSync(new URL("../test-results/other-tenant.json", import.meta.url), "utf8")) as {
    tenantId: string;
    connectionId: string;
    scanId: string;
  };
}
