import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import { computeSnapshots } from "../src/posture/snapshot.service";
import { combineScores, scoreEvaluationCounts } from "../src/posture/score";
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
const i2 = `arn:aws:ec2:us-east-1:${ACC2}:instance/i-2`;

describe("posture score", () => {
  it("weights severities (critical 10, high 5, medium 3, low 1) and reports coverage", () => {
    const s = scoreEvaluationCounts([
      {
        ruleId: "a",
        accountId: ACC1,
        region: "r",
        severity: "CRITICAL",
        pass: 1,
        fail: 1,
        unable: 2,
        notApplicable: 5,
      },
      {
        ruleId: "b",
        accountId: ACC1,
        region: "r",
        severity: "LOW",
        pass: 0,
        fail: 0,
        unable: 0,
        notApplicable: 0,
      },
      {
        ruleId: "c",
        accountId: ACC1,
        region: "r",
        severity: "HIGH",
        pass: 2,
        fail: 0,
        unable: 0,
        notApplicable: 0,
      },
    ]);
    // passed weight 10 + 2×5 = 20, failed weight 10 → 66.7; coverage 4 ÷ 6
    expect(s).toEqual({ score: 66.7, coverage: 4 / 6, passed: 3, failed: 1, unable: 2 });
    expect(
      combineScores([
        { score: 50, passCount: 1, failCount: 1, unableCount: 0 },
        { score: 100, passCount: 2, failCount: 0, unableCount: 2 },
      ]),
    ).toEqual({ score: 75, coverage: 4 / 6 });
  });
});

describe("computeSnapshots", { timeout: 60_000 }, () => {
  it("carries unscanned accounts forward, so the tenant total never dips, and re-running a day never double counts", async () => {
    const tenantId = await createTenant(t.db);
    for (const [acc, ou] of [
      [ACC1, "ou-a"],
      [ACC2, "ou-b"],
    ] as const) {
      await t.db.awsAccount.create({
        data: {
          tenantId,
          connectionId: tenantId,
          accountId: acc,
          arn: acc,
          name: acc,
          email: "x@y",
          status: "ACTIVE",
          parentId: ou,
        },
      });
      await t.db.organizationalUnit.create({
        data: { tenantId, connectionId: tenantId, ouId: ou, arn: ou, name: ou, parentId: "r-root" },
      });
    }
    await createResource(t.db, tenantId, { arn: i1, accountId: ACC1 });
    await createResource(t.db, tenantId, { arn: i2, accountId: ACC2 });
    const run = (now: Date, results: ReturnType<typeof result>[]) =>
      applyEvaluation({ db: t.db, tenantId, scanId: null, evaluatedScope: "ALL", now, results });

    // Day 1: both accounts scanned, each with one failing and one passing rule.
    const d1 = await run(day("2026-07-01"), [
      result("r.crit", i1, "FAIL", { severity: "CRITICAL" }),
      result("r.low", i1, "PASS", { severity: "LOW" }),
      result("r.crit", i2, "FAIL", { severity: "CRITICAL", accountId: ACC2 }),
      result("r.low", i2, "PASS", { severity: "LOW", accountId: ACC2 }),
    ]);
    await computeSnapshots({ db: t.db, tenantId, day: day("2026-07-01"), evaluation: d1.counts });
    const tenant1 = await t.db.postureSnapshot.findFirstOrThrow({
      where: { tenantId, scopeType: "TENANT", day: new Date("2026-07-01") },
    });
    expect(tenant1).toMatchObject({
      openCritical: 2,
      newCount: 2,
      passCount: 2,
      failCount: 2,
      carriedForward: false,
    });
    expect(tenant1.score).toBeCloseTo(9.1, 1); // 1 ÷ (1 + 10)

    // Day 2: only account 1 scanned (and fixed); account 2 carries forward.
    const d2 = await run(day("2026-07-02"), [
      result("r.crit", i1, "PASS", { severity: "CRITICAL" }),
      result("r.low", i1, "PASS", { severity: "LOW" }),
    ]);
    const first = await computeSnapshots({
      db: t.db,
      tenantId,
      day: day("2026-07-02"),
      evaluation: d2.counts,
    });
    expect(first.carriedForward).toBe(1);
    const again = await computeSnapshots({ db: t.db, tenantId, day: day("2026-07-02") });
    expect(again.rows).toBe(first.rows);
    const rows = await t.db.postureSnapshot.findMany({
      where: { tenantId, day: new Date("2026-07-02") },
    });
    const by = (type: string, id: string) =>
      rows.find((r) => r.scopeType === type && r.scopeId === id);
    expect(by("ACCOUNT", ACC2)).toMatchObject({
      carriedForward: true,
      openCritical: 1,
      passCount: 1,
      failCount: 1,
      newCount: 0,
    });
    expect(by("ACCOUNT", ACC1)).toMatchObject({
      carriedForward: false,
      openCritical: 0,
      passCount: 2,
      failCount: 0,
      resolvedCount: 1,
      score: 100,
    });
    expect(by("TENANT", "")).toMatchObject({
      openCritical: 1,
      passCount: 3,
      failCount: 1,
      resolvedCount: 1,
    });
    expect(by("OU", "ou-b")).toMatchObject({ openCritical: 1, carriedForward: true });
    expect(by("OU", "r-root")).toMatchObject({ openCritical: 1, passCount: 3 });
    expect(by("RULE", "r.crit")).toMatchObject({ openCritical: 1, resolvedCount: 1 });
    expect(rows.filter((r) => r.scopeType === "TENANT")).toHaveLength(1);

    // Another tenant's snapshots never include these findings.
    const other = await createTenant(t.db, "other");
    await computeSnapshots({ db: t.db, tenantId: other, day: day("2026-07-02") });
    const o = await t.db.postureSnapshot.findFirstOrThrow({
      where: { tenantId: other, scopeType: "TENANT" },
    });
    expect(o).toMatchObject({ openCritical: 0, passCount: 0, failCount: 0 });
  });
});
