import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_USERS, OTHER_TENANT_OWNER, otherTenant, signIn, type TOtherTenant } from "../support/demo";

/**
 * Tenant isolation and authentication over every route the web app has. The routes are read from
 * the app's own folders, so a new route handler or page is covered the day it is added: a
 * dynamic segment this file does not know fails the test until it is given an id of the other
 * tenant below.
 */
const APP_DIR = fileURLToPath(new URL("../../apps/web/src/app/", import.meta.url));
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type TMethod = (typeof METHODS)[number];

/** Routes that answer without a session by design. */
const PUBLIC_API = new Set(["/api/auth/[...nextauth]", "/api/health"]);
const PUBLIC_PAGES = new Set(["/signin", "/signout", "/invite/[token]"]);

/** Each dynamic segment, filled with the other tenant's id (or a global id where the segment is not tenant data). */
function segmentValue(segment: string, other: TOtherTenant): { value: string; tenantData: boolean } {
  const ids: Record<string, { value: string; tenantData: boolean }> = {
    "[connectionId]": { value: other.connectionId, tenantData: true },
    "[scanId]": { value: other.scanId, tenantData: true },
    "[findingId]": { value: other.findingId, tenantData: true },
    "[resourceId]": { value: other.resourceId, tenantData: true },
    "[businessUnitId]": { value: other.businessUnitId, tenantData: true },
    "[invitationId]": { value: other.invitationId, tenantData: true },
    "[userId]": { value: other.ownerUserId, tenantData: true },
    "[nodeId]": { value: encodeURIComponent(other.resourceArn), tenantData: true },
    // rule ids and template names are the same in every tenant: what is isolated is each tenant's settings
    "[ruleId]": { value: "aws.s3.bucket-public-access-block", tenantData: false },
    "[file]": { value: "guardrail-management-role.cfn.json", tenantData: false },
  };
  const found = ids[segment];
  if (!found) throw new Error(`tenant-isolation.spec.ts has no id for the dynamic segment ${segment}: add one`);
  return found;
}

/** A valid body per mutation, so a 404 proves the lookup refused the id (not that validation failed first). */
const BODIES: Record<string, unknown> = {
  "PUT /api/v1/business-units/[businessUnitId]": { name: "Taken over", mappings: [] },
  "PATCH /api/v1/users/[userId]": { role: "VIEWER" },
  "POST /api/v1/findings/[findingId]/comments": { body: "written from another tenant" },
};

interface TRoute {
  pattern: string;
  methods: TMethod[];
}

function walk(dir: string, file: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, file));
    else if (name === file) out.push(path);
  }
  return out;
}

/** `/api/v1/findings/[findingId]` from `…/app/api/v1/findings/[findingId]/route.ts` (route groups dropped). */
function patternOf(file: string): string {
  const parts = relative(APP_DIR, file).split(sep).slice(0, -1);
  return "/" + parts.filter((p) => !/^\(.+\)$/.test(p)).join("/");
}

function apiRoutes(): TRoute[] {
  return walk(join(APP_DIR, "api"), "route.ts")
    .map((file) => {
      const source = readFileSync(file, "utf8");
      const methods = METHODS.filter((m) => new RegExp(`export (const|async function) ${m}\\b`).test(source));
      return { pattern: patternOf(file), methods };
    })
    .filter((r) => !PUBLIC_API.has(r.pattern))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

function pageRoutes(): string[] {
  return walk(APP_DIR, "page.tsx")
    .map(patternOf)
    .map((p) => (p === "/" ? "/" : p.replace(/\/$/, "")))
    .filter((p) => !PUBLIC_PAGES.has(p))
    .sort();
}

function fill(pattern: string, other: TOtherTenant): { path: string; tenantData: boolean } {
  let tenantData = false;
  const path = pattern.replace(/\[[^\]]+\]/g, (segment) => {
    const v = segmentValue(segment, other);
    tenantData ||= v.tenantData;
    return v.value;
  });
  return { path, tenantData };
}

function send(request: APIRequestContext, method: TMethod, path: string, body: unknown): Promise<APIResponse> {
  const options = method === "GET" ? {} : { data: body ?? {} };
  return request.fetch(path, { method, ...options, maxRedirects: 0 });
}

test("the matrix covers the app: every API route and page is found", () => {
  const routes = apiRoutes();
  expect(routes.length).toBeGreaterThanOrEqual(30);
  for (const r of routes) expect(r.methods.length, `${r.pattern} exports no method`).toBeGreaterThan(0);
  expect(pageRoutes()).toEqual(expect.arrayContaining(["/", "/findings", "/findings/[findingId]", "/settings/users"]));
});

test("every API route refuses unauthenticated requests with 401, whatever the method", async ({ request }) => {
  const other = otherTenant();
  for (const route of apiRoutes()) {
    const { path } = fill(route.pattern, other);
    for (const method of route.methods) {
      const res = await send(request, method, path, {});
      expect(res.status(), `${method} ${route.pattern}`).toBe(401);
    }
  }
});

test("every page sends an unauthenticated visitor to sign in", async ({ page }) => {
  test.setTimeout(240_000);
  const other = otherTenant();
  for (const pattern of pageRoutes()) {
    const { path } = fill(pattern, other);
    await page.goto(path, { waitUntil: "commit" });
    await expect(page, pattern).toHaveURL(/\/signin/);
  }
});

test("a user cannot switch into a tenant they are not a member of, on any API route", async ({ page, context }) => {
  test.setTimeout(180_000);
  const other = otherTenant();
  await signIn(page, DEMO_USERS.viewer);
  await context.addCookies([{ name: "gr_tenant", value: other.tenantId, url: page.url() }]);
  for (const route of apiRoutes()) {
    const { path } = fill(route.pattern, other);
    for (const method of route.methods) {
      const res = await send(page.request, method, path, {});
      expect(res.status(), `${method} ${route.pattern}`).toBe(403);
    }
  }
});

test("another tenant's data is not found by any API route or page, read or write, and stays unchanged", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const other = otherTenant();
  await signIn(page, DEMO_USERS.owner);
  for (const route of apiRoutes()) {
    const { path, tenantData } = fill(route.pattern, other);
    if (!tenantData) continue;
    for (const method of route.methods) {
      const res = await send(page.request, method, path, BODIES[`${method} ${route.pattern}`]);
      expect(res.status(), `${method} ${route.pattern}`).toBe(404);
    }
  }
  for (const pattern of pageRoutes()) {
    const { path, tenantData } = fill(pattern, other);
    if (!tenantData) continue;
    await page.goto(path);
    // the blast-radius page says what it says of any node the graph does not hold
    const notFound =
      pattern === "/blast-radius/[nodeId]"
        ? page.getByText(`No principal, workload or resource ${other.resourceArn} in the access graph.`)
        : page.getByRole("heading", { name: "Not found" });
    await expect(notFound, pattern).toBeVisible();
  }

  // Lists never carry the other tenant's rows.
  const listed = async (path: string, key: string) =>
    ((await (await page.request.get(path)).json()) as Record<string, { id: string }[]>)[key]!.map((r) => r.id);
  expect(await listed("/api/v1/scans", "scans")).not.toContain(other.scanId);
  expect(await listed("/api/v1/connections", "connections")).not.toContain(other.connectionId);

  // The other tenant's owner still sees everything as it was: nothing above changed it.
  const context = await browser.newContext();
  const otherPage = await context.newPage();
  await signIn(otherPage, OTHER_TENANT_OWNER.email, OTHER_TENANT_OWNER.password);
  const bu = await otherPage.request.get("/api/v1/business-units");
  expect(JSON.stringify(await bu.json())).toContain(other.businessUnitId);
  expect(JSON.stringify(await bu.json())).toContain("Other BU");
  const invitations = await otherPage.request.get("/api/v1/invitations");
  expect(JSON.stringify(await invitations.json())).toContain(other.invitationId);
  const users = JSON.stringify(await (await otherPage.request.get("/api/v1/users")).json());
  expect(users).toContain(other.ownerUserId);
  expect(users).toContain("OWNER");
  const finding = JSON.stringify(await (await otherPage.request.get(`/api/v1/findings/${other.findingId}`)).json());
  expect(finding).toContain(other.findingId);
  expect(finding).not.toContain("written from another tenant");
  await context.close();
});

test("role checks run on the server: a BU owner cannot read connections or scans", async ({ page }) => {
  await signIn(page, DEMO_USERS.buOwner);
  expect((await page.request.get("/api/v1/connections")).status()).toBe(403);
  expect((await page.request.get("/api/v1/scans")).status()).toBe(403);
});
