import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAttackPaths } from "../src/access-graph/attack-paths.service";
import type { TTenantScope } from "../src/common/tenant-scope";
import { createResource, createTenant, createUser } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const ACCT = "111111111111";
const OTHER_ACCT = "222222222222";
const hop = (from: string, to: string, edge: string, decision = "ALLOWED") => ({
  from,
  fromName: from,
  edge,
  to,
  toName: to,
  decision,
  action: null,
  methodId: null,
  conditions: [],
  reason: null,
});

describe("listAttackPaths", { timeout: 60_000 }, () => {
  it("ranks in SQL (severity, unconditional, shorter, older), pages, facets, and keeps BU owners and tenants apart", async () => {
    const tenantId = await createTenant(t.db);
    const otherTenant = await createTenant(t.db, "other");
    const ownerId = await createUser(t.db, "owner");
    const buOwnerId = await createUser(t.db, "bu-owner");
    const bu = await t.db.businessUnit.create({ data: { tenantId, name: "Payments" } });
    await t.db.businessUnitOwner.create({ data: { tenantId, businessUnitId: bu.id, userId: buOwnerId } });
    const owner: TTenantScope = { tenantId, userId: ownerId, role: "OWNER" };
    const buOwner: TTenantScope = { tenantId, userId: buOwnerId, role: "BU_OWNER" };

    const res = async (tid: string, name: string, accountId = ACCT) =>
      createResource(t.db, tid, { arn: `arn:aws:ec2:us-east-1:${accountId}:instance/${name}`, accountId });
    const at = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
    const finding = (
      tid: string,
      resourceId: string,
      ruleId: string,
      severity: "CRITICAL" | "HIGH" | "MEDIUM",
      evidence: object,
      extra: { accountId?: string; businessUnitId?: string; firstSeenAt?: Date; status?: "OPEN" | "RESOLVED" } = {},
    ) => ({
      tenantId: tid,
      ruleId,
      resourceId,
      accountId: extra.accountId ?? ACCT,
      region: "us-east-1",
      resourceType: "AWS::EC2::Instance",
      status: extra.status ?? ("OPEN" as const),
      severity,
      title: ruleId,
      evidence,
      businessUnitId: extra.businessUnitId ?? null,
      firstSeenAt: extra.firstSeenAt ?? at("2026-01-01"),
    });
    const r = await Promise.all(["a", "b", "c", "d", "e", "f", "g"].map((n) => res(tenantId, n)));
    const other = await res(otherTenant, "x");
    const IMDS = "aws.attack-path.instance.public-imdsv1-privileged-role";
    const ESC = "aws.attack-path.principal.escalation-to-admin";
    const LAMBDA = "aws.attack-path.lambda.public-privileged-role";
    await t.db.finding.createMany({
      data: [
        // HIGH, two hops, all allowed (decision derived from the hops): rank 1002
        finding(tenantId, r[0]!, ESC, "HIGH", { path: [hop("a", "b", "can-assume"), hop("b", "admin", "can-escalate")] }),
        // CRITICAL, recorded CONDITIONAL, one hop: rank 101
        finding(tenantId, r[1]!, IMDS, "CRITICAL", { pathDecision: "CONDITIONAL", path: [hop("internet", "i", "exposed-to-internet", "CONDITIONAL")] }, { businessUnitId: bu.id }),
        // CRITICAL, allowed, three hops: rank 3
        finding(tenantId, r[2]!, LAMBDA, "CRITICAL", { path: [hop("internet", "f", "exposed-to-internet"), hop("f", "role", "runs-as"), hop("role", "admin", "can-escalate")] }, { businessUnitId: bu.id }),
        // CRITICAL, allowed, three hops, older: before the previous one
        finding(tenantId, r[3]!, IMDS, "CRITICAL", { path: [hop("internet", "i", "exposed-to-internet"), hop("i", "role", "runs-as"), hop("role", "admin", "can-escalate")], message: "m" }, { firstSeenAt: at("2025-06-01"), accountId: OTHER_ACCT }),
        // HIGH, a hop without a decision: CONDITIONAL, rank 1101
        finding(tenantId, r[4]!, ESC, "HIGH", { path: [{ ...hop("a", "admin", "can-escalate"), decision: undefined }] }),
        // not attack paths / not open / another tenant: never listed
        finding(tenantId, r[5]!, "aws.ec2.instance.imdsv2-required", "CRITICAL", {}),
        finding(tenantId, r[6]!, ESC, "CRITICAL", { path: [] }, { status: "RESOLVED" }),
        finding(otherTenant, other, ESC, "CRITICAL", { path: [] }),
      ],
    });

    const all = await listAttackPaths({ db: t.db, scope: owner });
    expect(all.total).toBe(5);
    expect(all.rows.map((x) => [x.severity, x.pathDecision, x.path.length])).toEqual([
      ["CRITICAL", "ALLOWED", 3],
      ["CRITICAL", "ALLOWED", 3],
      ["CRITICAL", "CONDITIONAL", 1],
      ["HIGH", "ALLOWED", 2],
      ["HIGH", "CONDITIONAL", 1],
    ]);
    expect(all.rows[0]).toMatchObject({ accountId: OTHER_ACCT, message: "m", resourceArn: `arn:aws:ec2:us-east-1:${ACCT}:instance/d` });
    expect(all.rows[1]).toMatchObject({ ruleId: LAMBDA, businessUnitId: bu.id, message: null });
    expect(all.rows.map((x) => x.rank)).toEqual([3, 3, 101, 1002, 1101]);
    expect(all.facets.accountId).toEqual([
      { value: ACCT, count: 4 },
      { value: OTHER_ACCT, count: 1 },
    ]);
    expect(all.facets.ruleId).toEqual([
      { value: IMDS, count: 2 },
      { value: ESC, count: 2 },
      { value: LAMBDA, count: 1 },
    ]);

    // Paging: the second page of two holds the third and fourth ranked.
    const page2 = await listAttackPaths({ db: t.db, scope: owner, filters: { page: 2, size: 2 } });
    expect(page2.total).toBe(5);
    expect(page2.rows.map((x) => x.findingId)).toEqual(all.rows.slice(2, 4).map((x) => x.findingId));

    // A filter narrows the rows and the other facets, not its own facet.
    const critical = await listAttackPaths({ db: t.db, scope: owner, filters: { ruleId: IMDS } });
    expect(critical.total).toBe(2);
    expect(critical.facets.ruleId).toHaveLength(3);
    expect(critical.facets.accountId).toEqual([
      { value: ACCT, count: 1 },
      { value: OTHER_ACCT, count: 1 },
    ]);

    // A BU owner: their business unit's paths only.
    const reach = await listAttackPaths({ db: t.db, scope: buOwner });
    expect(reach.total).toBe(2);
    expect(new Set(reach.rows.map((x) => x.businessUnitId))).toEqual(new Set([bu.id]));

    // Another tenant sees its own one only.
    const otherScope: TTenantScope = { tenantId: otherTenant, userId: ownerId, role: "OWNER" };
    expect((await listAttackPaths({ db: t.db, scope: otherScope })).total).toBe(1);
    await expect(listAttackPaths({ db: t.db, scope: owner, filters: { ruleId: "aws.ec2.x" } })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
