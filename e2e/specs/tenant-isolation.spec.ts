import { expect, test } from "@playwright/test";
import { DEMO_USERS, otherTenant, signIn } from "../support/demo";

/** Every API route that exists (the tenant-scoped ones): unauthenticated → 401. */
const apiRoutes = () => {
  const other = otherTenant();
  return [
    "/api/me",
    "/api/v1/tenant",
    "/api/v1/connections",
    "/api/v1/scans",
    `/api/v1/scans/${other.scanId}/progress`,
    `/api/v1/connections/${other.connectionId}/templates/guardrail-management-role.cfn.json`,
  ];
};

test("API routes refuse unauthenticated requests", async ({ request }) => {
  for (const route of apiRoutes()) {
    const res = await request.get(route);
    expect(res.status(), route).toBe(401);
  }
});

test("pages redirect unauthenticated visitors to sign in", async ({ page }) => {
  for (const path of ["/", "/scans", "/settings/connections", `/scans/${otherTenant().scanId}`]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/signin/);
  }
});

test("a user cannot switch into a tenant they are not a member of", async ({ page, context }) => {
  await signIn(page, DEMO_USERS.viewer);
  await context.addCookies([{ name: "gr_tenant", value: otherTenant().tenantId, url: page.url() }]);
  for (const route of apiRoutes()) {
    const res = await page.request.get(route);
    expect(res.status(), route).toBe(403);
  }
});

test("another tenant's scan and connection are not found, by API or page", async ({ page }) => {
  const other = otherTenant();
  await signIn(page, DEMO_USERS.owner);
  expect((await page.request.get(`/api/v1/scans/${other.scanId}/progress`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/connections/${other.connectionId}/templates/guardrail-management-role.cfn.json`)).status()).toBe(404);
  const scans = (await (await page.request.get("/api/v1/scans")).json()) as { scans: { id: string }[] };
  expect(scans.scans.some((s) => s.id === other.scanId)).toBe(false);
  const connections = (await (await page.request.get("/api/v1/connections")).json()) as { connections: { id: string }[] };
  expect(connections.connections.some((c) => c.id === other.connectionId)).toBe(false);
  await page.goto(`/scans/${other.scanId}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await page.goto(`/settings/connections/${other.connectionId}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("role checks run on the server: a BU owner cannot read connections", async ({ page }) => {
  await signIn(page, DEMO_USERS.buOwner);
  expect((await page.request.get("/api/v1/connections")).status()).toBe(403);
  expect((await page.request.get("/api/v1/scans")).status()).toBe(403);
});
