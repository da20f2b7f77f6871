import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import {
  addMember,
  authorize,
  createInMemoryAttemptCounter,
  createTenantWithOwner,
  hashPassword,
  resolveTenantScope,
  SIGN_IN_LIMITS,
  upsertUser,
  verifyPassword,
  verifySignIn,
} from "../src";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("passwords", () => {
  it("hashes with a salt and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).not.toBe(b);
    expect(a.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("correct horse batterY", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });
});

describe("sign-in", () => {
  it("accepts the right password, rejects a wrong one and an unknown email", async () => {
    await createTenantWithOwner(t.db, {
      tenantName: "Acme",
      tenantSlug: "acme",
      owner: { email: "Owner@Acme.example", name: "Owner", password: "a-long-password-1" },
    });
    const attempts = createInMemoryAttemptCounter();
    const ok = await verifySignIn({ db: t.db, attempts }, { email: "owner@acme.example", password: "a-long-password-1", ip: "1.1.1.1" });
    expect(ok?.email).toBe("owner@acme.example");
    expect(ok).not.toHaveProperty("passwordHash");
    expect(await verifySignIn({ db: t.db, attempts }, { email: "owner@acme.example", password: "wrong-password-1", ip: "1.1.1.1" })).toBeNull();
    expect(await verifySignIn({ db: t.db, attempts }, { email: "nobody@acme.example", password: "a-long-password-1", ip: "1.1.1.1" })).toBeNull();
  });

  it("rate-limits repeated attempts on one email", async () => {
    const attempts = createInMemoryAttemptCounter();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      await verifySignIn({ db: t.db, attempts }, { email: "owner@acme.example", password: "guess-" + i, ip: `10.0.0.${i}` });
    }
    await expect(
      verifySignIn({ db: t.db, attempts }, { email: "owner@acme.example", password: "a-long-password-1", ip: "10.0.1.1" }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("refuses disabled users", async () => {
    const u = await upsertUser(t.db, { email: "gone@acme.example", name: "Gone", password: "a-long-password-2" });
    await t.db.user.update({ where: { id: u.id }, data: { disabledAt: new Date() } });
    const attempts = createInMemoryAttemptCounter();
    expect(await verifySignIn({ db: t.db, attempts }, { email: "gone@acme.example", password: "a-long-password-2", ip: null })).toBeNull();
  });
});

describe("tenant isolation", () => {
  it("never lets a user act in a tenant they are not a member of", async () => {
    const a = await createTenantWithOwner(t.db, { tenantName: "A", tenantSlug: "tenant-a", owner: { email: "a@a.example", name: "A", password: "a-long-password-3" } });
    const b = await createTenantWithOwner(t.db, { tenantName: "B", tenantSlug: "tenant-b", owner: { email: "b@b.example", name: "B", password: "a-long-password-4" } });
    const scope = await resolveTenantScope(t.db, { userId: a.user.id });
    expect(scope.tenantId).toBe(a.tenant.id);
    await expect(resolveTenantScope(t.db, { userId: a.user.id, requestedTenantId: b.tenant.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("enforces role permissions on the server", async () => {
    const viewer = await upsertUser(t.db, { email: "v@a.example", name: "V", password: "a-long-password-5" });
    const tenant = await t.db.tenant.findUniqueOrThrow({ where: { slug: "tenant-a" } });
    await addMember(t.db, { tenantId: tenant.id, userId: viewer.id, role: "VIEWER" });
    const scope = await resolveTenantScope(t.db, { userId: viewer.id });
    expect(() => authorize(scope, "findings.read")).not.toThrow();
    expect(() => authorize(scope, "findings.triage")).toThrow(/VIEWER/);
    expect(() => authorize(scope, "connections.manage")).toThrow();
  });
});
