import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import { readRuleEvaluationCounts } from "../src/findings/rule-evaluation-count.repository";
import { getComplianceView } from "../src/posture/compliance.service";
import { computeSnapshots } from "../src/posture/snapshot.service";
import { createResource, createTenant, day, result } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const ACC1 = "111111111111";
const ACC2 = "222222222222";
const i1 = `arn:aws:ec2:us-east-1:${ACC1}:instance/i-1`;
const i2 = `arn:aws:ec2:eu-west-1:${ACC1}:instance/i-2`;
const b1 = `arn:aws:s3:::bucket-1`;
const i3 = `arn:aws:ec2:us-east-1:${ACC2}:instance/i-3`;

const RULES = [
  { id: "aws.ec2.instance.imdsv2-required", frameworks: [{ framework: "CIS-AWS-3.0.0", controlId: "5.6" }, { framework: "AWS-FSBP", controlId: "EC2.8" }] },
  { id: "aws.ec2.volume.encrypted", frameworks: [{ framework: "AWS-FSBP", controlId: "EC2.3" }] },
  { id: "aws.s3.bucket.versioning", frameworks: [{ framework: "AWS-FSBP", controlId: "S3.14" }] },
];
const IMDS = RULES[0]!.id;
const VOL = RULES[1]!.id;
const VER = RULES[2]!.id;

async function seed(tenantId: string) {
  await createResource(t.db, tenantId, { arn: i1, accountId: ACC1 });
  await createResource(t.db, tenantId, { arn: i2, accountId: ACC1, region: "eu-west-1" });
  await createResource(t.db, tenantId, {
    arn: b1,
    accountId: ACC1,
    region: "global",
    service: "s3",
    resourceType: "AWS::S3::Bucket",
  });
  await createResource(t.db, tenantId, { arn: i3, accountId: ACC2 });
}

const s3 = (ruleId: string, status: "PASS" | "FAIL" | "UNABLE_TO_EVALUATE") =>
  result(ruleId, b1, status, { region: "global", resourceType: "AWS::S3::Bucket", severity: "LOW" });

describe("RuleEvaluationCount", { timeout: 60_000 }, () => {
  it("is written by applyEvaluation and replaced per evaluated (account, region, service)", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId);
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-08-01"),
      results: [
        result(IMDS, i1, "FAIL"),
        result(VOL, i1, "PASS", { severity: "MEDIUM" }),
        result(IMDS, i2, "UNABLE_TO_EVALUATE", { region: "eu-west-1" }),
        s3(VER, "PASS"),
        result(IMDS, i3, "PASS", { accountId: ACC2 }),
      ],
    });
    const first = await readRuleEvaluationCounts({ db: t.db, tenantId });
    expect(first).toHaveLength(5);
    expect(first.find((c) => c.ruleId === IMDS && c.region === "us-east-1" && c.accountId === ACC1)).toMatchObject({
      service: "ec2",
      severity: "HIGH",
      pass: 0,
      fail: 1,
      unable: 0,
    });
    expect(first.find((c) => c.ruleId === VER)).toMatchObject({ service: "s3", region: "global", pass: 1 });

    // Second scan of ACC1 ec2 us-east-1 only: the volume rule produced nothing there any more
    // (its row goes), IMDS now passes; eu-west-1, the S3 collection and ACC2 are untouched.
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: [{ accountId: ACC1, region: "us-east-1", service: "ec2" }],
      now: day("2026-08-02"),
      results: [result(IMDS, i1, "PASS")],
    });
    const second = await readRuleEvaluationCounts({ db: t.db, tenantId });
    expect(second).toHaveLength(4);
    expect(second.some((c) => c.ruleId === VOL)).toBe(false);
    const imdsUse1 = second.find((c) => c.ruleId === IMDS && c.region === "us-east-1" && c.accountId === ACC1);
    expect(imdsUse1).toMatchObject({ pass: 1, fail: 0 });
    expect(imdsUse1!.evaluatedAt.toISOString()).toBe(day("2026-08-02").toISOString());
    expect(second.find((c) => c.region === "eu-west-1")).toMatchObject({ unable: 1 });
    expect(second.find((c) => c.accountId === ACC2)).toMatchObject({ pass: 1 });

    // A rule the tenant disabled loses its rows in the evaluated scope.
    await t.db.ruleSetting.create({ data: { tenantId, ruleId: VER, enabled: false } });
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: [{ accountId: ACC1, region: "global", service: "s3" }],
      now: day("2026-08-03"),
      results: [s3(VER, "FAIL")],
    });
    const third = await readRuleEvaluationCounts({ db: t.db, tenantId });
    expect(third.some((c) => c.ruleId === VER)).toBe(false);

    // Another tenant's evaluation never touches these rows.
    const other = await createTenant(t.db, "other");
    await seed(other);
    await applyEvaluation({
      db: t.db,
      tenantId: other,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-08-04"),
      results: [result(IMDS, i1, "FAIL")],
    });
    expect(await readRuleEvaluationCounts({ db: t.db, tenantId })).toHaveLength(third.length);
    expect(await readRuleEvaluationCounts({ db: t.db, tenantId: other })).toHaveLength(1);
  });

  it("feeds snapshots (score, coverage, pass / fail / unable) without passing counts around", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId);
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-09-01"),
      results: [
        result(IMDS, i1, "FAIL", { severity: "CRITICAL" }),
        result(VOL, i1, "PASS", { severity: "CRITICAL" }),
        result(IMDS, i2, "UNABLE_TO_EVALUATE", { region: "eu-west-1", severity: "CRITICAL" }),
        result(IMDS, i3, "PASS", { accountId: ACC2, severity: "CRITICAL" }),
      ],
    });
    await computeSnapshots({ db: t.db, tenantId, day: day("2026-09-01") });
    const rows = await t.db.postureSnapshot.findMany({ where: { tenantId, day: new Date("2026-09-01") } });
    const by = (type: string, id: string) => rows.find((r) => r.scopeType === type && r.scopeId === id);
    expect(by("ACCOUNT", ACC1)).toMatchObject({ passCount: 1, failCount: 1, unableCount: 1, score: 50, carriedForward: false });
    expect(by("ACCOUNT", ACC1)!.coverage).toBeCloseTo(2 / 3, 5);
    expect(by("ACCOUNT", ACC2)).toMatchObject({ passCount: 1, failCount: 0, score: 100, coverage: 1 });
    expect(by("TENANT", "")).toMatchObject({ passCount: 2, failCount: 1, unableCount: 1 });
    expect(by("RULE", IMDS)).toMatchObject({ passCount: 1, failCount: 1, unableCount: 1 });

    // Next day nobody is evaluated: both accounts carry forward, the totals do not dip.
    await computeSnapshots({ db: t.db, tenantId, day: day("2026-09-02") });
    const next = await t.db.postureSnapshot.findMany({ where: { tenantId, day: new Date("2026-09-02") } });
    expect(next.find((r) => r.scopeType === "ACCOUNT" && r.scopeId === ACC1)).toMatchObject({ carriedForward: true, passCount: 1, failCount: 1 });
    expect(next.find((r) => r.scopeType === "TENANT")).toMatchObject({ passCount: 2, failCount: 1, unableCount: 1 });
  });

  it("feeds the compliance view: controls passing / failing / unable per framework and account", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId);
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-10-01"),
      results: [
        result(IMDS, i1, "FAIL"),
        result(VOL, i1, "PASS"),
        s3(VER, "UNABLE_TO_EVALUATE"),
        result(IMDS, i3, "PASS", { accountId: ACC2 }),
      ],
    });
    const scope = { tenantId, userId: "00000000-0000-0000-0000-000000000000", role: "VIEWER" as const };
    const cells = await getComplianceView({ db: t.db, scope, rules: RULES });
    const cell = (framework: string, accountId: string) =>
      cells.find((c) => c.framework === framework && c.accountId === accountId);
    expect(cell("AWS-FSBP", ACC1)).toMatchObject({ passing: 1, failing: 1, unable: 1, failingControls: ["EC2.8"] });
    expect(cell("CIS-AWS-3.0.0", ACC1)).toMatchObject({ passing: 0, failing: 1, unable: 0 });
    expect(cell("AWS-FSBP", ACC2)).toMatchObject({ passing: 1, failing: 0, unable: 0 });
    expect(cell("CIS-AWS-3.0.0", ACC2)).toMatchObject({ passing: 1 });
    const cisOnly = await getComplianceView({ db: t.db, scope, rules: RULES, frameworks: ["CIS-AWS-3.0.0"] });
    expect(cisOnly.every((c) => c.framework === "CIS-AWS-3.0.0")).toBe(true);

    // Tenant isolation: another tenant sees nothing of these counts.
    const other = await createTenant(t.db, "other");
    expect(await getComplianceView({ db: t.db, scope: { ...scope, tenantId: other }, rules: RULES })).toEqual([]);
  });
});
