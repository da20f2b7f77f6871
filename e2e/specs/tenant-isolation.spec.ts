import { expect, test } from "@playwright/test";
import { DEMO_USERS, signIn } from "../support/demo";

/** Every API route that exists: unauthenticated → 401; another tenant's id → 403. */
const API_ROUTES = ["/api/me", "/api/v1/tenant"];

test("API routes refuse unauthenticated requests", async ({ request }) => {
  for (const route of API_ROUTES) {
    const res = await request.get(route);
    expect(res.status(), route).toBe(401);
  }
});

test("a user cannot switch into a tenant they are not a member of", async ({ page, context }) => {
  await signIn(page, DEMO_USERS.viewer);
  await context.addCookies([
    { name: "gr_tenant", value: "00000000-0000-4000-8000-000000000000", url: page.url() },
  ]);
  for (const route of API_ROUTES) {
    const res = await page.request.get(route);
    expect(res.status(), route).toBe(403);
  }
});
