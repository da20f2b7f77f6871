import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "../src/testing";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("schema", () => {
  it("hides password hashes unless a query asks for them", async () => {
    const user = await t.db.user.create({
      data: { email: "a@example.com", name: "A", passwordHash: "scrypt$secret" },
    });
    expect(user).not.toHaveProperty("passwordHash");
    const found = await t.db.user.findUniqueOrThrow({ where: { email: "a@example.com" } });
    expect(found).not.toHaveProperty("passwordHash");
    const withHash = await t.db.user.findUniqueOrThrow({
      where: { email: "a@example.com" },
      omit: { passwordHash: false },
    });
    expect(withHash.passwordHash).toBe("scrypt$secret");
  });

  it("allows only one active scan per connection", async () => {
    const tenant = await t.db.tenant.create({ data: { name: "T", slug: "t-scan" } });
    const connection = await t.db.awsConnection.create({
      data: {
        tenantId: tenant.id,
        name: "org",
        managementRoleArn: "arn:aws:iam::111111111111:role/GuardrailOrgReader",
        memberRoleName: "GuardrailScanner",
        externalId: "x".repeat(40),
      },
    });
    await t.db.scan.create({ data: { tenantId: tenant.id, connectionId: connection.id, trigger: "MANUAL" } });
    await expect(
      t.db.scan.create({ data: { tenantId: tenant.id, connectionId: connection.id, trigger: "MANUAL" } }),
    ).rejects.toThrow();
    await t.db.scan.updateMany({ where: { connectionId: connection.id }, data: { status: "SUCCEEDED" } });
    await t.db.scan.create({ data: { tenantId: tenant.id, connectionId: connection.id, trigger: "SCHEDULE" } });
    expect(await t.db.scan.count({ where: { connectionId: connection.id } })).toBe(2);
  });

  it("keeps one posture snapshot per tenant, day and scope", async () => {
    const tenant = await t.db.tenant.create({ data: { name: "S", slug: "t-snap" } });
    const key = { tenantId: tenant.id, day: new Date("2026-11-01"), scopeType: "TENANT" as const, scopeId: "" };
    await t.db.postureSnapshot.create({ data: { ...key, score: 80, coverage: 1 } });
    await expect(t.db.postureSnapshot.create({ data: { ...key, score: 81, coverage: 1 } })).rejects.toThrow();
  });
});
