import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AppError,
  checkCronExpression,
  createConnection,
  generateExternalId,
  recordConnectionTest,
  renderManagementRoleTemplate,
  renderMemberStackSetTemplate,
  renderTerraformModule,
  updateConnectionSettings,
  type TTenantScope,
} from "../src";

let t: TTestDatabase;
let admin: TTenantScope;
let viewer: TTenantScope;

beforeAll(async () => {
  t = await createTestDatabase();
  const tenant = await t.db.tenant.create({ data: { name: "Acme", slug: "acme-conn" } });
  const user = await t.db.user.create({
    data: { email: "a@acme.test", name: "A", passwordHash: "x" },
  });
  admin = { tenantId: tenant.id, userId: user.id, role: "ADMIN" };
  viewer = { ...admin, role: "VIEWER" };
});
afterAll(async () => {
  await t?.drop();
});

const input = {
  name: "Acme org",
  managementRoleArn: "arn:aws:iam::111111111111:role/PostureOrgReader",
  memberRoleName: "PostureScanner",
};

describe("connections", () => {
  it("generates a random external ID of at least 32 characters that the client cannot choose", async () => {
    const ids = new Set(Array.from({ length: 50 }, generateExternalId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id.length).toBeGreaterThanOrEqual(32);

    const c = await createConnection({ db: t.db, scope: admin, input });
    expect(c.externalId.length).toBeGreaterThanOrEqual(32);
    expect(c.regions).toEqual([]);
    expect(c.scheduleCron).toBe("0 */6 * * *");
    await expect(
      createConnection({
        db: t.db,
        scope: admin,
        input: { ...input, name: "x", externalId: "mine" } as never,
      }),
    ).rejects.toThrow(/externalId|Unrecognized/);
    await expect(
      updateConnectionSettings({
        db: t.db,
        scope: admin,
        connectionId: c.id,
        input: { externalId: "x" } as never,
      }),
    ).rejects.toBeInstanceOf(AppError);
    const updated = await updateConnectionSettings({
      db: t.db,
      scope: admin,
      connectionId: c.id,
      input: { regions: ["eu-west-1", "us-east-1"], scheduleCron: "30 2 * * 1-5" },
    });
    expect(updated.externalId).toBe(c.externalId);
    expect(updated.regions).toEqual(["eu-west-1", "us-east-1"]);
    await expect(createConnection({ db: t.db, scope: admin, input })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      createConnection({ db: t.db, scope: viewer, input: { ...input, name: "v" } }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("validates cron schedules and regions with clear messages", async () => {
    expect(checkCronExpression("0 */6 * * *")).toBeNull();
    expect(checkCronExpression("*/15 0-23 1,15 * 0")).toBeNull();
    expect(checkCronExpression("0 25 * * *")).toMatch(/outside 0-23/);
    expect(checkCronExpression("every hour")).toMatch(/five cron fields/);
    await expect(
      createConnection({
        db: t.db,
        scope: admin,
        input: { ...input, name: "bad", regions: ["mars-1"] },
      }),
    ).rejects.toThrow(/regions.0: not an AWS region name/);
  });

  it("records Test connection results per account", async () => {
    const c = await createConnection({
      db: t.db,
      scope: admin,
      input: { ...input, name: "tested" },
    });
    await t.db.awsAccount.createMany({
      data: ["222222222222", "333333333333"].map((accountId) => ({
        tenantId: admin.tenantId,
        connectionId: c.id,
        accountId,
        arn: `arn:aws:organizations::111111111111:account/o-x/${accountId}`,
        name: accountId,
        email: `${accountId}@acme.test`,
        status: "ACTIVE" as const,
      })),
    });
    const r = await recordConnectionTest({
      db: t.db,
      tenantId: admin.tenantId,
      connectionId: c.id,
      result: {
        management: { ok: true, organizationId: "o-abc", managementAccountId: "111111111111" },
        accounts: [
          { accountId: "222222222222", state: "CONNECTED", message: "ok" },
          {
            accountId: "333333333333",
            state: "ROLE_MISSING_OR_TRUST_DENIED",
            message: "AccessDenied",
          },
        ],
      },
    });
    expect(r.status).toBe("DEGRADED");
    const accounts = await t.db.awsAccount.findMany({
      where: { connectionId: c.id },
      orderBy: { accountId: "asc" },
    });
    expect(accounts.map((a) => [a.access, a.accessError])).toEqual([
      ["CONNECTED", null],
      ["ROLE_MISSING_OR_TRUST_DENIED", "AccessDenied"],
    ]);
  });
});

describe("onboarding templates", () => {
  const tpl = {
    vendorPrincipalArn: "arn:aws:iam::999999999999:user/posture-scanner",
    externalId: "gr-" + "a".repeat(43),
    managementRoleName: "PostureOrgReader",
    memberRoleName: "PostureScanner",
  };
  it("trusts only our principal with the external ID, and deploys the member role with auto-deployment", () => {
    const mgmt = JSON.parse(renderManagementRoleTemplate(tpl));
    const role = mgmt.Resources.GuardrailOrgReaderRole.Properties;
    expect(role.RoleName).toBe("PostureOrgReader");
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Principal: { AWS: tpl.vendorPrincipalArn },
        Condition: { StringEquals: { "sts:ExternalId": tpl.externalId } },
      }),
    ]);
    const stackSet = JSON.parse(renderMemberStackSetTemplate(tpl)).Resources
      .GuardrailScannerStackSet.Properties;
    expect(stackSet.PermissionModel).toBe("SERVICE_MANAGED");
    expect(stackSet.AutoDeployment.Enabled).toBe(true);
    const member = JSON.parse(stackSet.TemplateBody).Resources.GuardrailScannerRole.Properties;
    expect(member.ManagedPolicyArns).toEqual([
      "arn:aws:iam::aws:policy/SecurityAudit",
      "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    ]);
    expect(
      member.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals["sts:ExternalId"],
    ).toBe(tpl.externalId);
  });
  it("renders the same two as a Terraform module", () => {
    const files = renderTerraformModule(tpl);
    expect(Object.keys(files).sort()).toEqual(["main.tf", "outputs.tf", "variables.tf"]);
    expect(files["main.tf"]).toContain('permission_model = "SERVICE_MANAGED"');
    expect(files["main.tf"]).toContain("auto_deployment {");
    expect(files["main.tf"]).toContain(tpl.externalId);
    expect(files["main.tf"]).toContain("SecurityAudit");
    expect(() => renderTerraformModule({ ...tpl, externalId: "short" })).toThrow(/32/);
  });
});
