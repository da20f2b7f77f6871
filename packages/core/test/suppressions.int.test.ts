import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import {
  createSuppression,
  expireSuppressions,
  reviewSuppression,
  revokeSuppression,
} from "../src/suppressions/suppression.service";
import type { TTenantScope } from "../src/common/tenant-scope";
import { createResource, createTenant, createUser, day, result } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const R1 = "aws.rule.one";
const R2 = "aws.rule.two";
const A = "arn:aws:ec2:us-east-1:111111111111:instance/i-a";
const B = "arn:aws:ec2:us-east-1:222222222222:instance/i-b";

async function setup() {
  const tenantId = await createTenant(t.db);
  const userId = await createUser(t.db, "analyst");
  await t.db.awsAccount.create({
    data: {
      tenantId,
      connectionId: tenantId,
      accountId: "222222222222",
      arn: "a",
      name: "b",
      email: "b@x",
      status: "ACTIVE",
      parentId: "ou-child-1",
    },
  });
  await t.db.organizationalUnit.create({
    data: {
      tenantId,
      connectionId: tenantId,
      ouId: "ou-child-1",
      arn: "x",
      name: "child",
      parentId: "ou-parent-1",
    },
  });
  await t.db.organizationalUnit.create({
    data: {
      tenantId,
      connectionId: tenantId,
      ouId: "ou-parent-1",
      arn: "y",
      name: "parent",
      parentId: "r-root",
    },
  });
  const resA = await createResource(t.db, tenantId, { arn: A, tags: { env: "dev" } });
  const resB = await createResource(t.db, tenantId, { arn: B, accountId: "222222222222" });
  await applyEvaluation({
    db: t.db,
    tenantId,
    scanId: null,
    evaluatedScope: "ALL",
    now: day("2026-05-01"),
    results: [
      result(R1, A, "FAIL"),
      result(R2, A, "FAIL"),
      result(R1, B, "FAIL", { accountId: "222222222222" }),
      result(R2, B, "FAIL", { accountId: "222222222222" }),
    ],
  });
  const scope: TTenantScope = { tenantId, userId, role: "ANALYST" };
  return { tenantId, userId, scope, resA, resB };
}

async function statuses(tenantId: string) {
  const rows = await t.db.finding.findMany({
    where: { tenantId },
    orderBy: [{ accountId: "asc" }, { ruleId: "asc" }],
  });
  return rows.map((f) => `${f.accountId.slice(0, 1)}:${f.ruleId.slice(-3)}:${f.status}`);
}

const base = {
  reason: "ACCEPTED_RISK" as const,
  justification: "Compensating control in place",
  expiresAt: day("2026-06-01"),
};

describe("suppressions", { timeout: 60_000 }, () => {
  it("scopes: rule, rule in account, rule in OU (any depth), resource, tag", async () => {
    const cases = [
      [
        { scope: "RULE", ruleId: R1 },
        ["1:one:SUPPRESSED", "1:two:OPEN", "2:one:SUPPRESSED", "2:two:OPEN"],
      ],
      [
        { scope: "RULE_IN_ACCOUNT", ruleId: R1, accountId: "222222222222" },
        ["1:one:OPEN", "1:two:OPEN", "2:one:SUPPRESSED", "2:two:OPEN"],
      ],
      [
        { scope: "RULE_IN_OU", ruleId: R2, ouId: "ou-parent-1" },
        ["1:one:OPEN", "1:two:OPEN", "2:one:OPEN", "2:two:SUPPRESSED"],
      ],
      [
        { scope: "TAG", tagKey: "env", tagValue: "dev" },
        ["1:one:SUPPRESSED", "1:two:SUPPRESSED", "2:one:OPEN", "2:two:OPEN"],
      ],
    ] as const;
    for (const [input, expected] of cases) {
      const { tenantId, scope } = await setup();
      await createSuppression({
        db: t.db,
        scope,
        now: day("2026-05-02"),
        input: { ...base, ...input },
      });
      expect(await statuses(tenantId), input.scope).toEqual(expected);
    }
    const { tenantId, scope, resB } = await setup();
    const r = await createSuppression({
      db: t.db,
      scope,
      now: day("2026-05-02"),
      input: { ...base, scope: "RESOURCE", resourceId: resB },
    });
    expect(r.findingsSuppressed).toBe(2);
    expect(await statuses(tenantId)).toEqual([
      "1:one:OPEN",
      "1:two:OPEN",
      "2:one:SUPPRESSED",
      "2:two:SUPPRESSED",
    ]);
  });

  it("requires an expiry in the future and a justification", async () => {
    const { scope } = await setup();
    await expect(
      createSuppression({
        db: t.db,
        scope,
        now: day("2026-05-02"),
        input: { ...base, scope: "RULE", ruleId: R1, expiresAt: day("2026-05-01") },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      createSuppression({
        db: t.db,
        scope,
        now: day("2026-05-02"),
        input: { ...base, scope: "RULE", ruleId: R1, justification: "" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      createSuppression({
        db: t.db,
        scope: { ...scope, role: "VIEWER" },
        now: day("2026-05-02"),
        input: { ...base, scope: "RULE", ruleId: R1 },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("expiry reopens the findings with cause 'suppression expired'; revoke reopens too", async () => {
    const { tenantId, scope } = await setup();
    await createSuppression({
      db: t.db,
      scope,
      now: day("2026-05-02"),
      input: { ...base, scope: "RULE", ruleId: R1, reason: "FALSE_POSITIVE" },
    });
    expect(await expireSuppressions({ db: t.db, now: day("2026-05-31"), tenantId })).toMatchObject({
      findingsReopened: 0,
    });
    const r = await expireSuppressions({ db: t.db, now: day("2026-06-01") });
    expect(r.findingsReopened).toBeGreaterThanOrEqual(2);
    expect(await statuses(tenantId)).toEqual([
      "1:one:OPEN",
      "1:two:OPEN",
      "2:one:OPEN",
      "2:two:OPEN",
    ]);
    const f = await t.db.finding.findFirstOrThrow({ where: { tenantId, ruleId: R1 } });
    const events = await t.db.findingEvent.findMany({
      where: { findingId: f.id },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => [e.type, e.cause])).toEqual([
      ["OPENED", "scan"],
      ["SUPPRESSED", "suppression"],
      ["UNSUPPRESSED", "suppression expired"],
    ]);
    expect(
      (await expireSuppressions({ db: t.db, now: day("2026-06-02"), tenantId })).findingsReopened,
    ).toBe(0);

    const s = await createSuppression({
      db: t.db,
      scope,
      now: day("2026-06-03"),
      input: { ...base, scope: "RULE", ruleId: R2, expiresAt: day("2026-09-01") },
    });
    const rv = await revokeSuppression({
      db: t.db,
      scope,
      suppressionId: s.suppressionId,
      now: day("2026-06-04"),
    });
    expect(rv.findingsReopened).toBe(2);
  });

  it("a BU owner requests, an analyst approves", async () => {
    const { tenantId, scope, resA } = await setup();
    const bu = await t.db.businessUnit.create({ data: { tenantId, name: "Payments" } });
    const owner = await createUser(t.db, "buowner");
    await t.db.businessUnitOwner.create({
      data: { tenantId, businessUnitId: bu.id, userId: owner },
    });
    await t.db.finding.updateMany({
      where: { tenantId, resourceId: resA },
      data: { businessUnitId: bu.id },
    });
    const buScope: TTenantScope = { tenantId, userId: owner, role: "BU_OWNER" };
    await expect(
      createSuppression({
        db: t.db,
        scope: buScope,
        now: day("2026-05-02"),
        input: { ...base, scope: "RULE", ruleId: R1 },
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const req = await createSuppression({
      db: t.db,
      scope: buScope,
      now: day("2026-05-02"),
      input: { ...base, scope: "RESOURCE", resourceId: resA },
    });
    expect(req.status).toBe("REQUESTED");
    expect(await statuses(tenantId)).toEqual([
      "1:one:OPEN",
      "1:two:OPEN",
      "2:one:OPEN",
      "2:two:OPEN",
    ]);
    await expect(
      reviewSuppression({
        db: t.db,
        scope: buScope,
        suppressionId: req.suppressionId,
        decision: "APPROVE",
        now: day("2026-05-03"),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const ok = await reviewSuppression({
      db: t.db,
      scope,
      suppressionId: req.suppressionId,
      decision: "APPROVE",
      now: day("2026-05-03"),
    });
    expect(ok).toMatchObject({ status: "ACTIVE", findingsSuppressed: 2 });
  });

  it("a finding that fails again under an active suppression stays suppressed; other tenants are untouched", async () => {
    const { tenantId, scope } = await setup();
    const other = await setup();
    await createSuppression({
      db: t.db,
      scope,
      now: day("2026-05-02"),
      input: { ...base, scope: "RULE", ruleId: R1 },
    });
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-05-03"),
      results: [result(R1, A, "PASS")],
    });
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-05-04"),
      results: [result(R1, A, "FAIL")],
    });
    expect(await statuses(tenantId)).toEqual([
      "1:one:SUPPRESSED",
      "1:two:OPEN",
      "2:one:SUPPRESSED",
      "2:two:OPEN",
    ]);
    expect(await statuses(other.tenantId)).toEqual([
      "1:one:OPEN",
      "1:two:OPEN",
      "2:one:OPEN",
      "2:two:OPEN",
    ]);
  });
});
