import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import { createResource, createTenant, day, result } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const RULE = "aws.ec2.instance.imdsv2-required";
const ARN = "arn:aws:ec2:us-east-1:111111111111:instance/i-1";

async function eventsOf(findingId: string) {
  return t.db.findingEvent.findMany({
    where: { findingId },
    orderBy: [{ at: "asc" }, { type: "asc" }],
  });
}

describe("applyEvaluation lifecycle", { timeout: 60_000 }, () => {
  it("opens, resolves, reopens, and records every transition", async () => {
    const tenantId = await createTenant(t.db);
    await createResource(t.db, tenantId, { arn: ARN });
    const base = { db: t.db, tenantId, scanId: null, evaluatedScope: "ALL" as const };

    const r1 = await applyEvaluation({
      ...base,
      now: day("2026-01-01"),
      results: [
        result(RULE, ARN, "FAIL", { evidence: { "MetadataOptions.HttpTokens": "optional" } }),
      ],
      rules: [{ id: RULE, title: "EC2 instances require IMDSv2" }],
    });
    expect(r1.opened).toBe(1);
    let f = await t.db.finding.findFirstOrThrow({ where: { tenantId } });
    expect(f).toMatchObject({
      status: "OPEN",
      severity: "HIGH",
      title: "EC2 instances require IMDSv2",
      reopenCount: 0,
    });
    expect(f.evidence).toEqual({ "MetadataOptions.HttpTokens": "optional" });
    expect(f.firstSeenAt.toISOString()).toBe("2026-01-01T12:00:00.000Z");

    // the same evaluation again changes nothing
    const again = await applyEvaluation({
      ...base,
      now: day("2026-01-01"),
      results: [
        result(RULE, ARN, "FAIL", { evidence: { "MetadataOptions.HttpTokens": "optional" } }),
      ],
      rules: [{ id: RULE, title: "EC2 instances require IMDSv2" }],
    });
    expect(again).toMatchObject({
      opened: 0,
      reopened: 0,
      resolved: 0,
      updated: 0,
      severityChanged: 0,
    });
    expect(await t.db.findingEvent.count({ where: { tenantId } })).toBe(1);

    // UNABLE keeps it open
    const r2 = await applyEvaluation({
      ...base,
      now: day("2026-01-02"),
      results: [result(RULE, ARN, "UNABLE_TO_EVALUATE")],
    });
    expect(r2.resolved).toBe(0);
    expect((await t.db.finding.findFirstOrThrow({ where: { tenantId } })).status).toBe("OPEN");

    // PASS resolves
    const r3 = await applyEvaluation({
      ...base,
      now: day("2026-01-03"),
      results: [result(RULE, ARN, "PASS")],
    });
    expect(r3.resolved).toBe(1);
    f = await t.db.finding.findFirstOrThrow({ where: { tenantId } });
    expect(f.status).toBe("RESOLVED");
    expect(f.resolvedAt?.toISOString()).toBe("2026-01-03T12:00:00.000Z");

    // FAIL again reopens
    const r4 = await applyEvaluation({
      ...base,
      now: day("2026-01-04"),
      results: [result(RULE, ARN, "FAIL")],
    });
    expect(r4.reopened).toBe(1);
    f = await t.db.finding.findFirstOrThrow({ where: { tenantId } });
    expect(f).toMatchObject({ status: "OPEN", reopenCount: 1, resolvedAt: null });

    const events = await eventsOf(f.id);
    expect(events.map((e) => [e.type, e.cause])).toEqual([
      ["OPENED", "scan"],
      ["RESOLVED", "scan"],
      ["REOPENED", "scan"],
    ]);
  });

  it("resolves findings of deleted resources with cause 'resource deleted'", async () => {
    const tenantId = await createTenant(t.db);
    const resId = await createResource(t.db, tenantId, { arn: ARN });
    const base = { db: t.db, tenantId, scanId: null, evaluatedScope: "ALL" as const };
    await applyEvaluation({
      ...base,
      now: day("2026-02-01"),
      results: [result(RULE, ARN, "FAIL")],
    });
    await t.db.resource.update({ where: { id: resId }, data: { deletedAt: day("2026-02-02") } });
    const r = await applyEvaluation({ ...base, now: day("2026-02-02"), results: [] });
    expect(r.resolvedByDeletion).toBe(1);
    const f = await t.db.finding.findFirstOrThrow({ where: { tenantId } });
    expect(f.status).toBe("RESOLVED");
    const events = await eventsOf(f.id);
    expect(events.at(-1)).toMatchObject({ type: "RESOLVED", cause: "resource deleted" });
  });

  it("applies the tenant's severity override and produces nothing for disabled rules", async () => {
    const tenantId = await createTenant(t.db);
    await createResource(t.db, tenantId, { arn: ARN });
    await t.db.ruleSetting.create({
      data: { tenantId, ruleId: RULE, severityOverride: "CRITICAL" },
    });
    await t.db.ruleSetting.create({ data: { tenantId, ruleId: "aws.disabled", enabled: false } });
    const r = await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-03-01"),
      results: [result(RULE, ARN, "FAIL"), result("aws.disabled", ARN, "FAIL")],
    });
    expect(r).toMatchObject({ opened: 1, skippedDisabled: 1 });
    const findings = await t.db.finding.findMany({ where: { tenantId } });
    expect(findings).toHaveLength(1);
    expect(findings[0]?.severity).toBe("CRITICAL");
  });

  it("accepts async iterables and reports unknown resources", async () => {
    const tenantId = await createTenant(t.db);
    await createResource(t.db, tenantId, { arn: ARN });
    async function* stream() {
      yield result(RULE, ARN, "FAIL");
      yield result(RULE, "arn:aws:ec2:us-east-1:111111111111:instance/i-unknown", "FAIL");
    }
    const r = await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-03-01"),
      results: stream(),
    });
    expect(r).toMatchObject({ opened: 1, skippedUnknownResource: 1 });
    expect(r.counts).toEqual([
      {
        ruleId: RULE,
        accountId: "111111111111",
        region: "us-east-1",
        service: "ec2",
        severity: "HIGH",
        pass: 0,
        fail: 2,
        unable: 0,
        notApplicable: 0,
      },
    ]);
  });

  it("never touches another tenant's findings", async () => {
    const a = await createTenant(t.db, "a");
    const b = await createTenant(t.db, "b");
    await createResource(t.db, a, { arn: ARN });
    await createResource(t.db, b, { arn: ARN });
    await applyEvaluation({
      db: t.db,
      tenantId: a,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-04-01"),
      results: [result(RULE, ARN, "FAIL")],
    });
    const rb = await applyEvaluation({
      db: t.db,
      tenantId: b,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-04-02"),
      results: [result(RULE, ARN, "PASS")],
    });
    expect(rb.resolved).toBe(0);
    expect((await t.db.finding.findFirstOrThrow({ where: { tenantId: a } })).status).toBe("OPEN");
    expect(await t.db.finding.count({ where: { tenantId: b } })).toBe(0);
  });
});
