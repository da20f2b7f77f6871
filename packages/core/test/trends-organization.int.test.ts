import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TTenantScope } from "../src/common/tenant-scope";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import { getOrganizationOverview } from "../src/posture/organization-query.service";
import { getPostureOverview } from "../src/posture/overview-query.service";
import { computeRemediationStats } from "../src/posture/remediation-stats.service";
import { computeSnapshots } from "../src/posture/snapshot.service";
import {
  getBusinessUnitLeague,
  getPostureTrend,
  listTrendTargets,
} from "../src/posture/trends-query.service";
import { createResource, createTenant, createUser, day, result } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const MGMT = "999999999999";
const ACC1 = "111111111111";
const ACC2 = "222222222222";
const ORG = "o-exampleorg";
const ROOT = "r-root";
const i1 = `arn:aws:ec2:us-east-1:${ACC1}:instance/i-1`;
const i2 = `arn:aws:ec2:us-east-1:${ACC2}:instance/i-2`;

async function scopeOf(tenantId: string, role: TTenantScope["role"]): Promise<TTenantScope> {
  const userId = await createUser(t.db, role.toLowerCase());
  await t.db.membership.create({ data: { tenantId, userId, role } });
  return { tenantId, userId, role };
}

/** An organization: management account under the root, ou-a (SCPs) holding ACC1, ou-b (none) holding ACC2. */
async function createOrganization(tenantId: string) {
  for (const [ouId, parentId, isRoot] of [
    [ROOT, null, true],
    ["ou-a", ROOT, false],
    ["ou-b", ROOT, false],
  ] as const) {
    await t.db.organizationalUnit.create({
      data: {
        tenantId,
        connectionId: tenantId,
        ouId,
        arn: ouId,
        name: `name-${ouId}`,
        parentId,
        isRoot,
      },
    });
  }
  for (const [accountId, parentId, isManagement] of [
    [MGMT, ROOT, true],
    [ACC1, "ou-a", false],
    [ACC2, "ou-b", false],
  ] as const) {
    await t.db.awsAccount.create({
      data: {
        tenantId,
        connectionId: tenantId,
        accountId,
        arn: accountId,
        name: `acct-${accountId}`,
        email: "x@y",
        status: "ACTIVE",
        parentId,
        isManagement,
        access: accountId === ACC2 ? "ROLE_MISSING_OR_TRUST_DENIED" : "CONNECTED",
        accessError: accountId === ACC2 ? "AccessDenied on sts:AssumeRole" : null,
      },
    });
    const arn = `arn:aws:organizations::${MGMT}:account/${ORG}/${accountId}`;
    await createResource(t.db, tenantId, {
      arn,
      accountId: MGMT,
      region: "global",
      service: "organizations",
      resourceType: "AWS::Organizations::Account",
      configuration: {
        Id: accountId,
        Arn: arn,
        Name: accountId,
        Status: "ACTIVE",
        ParentId: parentId,
        IsManagementAccount: isManagement,
      },
    });
  }
  for (const ouId of ["ou-a", "ou-b"]) {
    await createResource(t.db, tenantId, {
      arn: `arn:aws:organizations::${MGMT}:ou/${ORG}/${ouId}`,
      accountId: MGMT,
      region: "global",
      service: "organizations",
      resourceType: "AWS::Organizations::OrganizationalUnit",
      configuration: { Id: ouId, Name: ouId, ParentId: ROOT },
    });
  }
  const policies = [
    {
      id: "p-full",
      name: "FullAWSAccess",
      targets: [ROOT],
      statements: [{ Effect: "Allow", Action: "*", Resource: "*" }],
    },
    {
      id: "p-guard",
      name: "workload-guardrails",
      targets: ["ou-a"],
      statements: [
        {
          Sid: "NoLeave",
          Effect: "Deny",
          Action: "organizations:LeaveOrganization",
          Resource: "*",
        },
        {
          Sid: "NoRoot",
          Effect: "Deny",
          Action: "*",
          Resource: "*",
          Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } },
        },
      ],
    },
  ];
  for (const p of policies) {
    const content = JSON.stringify({ Version: "2012-10-17", Statement: p.statements });
    const arn = `arn:aws:organizations::${MGMT}:policy/${ORG}/service_control_policy/${p.id}`;
    await t.db.organizationPolicy.create({
      data: {
        tenantId,
        connectionId: tenantId,
        policyId: p.id,
        arn,
        name: p.name,
        type: "SERVICE_CONTROL_POLICY",
        content,
        targets: p.targets,
      },
    });
    await createResource(t.db, tenantId, {
      arn,
      accountId: MGMT,
      region: "global",
      service: "organizations",
      resourceType: "AWS::Organizations::Policy",
      configuration: {
        PolicySummary: {
          Id: p.id,
          Arn: arn,
          Name: p.name,
          Type: "SERVICE_CONTROL_POLICY",
          AwsManaged: false,
        },
        Content: content,
        Targets: p.targets,
      },
    });
  }
  await t.db.collectionState.create({
    data: {
      tenantId,
      accountId: MGMT,
      region: "global",
      service: "organizations",
      status: "COMPLETE",
      attemptedAt: new Date(),
    },
  });
  // A workload in the management account.
  await createResource(t.db, tenantId, {
    arn: `arn:aws:lambda:us-east-1:${MGMT}:function:billing-export`,
    accountId: MGMT,
    service: "lambda",
    resourceType: "AWS::Lambda::Function",
    configuration: { FunctionName: "billing-export" },
  });
}

describe("trends, overview and organization queries", { timeout: 120_000 }, () => {
  it("reads the snapshot series with carry-forward, ranges, BU scoping and tenant isolation", async () => {
    const tenantId = await createTenant(t.db);
    await createOrganization(tenantId);
    const payments = await t.db.businessUnit.create({ data: { tenantId, name: "Payments" } });
    const retail = await t.db.businessUnit.create({ data: { tenantId, name: "Retail" } });
    await createResource(t.db, tenantId, { arn: i1, accountId: ACC1 });
    await createResource(t.db, tenantId, { arn: i2, accountId: ACC2 });
    const run = (now: Date, results: ReturnType<typeof result>[]) =>
      applyEvaluation({ db: t.db, tenantId, scanId: null, evaluatedScope: "ALL", now, results });

    // Day 1: both accounts scanned; ACC1's findings belong to Payments, ACC2's to Retail.
    const d1 = await run(day("2026-07-01"), [
      result("r.crit", i1, "FAIL", { severity: "CRITICAL" }),
      result("r.low", i1, "PASS", { severity: "LOW" }),
      result("r.crit", i2, "FAIL", { severity: "CRITICAL", accountId: ACC2 }),
      result("r.high", i2, "FAIL", { severity: "HIGH", accountId: ACC2 }),
    ]);
    await t.db.finding.updateMany({
      where: { tenantId, accountId: ACC1 },
      data: { businessUnitId: payments.id },
    });
    await t.db.finding.updateMany({
      where: { tenantId, accountId: ACC2 },
      data: { businessUnitId: retail.id },
    });
    await computeSnapshots({ db: t.db, tenantId, day: day("2026-07-01"), evaluation: d1.counts });
    // Day 2: only ACC1 scanned (fixed); ACC2 carries its day-1 figures forward.
    const d2 = await run(day("2026-07-02"), [
      result("r.crit", i1, "PASS", { severity: "CRITICAL" }),
      result("r.low", i1, "PASS", { severity: "LOW" }),
    ]);
    await computeSnapshots({ db: t.db, tenantId, day: day("2026-07-02"), evaluation: d2.counts });
    // Remediation aggregates of both days; running a day twice replaces its rows.
    await computeRemediationStats({
      db: t.db,
      tenantId,
      from: day("2026-07-01"),
      to: day("2026-07-02"),
    });
    const again = await computeRemediationStats({
      db: t.db,
      tenantId,
      from: day("2026-07-02"),
      to: day("2026-07-02"),
    });
    // TENANT, ACCOUNT, BUSINESS_UNIT and two OUs (ou-a, r-root) for the one resolved CRITICAL finding
    expect(again.rows).toBe(5);
    expect(await t.db.remediationStat.count({ where: { tenantId } })).toBe(5);
    // An old tenant snapshot, 100 days before: inside 365d, outside 90d and 30d.
    await t.db.postureSnapshot.create({
      data: {
        tenantId,
        day: new Date("2026-03-24"),
        scopeType: "TENANT",
        scopeId: "",
        score: 42,
        coverage: 1,
      },
    });

    const now = day("2026-07-02");
    const analyst = await scopeOf(tenantId, "ANALYST");
    const acc2 = await getPostureTrend({
      db: t.db,
      scope: analyst,
      range: "30d",
      target: { type: "ACCOUNT", id: ACC2 },
      now,
    });
    expect(acc2.days.map((d) => [d.day, d.carriedForward, d.openCritical, d.openHigh])).toEqual([
      ["2026-07-01", false, 1, 1],
      ["2026-07-02", true, 1, 1],
    ]);
    const tenant30 = await getPostureTrend({
      db: t.db,
      scope: analyst,
      range: "30d",
      target: { type: "TENANT" },
      now,
    });
    expect(tenant30.from).toBe("2026-06-03");
    expect(tenant30.days.map((d) => d.day)).toEqual(["2026-07-01", "2026-07-02"]);
    expect(tenant30.days[1]).toMatchObject({ openCritical: 1, resolvedCount: 1 });
    // new vs resolved summed per ISO week (2026-06-29 is the Monday)
    expect(tenant30.weeks).toEqual([{ week: "2026-06-29", newCount: 3, resolvedCount: 1 }]);
    // one CRITICAL finding resolved one day after it was first seen
    expect(tenant30.mttr.find((m) => m.severity === "CRITICAL")).toEqual({
      severity: "CRITICAL",
      resolved: 1,
      meanDays: 1,
    });
    expect(tenant30.mttr.find((m) => m.severity === "HIGH")).toEqual({
      severity: "HIGH",
      resolved: 0,
      meanDays: null,
    });
    const ninety = await getPostureTrend({
      db: t.db,
      scope: analyst,
      range: "90d",
      target: { type: "TENANT" },
      now,
    });
    expect(ninety.days).toHaveLength(2);
    const year = await getPostureTrend({
      db: t.db,
      scope: analyst,
      range: "365d",
      target: { type: "TENANT" },
      now,
    });
    expect(year.days.map((d) => d.day)).toEqual(["2026-03-24", "2026-07-01", "2026-07-02"]);
    const ouB = await getPostureTrend({
      db: t.db,
      scope: analyst,
      range: "30d",
      target: { type: "OU", id: "ou-b" },
      now,
    });
    expect(ouB.days.map((d) => d.carriedForward)).toEqual([false, true]);
    await expect(
      getPostureTrend({
        db: t.db,
        scope: analyst,
        range: "7d" as never,
        target: { type: "TENANT" },
        now,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });

    const league = await getBusinessUnitLeague({ db: t.db, scope: analyst, range: "30d", now });
    expect(league.map((r) => [r.name, r.openCritical, r.openHigh])).toEqual([
      ["Retail", 1, 1],
      ["Payments", 0, 0],
    ]);
    expect(league[1]).toMatchObject({ mttrDays: 1, score: 100 });

    const overview = await getPostureOverview({ db: t.db, scope: analyst, now });
    expect(overview.latest).toMatchObject({ day: "2026-07-02", openCritical: 1 });
    expect(overview.week).toEqual({ newCount: 3, resolvedCount: 1 });
    expect(overview.topFailingRules[0]).toMatchObject({ ruleId: "r.crit", openCritical: 1 });
    expect(overview.riskiestAccounts[0]).toMatchObject({ id: ACC2, name: `acct-${ACC2}` });
    expect(overview.riskiestBusinessUnits[0]).toMatchObject({ name: "Retail" });

    // A BU_OWNER of Payments: Payments only.
    const owner = await scopeOf(tenantId, "BU_OWNER");
    await t.db.businessUnitOwner.create({
      data: { tenantId, businessUnitId: payments.id, userId: owner.userId },
    });
    expect(await listTrendTargets({ db: t.db, scope: owner })).toEqual([
      { type: "BUSINESS_UNIT", id: payments.id, label: "Payments" },
    ]);
    const own = await getPostureTrend({
      db: t.db,
      scope: owner,
      range: "30d",
      target: { type: "BUSINESS_UNIT", id: payments.id },
      now,
    });
    expect(own.days.length).toBe(2);
    for (const target of [
      { type: "TENANT" as const },
      { type: "BUSINESS_UNIT" as const, id: retail.id },
      { type: "ACCOUNT" as const, id: ACC1 },
    ]) {
      await expect(
        getPostureTrend({ db: t.db, scope: owner, range: "30d", target, now }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(
      (await getBusinessUnitLeague({ db: t.db, scope: owner, range: "30d", now })).map(
        (r) => r.name,
      ),
    ).toEqual(["Payments"]);
    const ownerOverview = await getPostureOverview({ db: t.db, scope: owner, now });
    expect(ownerOverview.target).toEqual({ type: "BUSINESS_UNIT", id: payments.id });
    expect(ownerOverview.riskiestAccounts).toEqual([]);
    expect(ownerOverview.riskiestBusinessUnits.map((r) => r.name)).toEqual(["Payments"]);
    await expect(getOrganizationOverview({ db: t.db, scope: owner, now })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    // Another tenant sees none of it, even naming this tenant's account and business unit.
    const other = await createTenant(t.db, "other");
    const outsider = await scopeOf(other, "OWNER");
    expect(
      (
        await getPostureTrend({
          db: t.db,
          scope: outsider,
          range: "365d",
          target: { type: "TENANT" },
          now,
        })
      ).days,
    ).toEqual([]);
    expect(
      (
        await getPostureTrend({
          db: t.db,
          scope: outsider,
          range: "365d",
          target: { type: "ACCOUNT", id: ACC2 },
          now,
        })
      ).days,
    ).toEqual([]);
    expect(
      (
        await getPostureTrend({
          db: t.db,
          scope: outsider,
          range: "365d",
          target: { type: "BUSINESS_UNIT", id: payments.id },
          now,
        })
      ).mttr.every((m) => m.resolved === 0),
    ).toBe(true);
    expect(await getBusinessUnitLeague({ db: t.db, scope: outsider, range: "365d", now })).toEqual(
      [],
    );
    expect((await getPostureOverview({ db: t.db, scope: outsider, now })).latest).toBeNull();
    const otherOrg = await getOrganizationOverview({ db: t.db, scope: outsider, now });
    expect(otherOrg).toMatchObject({
      roots: [],
      policies: [],
      coverage: [],
      managementAccount: null,
    });
    expect((await listTrendTargets({ db: t.db, scope: outsider })).map((o) => o.type)).toEqual([
      "TENANT",
    ]);

    // The organization of the first tenant: tree, policies, coverage matrix, management warning.
    const org = await getOrganizationOverview({
      db: t.db,
      scope: await scopeOf(tenantId, "VIEWER"),
      now,
    });
    expect(org.roots).toHaveLength(1);
    const root = org.roots[0]!;
    expect(root).toMatchObject({
      kind: "ROOT",
      id: ROOT,
      accountCount: 3,
      unreachableAccounts: 1,
      access: "ROLE_MISSING_OR_TRUST_DENIED",
      policyIds: ["p-full"],
    });
    expect(root.children.map((c) => c.id)).toEqual(["ou-a", "ou-b", MGMT]);
    const ouBNode = root.children.find((c) => c.id === "ou-b")!;
    expect(ouBNode.children[0]).toMatchObject({
      id: ACC2,
      access: "ROLE_MISSING_OR_TRUST_DENIED",
      accessError: "AccessDenied on sts:AssumeRole",
      openCritical: 1,
    });
    expect(root.children.find((c) => c.id === "ou-a")!.score).toBe(100);
    const guard = org.policies.find((p) => p.policyId === "p-guard")!;
    expect(guard.content).toContain('\n  "Statement": [');
    expect(guard.targets).toEqual([{ id: "ou-a", name: "name-ou-a", kind: "OU" }]);

    const cell = (accountId: string, key: string) =>
      org.coverage.find((r) => r.accountId === accountId)!.cells.find((c) => c.guardrail === key)!;
    expect(cell(ACC1, "deny-leave-organization")).toMatchObject({
      status: "PASS",
      providedBy: [{ policy: "workload-guardrails", attachedTo: "ou-a" }],
    });
    expect(cell(ACC1, "deny-root-user").status).toBe("PASS");
    expect(cell(ACC1, "region-restriction").status).toBe("FAIL");
    expect(cell(ACC2, "deny-leave-organization").status).toBe("FAIL");
    expect(cell(ACC2, "deny-root-user").status).toBe("FAIL");
    expect(cell(MGMT, "deny-root-user").status).toBe("NOT_APPLICABLE");
    expect(cell(ACC1, "s3-block-public-access").status).toBe("NOT_COLLECTED");
    expect(org.coverage.find((r) => r.accountId === ACC2)!.path).toEqual([
      "name-r-root",
      "name-ou-b",
    ]);
    // The gap totals count every account's FAIL cells, guardrail by guardrail.
    for (const g of org.guardrails) {
      expect(org.gaps[g.key as keyof typeof org.gaps]).toBe(
        org.coverage.filter((r) => r.cells.find((c) => c.guardrail === g.key)?.status === "FAIL")
          .length,
      );
    }
    expect(org.gaps["deny-root-user"]).toBeGreaterThanOrEqual(1);
    expect(otherOrg.gaps["deny-root-user"]).toBe(0);
    expect(org.managementAccount).toMatchObject({
      accountId: MGMT,
      status: "FAIL",
      workloadCount: 1,
    });
  });
});
