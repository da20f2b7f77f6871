import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import type { TRuleResult } from "@guardrail/rules";
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

const RULES = ["aws.ec2.instance.imdsv2-required", "aws.ec2.volume.encrypted"];
const arn = (i: number) => `arn:aws:ec2:us-east-1:111111111111:instance/i-${i}`;

async function seed(tenantId: string, n: number) {
  for (let i = 0; i < n; i++) await createResource(t.db, tenantId, { arn: arn(i) });
}

function failing(n: number): TRuleResult[] {
  return Array.from({ length: n }, (_, i) => RULES.map((rule) => result(rule, arn(i), "FAIL"))).flat();
}

describe("applyEvaluation write path (COPY, one transaction)", { timeout: 60_000 }, () => {
  it("writes nothing when the results stream fails midway, and the retry applies the whole diff", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId, 5);
    const base = { db: t.db, tenantId, scanId: null, evaluatedScope: "ALL" as const, now: day("2026-05-01") };
    async function* dying() {
      const all = failing(5);
      for (let i = 0; i < all.length; i++) {
        if (i === 6) throw new Error("worker lost its inventory stream");
        yield all[i]!;
      }
    }
    await expect(applyEvaluation({ ...base, results: dying() })).rejects.toThrow("worker lost its inventory stream");
    expect(await t.db.finding.count({ where: { tenantId } })).toBe(0);
    expect(await t.db.findingEvent.count({ where: { tenantId } })).toBe(0);
    expect(await t.db.ruleEvaluationCount.count({ where: { tenantId } })).toBe(0);

    const r = await applyEvaluation({ ...base, results: failing(5) });
    expect(r.opened).toBe(10);
    expect(await t.db.findingEvent.count({ where: { tenantId, type: "OPENED" } })).toBe(10);
    const again = await applyEvaluation({ ...base, results: failing(5) });
    expect(again).toMatchObject({ opened: 0, reopened: 0, resolved: 0, updated: 0, severityChanged: 0, suppressed: 0 });
    expect(await t.db.findingEvent.count({ where: { tenantId } })).toBe(10);
  });

  it("serialises two evaluations of one tenant: one finding and one OPENED event per pair", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId, 20);
    const base = { db: t.db, tenantId, scanId: null, evaluatedScope: "ALL" as const, now: day("2026-05-02") };
    const [a, b] = await Promise.all([
      applyEvaluation({ ...base, results: failing(20) }),
      applyEvaluation({ ...base, results: failing(20) }),
    ]);
    expect(a.opened + b.opened).toBe(40);
    expect(Math.min(a.opened, b.opened)).toBe(0);
    expect(await t.db.finding.count({ where: { tenantId } })).toBe(40);
    expect(await t.db.findingEvent.count({ where: { tenantId, type: "OPENED" } })).toBe(40);
  });

  it("keeps evidence and titles byte for byte (tabs, newlines, backslashes, quotes, non-ASCII)", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId, 1);
    const evidence = {
      "Policy.Statement[0].Condition": 'StringLike\t"aws:SourceArn"\n\\ arn:aws:*',
      nested: { list: ["a\\b", "c\td", null, 3, true], "ключ": "значение ✓" },
    };
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-05-03"),
      results: [result("aws.custom.rule", arn(0), "FAIL", { evidence, message: "Tab\there, newline\nthere \\ end" })],
    });
    const f = await t.db.finding.findFirstOrThrow({ where: { tenantId } });
    expect(f.evidence).toEqual(evidence);
    expect(f.title).toBe("Tab\there, newline\nthere \\ end");
  });

  it("gives findings and events time-ordered version-7 ids, findings in (resource, rule) order", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId, 10);
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-05-04"),
      results: failing(10),
      rules: RULES.map((id) => ({ id, title: id })),
    });
    const findings = await t.db.finding.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
    const events = await t.db.findingEvent.findMany({ where: { tenantId } });
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const row of [...findings, ...events]) expect(row.id).toMatch(v7);
    expect(new Set(events.map((e) => e.id)).size).toBe(20);
    // The id's first 48 bits are the insert's Unix milliseconds.
    const ms = parseInt(findings[0]!.id.replace(/-/g, "").slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(10 * 60_000);
    // Ascending ids follow the insert order: resource id, then rule (Finding's unique key).
    const order = findings.map((f) => `${f.resourceId} ${f.ruleId}`);
    expect(order).toEqual([...order].sort());
    expect(new Set(findings.map((f) => f.ruleId)).size).toBeGreaterThan(1);
  });

  it("reads a resource's findings through the (tenant, resource, rule) unique key", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId, 10);
    await applyEvaluation({ db: t.db, tenantId, scanId: null, evaluatedScope: "ALL", now: day("2026-05-04"), results: failing(10) });
    const f = await t.db.finding.findFirstOrThrow({ where: { tenantId } });
    // The only index with resourceId: without it this would be a full scan of another index.
    const plan = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT id FROM "Finding" WHERE "tenantId" = ${tenantId}::uuid AND "resourceId" = ${f.resourceId}::uuid`;
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("Finding_tenantId_resourceId_ruleId_key");
    expect(text).toMatch(/Index Cond: .*"resourceId" =/);
    await expect(
      t.db.finding.create({ data: { ...f, id: undefined, evidence: {}, ownerResolution: undefined } }),
    ).rejects.toThrow(/Unique constraint/);
  });

  it("answers whether a resource has open findings from the partial open-findings index alone", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId, 10);
    await applyEvaluation({ db: t.db, tenantId, scanId: null, evaluatedScope: "ALL", now: day("2026-05-06"), results: failing(10) });
    await t.db.$executeRawUnsafe(`VACUUM ANALYZE "Finding"`);
    const f = await t.db.finding.findFirstOrThrow({ where: { tenantId } });
    const plan = await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT EXISTS (SELECT 1 FROM "Finding" f
        WHERE f."tenantId" = ${tenantId}::uuid AND f."resourceId" = ${f.resourceId}::uuid AND f.status = 'OPEN')`;
    });
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    // The inventory's "has open findings" probe (sqlHasOpenFindings): no heap read per finding.
    expect(text).toContain("Index Only Scan using \"Finding_open_by_resource_idx\"");
  });

  it("refreshes only what changed on findings that still fail: evidence, last seen, severity (with its event)", async () => {
    const tenantId = await createTenant(t.db);
    await seed(tenantId, 3);
    const base = { db: t.db, tenantId, scanId: null, evaluatedScope: "ALL" as const };
    const first = failing(3);
    await applyEvaluation({ ...base, now: day("2026-05-05"), results: first });
    // Same day, one result's evidence changed, another's severity: only those two move.
    const changed = first.map((r, i) =>
      i === 0 ? { ...r, evidence: { changed: true } } : i === 1 ? { ...r, severity: "CRITICAL" as const } : r,
    );
    const same = await applyEvaluation({ ...base, now: day("2026-05-05"), results: changed });
    expect(same).toMatchObject({ opened: 0, updated: 1, severityChanged: 1 });
    const byKey = async (r: TRuleResult) => {
      const resource = await t.db.resource.findFirstOrThrow({ where: { tenantId, resourceId: r.resourceId } });
      return t.db.finding.findFirstOrThrow({ where: { tenantId, ruleId: r.ruleId, resourceId: resource.id } });
    };
    expect((await byKey(first[0]!)).evidence).toEqual({ changed: true });
    const sev = await byKey(first[1]!);
    expect(sev.severity).toBe("CRITICAL");
    expect(await t.db.findingEvent.findFirstOrThrow({ where: { findingId: sev.id, type: "SEVERITY_CHANGED" } })).toMatchObject({
      data: { from: "HIGH", to: "CRITICAL" },
    });
    // The next day every still-failing finding is seen again.
    const next = await applyEvaluation({ ...base, now: day("2026-05-06"), results: changed });
    expect(next).toMatchObject({ opened: 0, updated: 6, severityChanged: 0 });
    expect(await t.db.finding.count({ where: { tenantId, lastSeenAt: day("2026-05-06") } })).toBe(6);
  });
});
