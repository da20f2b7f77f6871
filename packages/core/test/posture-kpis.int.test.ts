import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summarizeCompliance } from "../src/posture/compliance.service";
import { getWorkspaceSummary } from "../src/tenancy/tenancy.service";
import {
  analyzeThirdPartyTrust,
  countInventoryResources,
  countOpenFindings,
  OPEN_FINDINGS_LIVE_COUNT_CAP,
  getOrganizationKpis,
  refreshOrganizationKpis,
} from "../src/posture/kpi.service";
import { createResource, createTenant, createUser, day } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const MGMT = "111111111111";
const MEMBER = "222222222222";

describe("organization KPIs", { timeout: 60_000 }, () => {
  it("computes each KPI from the inventory, with the industry figure or null beside it", async () => {
    const tenantId = await createTenant(t.db);
    const userId = await createUser(t.db);
    const acct = (accountId: string, isManagement: boolean, parentId: string) =>
      t.db.awsAccount.create({
        data: {
          tenantId,
          connectionId: tenantId,
          accountId,
          arn: accountId,
          name: accountId,
          email: "a@b",
          status: "ACTIVE",
          isManagement,
          parentId,
        },
      });
    await acct(MGMT, true, "r-root");
    await acct(MEMBER, false, "ou-workloads");
    await t.db.organizationalUnit.create({
      data: {
        tenantId,
        connectionId: tenantId,
        ouId: "ou-workloads",
        arn: "o",
        name: "w",
        parentId: "r-root",
      },
    });
    await t.db.organizationPolicy.create({
      data: {
        tenantId,
        connectionId: tenantId,
        policyId: "p-1",
        arn: "p",
        name: "deny-leave",
        type: "SERVICE_CONTROL_POLICY",
        content: "{}",
        targets: ["ou-workloads"],
      },
    });
    const ec2 = (id: string, acc: string, tokens: string) =>
      createResource(t.db, tenantId, {
        arn: `arn:aws:ec2:us-east-1:${acc}:instance/${id}`,
        accountId: acc,
        configuration: { MetadataOptions: { HttpTokens: tokens } },
      });
    await ec2("i-1", MGMT, "required");
    await ec2("i-2", MEMBER, "optional");
    await ec2("i-3", MEMBER, "required");
    await ec2("i-4", MEMBER, "required");
    const user = (name: string, rotated: string | null) =>
      createResource(t.db, tenantId, {
        arn: `arn:aws:iam::${MEMBER}:user/${name}`,
        accountId: MEMBER,
        region: "global",
        service: "iam",
        resourceType: "AWS::IAM::User",
        configuration: {
          CredentialReport: {
            access_key_1_active: rotated ? "true" : "false",
            access_key_1_last_rotated: rotated ?? "N/A",
            access_key_2_active: "false",
          },
        },
      });
    await user("old", "2024-01-01T00:00:00+00:00");
    await user("new", "2026-06-01T00:00:00+00:00");
    await user("nokey", null);
    const bucket = (name: string, configuration: Record<string, unknown>) =>
      createResource(t.db, tenantId, {
        arn: `arn:aws:s3:::${name}`,
        accountId: MEMBER,
        service: "s3",
        resourceType: "AWS::S3::Bucket",
        configuration,
      });
    const allOn = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    await bucket("protected", {
      PublicAccessBlockConfiguration: allOn,
      PolicyStatus: { IsPublic: true },
    });
    await bucket("public-policy", { PolicyStatus: { IsPublic: true } });
    await bucket("public-acl", {
      Acl: {
        Grants: [
          {
            Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
            Permission: "READ",
          },
        ],
      },
    });
    await bucket("private", {});
    const role = (name: string, doc: unknown) =>
      createResource(t.db, tenantId, {
        arn: `arn:aws:iam::${MEMBER}:role/${name}`,
        accountId: MEMBER,
        region: "global",
        service: "iam",
        resourceType: "AWS::IAM::Role",
        configuration: { AssumeRolePolicyDocument: JSON.stringify(doc) },
      });
    const trust = (principal: string, condition?: unknown) => ({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: principal },
          Action: "sts:AssumeRole",
          ...(condition ? { Condition: condition } : {}),
        },
      ],
    });
    await role(
      "vendor-ok",
      trust("arn:aws:iam::999999999999:root", { StringEquals: { "sts:ExternalId": "x" } }),
    );
    await role("vendor-bad", trust("999999999998"));
    await role("internal", trust(`arn:aws:iam::${MGMT}:root`));

    const kpis = await getOrganizationKpis({
      db: t.db,
      scope: { tenantId, userId, role: "VIEWER" },
      now: day("2026-11-23"),
    });
    const by = Object.fromEntries(kpis.map((k) => [k.id, k]));
    expect(by["ec2.imdsv2-enforced"]).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 });
    expect(by["ec2.imdsv2-enforced"]?.industry).toMatchObject({ value: 0.5, year: 2025 });
    expect(by["iam.users-access-key-older-than-1y"]).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    expect(by["s3.buckets-block-public-access"]).toMatchObject({
      numerator: 1,
      denominator: 4,
    });
    expect(by["s3.buckets-block-public-access"]?.industry).toMatchObject({
      value: 0.83,
      year: 2025,
    });
    expect(by["s3.buckets-public"]).toMatchObject({ numerator: 2, denominator: 4 });
    expect(by["org.accounts-covered-by-scp"]).toMatchObject({ numerator: 1, denominator: 2 });
    expect(by["iam.third-party-roles-without-external-id"]).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    expect(by["org.workloads-in-management-account"]).toMatchObject({ value: 1 });
    // Every KPI carries the published figure with its citation, or says why there is none.
    for (const k of kpis) {
      if (k.industry) {
        expect(k.industry.url).toMatch(/^https:\/\//);
        expect(k.industry.report.length).toBeGreaterThan(5);
        expect(k.industryUnavailableReason).toBeNull();
      } else expect(k.industryUnavailableReason?.length ?? 0).toBeGreaterThan(20);
    }
    expect(by["iam.users-access-key-older-than-1y"]?.industry).toMatchObject({
      value: 0.59,
      year: 2025,
    });
    // the 2025 report has a figure for each of the seven KPIs
    expect(kpis.filter((k) => k.industry === null)).toEqual([]);

    const other = await createTenant(t.db, "other");
    const empty = await getOrganizationKpis({
      db: t.db,
      scope: { tenantId: other, userId, role: "VIEWER" },
      now: day("2026-11-23"),
    });
    expect(empty.every((k) => k.numerator === 0)).toBe(true);

    // Stored as of the first read: the inventory changing alone does not move the figures …
    const measuredAt = by["ec2.imdsv2-enforced"]?.computedAt;
    expect(measuredAt).toBe(day("2026-11-23").toISOString());
    await ec2("i-5", MEMBER, "optional");
    const stored = await getOrganizationKpis({
      db: t.db,
      scope: { tenantId, userId, role: "VIEWER" },
      now: day("2026-11-24"),
    });
    expect(stored.find((k) => k.id === "ec2.imdsv2-enforced")).toMatchObject({
      numerator: 3,
      denominator: 4,
      computedAt: measuredAt,
    });
    // … the refresh after the next evaluation does; an older measurement never replaces it.
    await refreshOrganizationKpis({ db: t.db, tenantId, now: day("2026-11-25") });
    await t.db.resource.deleteMany({ where: { tenantId, resourceType: "AWS::EC2::Instance" } });
    await refreshOrganizationKpis({ db: t.db, tenantId, now: day("2026-11-24") });
    const refreshed = await getOrganizationKpis({
      db: t.db,
      scope: { tenantId, userId, role: "VIEWER" },
      now: day("2026-11-26"),
    });
    expect(refreshed.find((k) => k.id === "ec2.imdsv2-enforced")).toMatchObject({
      numerator: 3,
      denominator: 5,
      value: 0.6,
      computedAt: day("2026-11-25").toISOString(),
    });
    // Tenants apart: the other tenant's stored rows are its own zeros.
    expect(await t.db.organizationKpi.count({ where: { tenantId: other } })).toBe(9);
    expect(
      (
        await getOrganizationKpis({
          db: t.db,
          scope: { tenantId: other, userId, role: "VIEWER" },
          now: day("2026-11-26"),
        })
      ).every((k) => k.numerator === 0),
    ).toBe(true);
  });

  it("counts the inventory as of the latest evaluation (live until one is stored)", async () => {
    const tenantId = await createTenant(t.db);
    const userId = await createUser(t.db);
    const scope = { tenantId, userId, role: "VIEWER" as const };
    const other = await createTenant(t.db, "other");
    const ec2 = (db: typeof t.db, tid: string, id: string) =>
      createResource(db, tid, { arn: `arn:aws:ec2:us-east-1:${MEMBER}:instance/${id}` });
    await ec2(t.db, tenantId, "i-1");
    await ec2(t.db, tenantId, "i-2");
    await ec2(t.db, other, "i-9");
    await t.db.resource.updateMany({
      where: { tenantId, resourceId: { endsWith: "i-2" } },
      data: { deletedAt: new Date() },
    });
    expect(await countInventoryResources({ db: t.db, scope })).toBe(1);
    await refreshOrganizationKpis({ db: t.db, tenantId, now: day("2026-11-23") });
    await ec2(t.db, tenantId, "i-3");
    // Stored at the evaluation: a resource persisted since counts after the next one.
    expect((await getWorkspaceSummary(t.db, scope)).resources).toBe(1);
    await refreshOrganizationKpis({ db: t.db, tenantId, now: day("2026-11-24") });
    expect((await getWorkspaceSummary(t.db, scope)).resources).toBe(2);
    expect(
      await countInventoryResources({
        db: t.db,
        scope: { tenantId: other, userId, role: "VIEWER" },
      }),
    ).toBe(1);
  });

  it("counts open findings live up to the cap, beyond it as of the latest evaluation", async () => {
    const tenantId = await createTenant(t.db);
    const userId = await createUser(t.db);
    const scope = { tenantId, userId, role: "VIEWER" as const };
    const resourceId = await createResource(t.db, tenantId, {
      arn: `arn:aws:ec2:us-east-1:${MEMBER}:instance/i-1`,
    });
    const open = (from: number, to: number) =>
      t.db.$executeRaw`
        INSERT INTO "Finding" ("tenantId", "ruleId", "resourceId", "accountId", region, "resourceType", status, severity, title, evidence)
        SELECT ${tenantId}::uuid, 'r.' || g, ${resourceId}::uuid, ${MEMBER}, 'us-east-1', 'AWS::EC2::Instance', 'OPEN', 'HIGH', 't', '{}'::jsonb
          FROM generate_series(${from}::int, ${to}::int) g`;
    await open(1, 3);
    expect(await countOpenFindings({ db: t.db, scope })).toEqual({
      value: 3,
      atLatestEvaluation: false,
    });
    await open(4, OPEN_FINDINGS_LIVE_COUNT_CAP + 2);
    // Over the cap with nothing stored yet: counted live.
    expect(await countOpenFindings({ db: t.db, scope })).toEqual({
      value: OPEN_FINDINGS_LIVE_COUNT_CAP + 2,
      atLatestEvaluation: false,
    });
    await refreshOrganizationKpis({ db: t.db, tenantId, now: day("2026-11-23") });
    await t.db.finding.updateMany({
      where: { tenantId, ruleId: { in: ["r.1"] } },
      data: { status: "SUPPRESSED" },
    });
    expect(await countOpenFindings({ db: t.db, scope })).toEqual({
      value: OPEN_FINDINGS_LIVE_COUNT_CAP + 2,
      atLatestEvaluation: true,
    });
    await t.db.finding.updateMany({
      where: { tenantId, ruleId: { in: ["r.2", "r.3", "r.4"] } },
      data: { status: "RESOLVED" },
    });
    // Back under the cap: live again.
    expect(await countOpenFindings({ db: t.db, scope })).toEqual({
      value: OPEN_FINDINGS_LIVE_COUNT_CAP - 2,
      atLatestEvaluation: false,
    });
    const other = await createTenant(t.db, "other");
    expect(
      await countOpenFindings({ db: t.db, scope: { tenantId: other, userId, role: "VIEWER" } }),
    ).toEqual({ value: 0, atLatestEvaluation: false });
  });

  it("treats a trust to another organization account as internal", () => {
    const doc = { Statement: { Effect: "Allow", Principal: { AWS: ["333333333333"] } } };
    expect(
      analyzeThirdPartyTrust({ AssumeRolePolicyDocument: doc }, MEMBER, new Set(["333333333333"])),
    ).toEqual({ thirdParty: false, externalId: false });
  });
});

describe("compliance view", () => {
  it("counts controls passing, failing and unable per framework and account", () => {
    const rules = [
      { id: "r.a", frameworks: [{ framework: "AWS-FSBP", controlId: "EC2.8" }] },
      {
        id: "r.b",
        frameworks: [
          { framework: "AWS-FSBP", controlId: "S3.1" },
          { framework: "CIS-AWS-3.0.0", controlId: "2.1.4" },
        ],
      },
      { id: "r.c", frameworks: [{ framework: "AWS-FSBP", controlId: "GuardDuty.1" }] },
    ];
    const cells = summarizeCompliance({
      rules,
      counts: [
        { ruleId: "r.a", accountId: MEMBER, pass: 3, fail: 0, unable: 0 },
        { ruleId: "r.b", accountId: MEMBER, pass: 1, fail: 0, unable: 0 },
        { ruleId: "r.c", accountId: MEMBER, pass: 0, fail: 0, unable: 1 },
      ],
      openFindings: [{ ruleId: "r.b", accountId: MEMBER }],
    });
    expect(cells).toEqual([
      {
        framework: "AWS-FSBP",
        accountId: MEMBER,
        passing: 1,
        failing: 1,
        unable: 1,
        failingControls: ["S3.1"],
      },
      {
        framework: "CIS-AWS-3.0.0",
        accountId: MEMBER,
        passing: 0,
        failing: 1,
        unable: 0,
        failingControls: ["2.1.4"],
      },
    ]);
  });
});
