import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignFindings, reassignOwners } from "../src/business-units/owner-assignment.service";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import {
  exportFindingsCsv,
  getFinding,
  listFindings,
} from "../src/findings/findings-query.service";
import { reopenFindings } from "../src/findings/findings-triage.service";
import type { TTenantScope } from "../src/common/tenant-scope";
import { createResource, createTenant, createUser, day, result } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const ACC = "333333333333";
const arn = (n: string) => `arn:aws:ec2:us-east-1:${ACC}:instance/${n}`;

async function setup() {
  const tenantId = await createTenant(t.db);
  await t.db.awsAccount.create({
    data: {
      tenantId,
      connectionId: tenantId,
      accountId: ACC,
      arn: ACC,
      name: "prod",
      email: "p@x",
      status: "ACTIVE",
      parentId: "ou-leaf",
      tags: [{ Key: "team", Value: "data" }],
    },
  });
  await t.db.organizationalUnit.create({
    data: {
      tenantId,
      connectionId: tenantId,
      ouId: "ou-leaf",
      arn: "l",
      name: "leaf",
      parentId: "ou-mid",
    },
  });
  await t.db.organizationalUnit.create({
    data: {
      tenantId,
      connectionId: tenantId,
      ouId: "ou-mid",
      arn: "m",
      name: "mid",
      parentId: "r-root",
    },
  });
  const bu = async (name: string, isDefault = false) =>
    (await t.db.businessUnit.create({ data: { tenantId, name, isDefault } })).id;
  const ids = {
    tag: await bu("ResourceTag"),
    acctTag: await bu("AccountTag"),
    acct: await bu("Account"),
    ouMid: await bu("OuMid"),
    ouRoot: await bu("OuRoot"),
    dflt: await bu("Default", true),
  };
  const owner = await createUser(t.db, "owner");
  await t.db.membership.create({ data: { tenantId, userId: owner, role: "BU_OWNER" } });
  await t.db.businessUnitOwner.create({
    data: { tenantId, businessUnitId: ids.tag, userId: owner, isPrimary: true },
  });
  await t.db.slaTarget.create({ data: { tenantId, scopeKey: ids.tag, severity: "HIGH", days: 7 } });
  await t.db.slaTarget.create({
    data: { tenantId, scopeKey: "tenant", severity: "HIGH", days: 30 },
  });
  const analyst = await createUser(t.db, "analyst");
  await t.db.membership.create({ data: { tenantId, userId: analyst, role: "ANALYST" } });
  await createResource(t.db, tenantId, {
    arn: arn("i-tagged"),
    accountId: ACC,
    tags: { costcenter: "42" },
  });
  await createResource(t.db, tenantId, { arn: arn("i-plain"), accountId: ACC });
  return { tenantId, ids, owner, analyst };
}

describe("owners and triage", { timeout: 60_000 }, () => {
  it("resolves resource tag → account tag → account → OU (nearest) → default, with due dates from the SLA", async () => {
    const { tenantId, ids } = await setup();
    const mapping = (data: Record<string, unknown>) =>
      t.db.businessUnitMapping.create({ data: { tenantId, ...data } as never });
    await mapping({ businessUnitId: ids.ouRoot, kind: "OU", ouId: "r-root" });
    await mapping({ businessUnitId: ids.ouMid, kind: "OU", ouId: "ou-mid" });
    await mapping({ businessUnitId: ids.acct, kind: "ACCOUNT", accountId: ACC });
    await mapping({
      businessUnitId: ids.acctTag,
      kind: "ACCOUNT_TAG",
      tagKey: "team",
      tagValue: "data",
    });
    await mapping({
      businessUnitId: ids.tag,
      kind: "RESOURCE_TAG",
      tagKey: "costcenter",
      tagValue: "42",
    });
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-08-01"),
      results: [
        result("r1", arn("i-tagged"), "FAIL", { accountId: ACC }),
        result("r1", arn("i-plain"), "FAIL", { accountId: ACC }),
      ],
    });
    const get = (n: string) =>
      t.db.$queryRawUnsafe<{ bu: string; step: string; due: Date | null; owner: string | null }[]>(
        `SELECT f."businessUnitId"::text bu, f."ownerResolution"->>'step' step, f."dueAt" due, f."ownerUserId"::text owner
           FROM "Finding" f JOIN "Resource" r ON r.id = f."resourceId" WHERE f."tenantId" = $1::uuid AND r."resourceId" = $2`,
        tenantId,
        arn(n),
      );
    const [tagged] = await get("i-tagged");
    expect(tagged).toMatchObject({ bu: ids.tag, step: "RESOURCE_TAG" });
    expect(tagged?.due?.toISOString()).toBe("2026-08-08T12:00:00.000Z");
    expect(tagged?.owner).not.toBeNull();
    const [plain] = await get("i-plain");
    expect(plain).toMatchObject({ bu: ids.acctTag, step: "ACCOUNT_TAG", owner: null });
    expect(plain?.due?.toISOString()).toBe("2026-08-31T12:00:00.000Z");

    // Remove one mapping kind at a time: the next step takes over (OU: nearest first,
    // ou-mid at depth 2 before r-root at depth 3).
    const next = [
      ["ACCOUNT_TAG", ids.acct, "ACCOUNT"],
      ["ACCOUNT", ids.ouMid, "OU"],
      ["OU", ids.dflt, "DEFAULT"],
    ] as const;
    for (const [kind, expectBu, step] of next) {
      await t.db.businessUnitMapping.deleteMany({ where: { tenantId, kind } });
      const r = await reassignOwners({ db: t.db, tenantId, now: day("2026-08-02") });
      expect(r.events).toBeGreaterThan(0);
      const [row] = await get("i-plain");
      expect(row, kind).toMatchObject({ bu: expectBu, step });
    }
  });

  it("manual assignment wins over automatic; BU owners see only their units; other tenants see nothing", async () => {
    const { tenantId, ids, owner, analyst } = await setup();
    await t.db.businessUnitMapping.create({
      data: {
        tenantId,
        businessUnitId: ids.tag,
        kind: "RESOURCE_TAG",
        tagKey: "costcenter",
        tagValue: "42",
      },
    });
    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-08-01"),
      results: [
        result("r1", arn("i-tagged"), "FAIL", { accountId: ACC }),
        result("r1", arn("i-plain"), "FAIL", { accountId: ACC, severity: "CRITICAL" }),
      ],
    });
    const analystScope: TTenantScope = { tenantId, userId: analyst, role: "ANALYST" };
    const ownerScope: TTenantScope = { tenantId, userId: owner, role: "BU_OWNER" };
    const all = await listFindings({ db: t.db, scope: analystScope, now: day("2026-08-03") });
    expect(all.total).toBe(2);
    expect(all.rows[0]?.severity).toBe("CRITICAL");
    expect(all.facets.severity).toEqual(
      expect.arrayContaining([
        { value: "CRITICAL", count: 1 },
        { value: "HIGH", count: 1 },
      ]),
    );
    const filtered = await listFindings({
      db: t.db,
      scope: analystScope,
      filters: { severity: ["HIGH"] },
      now: day("2026-08-03"),
    });
    expect(filtered.total).toBe(1);
    expect(filtered.facets.severity).toHaveLength(2); // a facet ignores its own filter

    const mine = await listFindings({ db: t.db, scope: ownerScope, now: day("2026-08-03") });
    expect(mine.rows.map((r) => r.resourceArn)).toEqual([arn("i-tagged")]);
    const plainId = all.rows.find((r) => r.resourceArn === arn("i-plain"))?.id ?? "";
    await expect(
      getFinding({ db: t.db, scope: ownerScope, findingId: plainId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    await assignFindings({
      db: t.db,
      scope: analystScope,
      findingIds: [plainId],
      businessUnitId: ids.tag,
      ownerUserId: owner,
      now: day("2026-08-03"),
    });
    await reassignOwners({ db: t.db, tenantId, now: day("2026-08-04") });
    const detail = await getFinding({ db: t.db, scope: ownerScope, findingId: plainId });
    expect(detail.finding.ownerResolution).toMatchObject({ step: "MANUAL" });
    expect(detail.events.map((e) => e.type)).toEqual(["OPENED", "ASSIGNED"]);
    await expect(
      assignFindings({
        db: t.db,
        scope: ownerScope,
        findingIds: [plainId],
        ownerUserId: owner,
        now: day("2026-08-03"),
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    const chunks: string[] = [];
    for await (const c of exportFindingsCsv({
      db: t.db,
      scope: analystScope,
      now: day("2026-08-03"),
    }))
      chunks.push(c);
    expect(chunks.join("").trim().split("\n")).toHaveLength(3);
    await expect(exportFindingsCsv({ db: t.db, scope: ownerScope }).next()).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    await applyEvaluation({
      db: t.db,
      tenantId,
      scanId: null,
      evaluatedScope: "ALL",
      now: day("2026-08-05"),
      results: [result("r1", arn("i-plain"), "PASS", { accountId: ACC })],
    });
    expect(
      await reopenFindings({
        db: t.db,
        scope: analystScope,
        findingIds: [plainId],
        now: day("2026-08-06"),
      }),
    ).toEqual({ reopened: 1 });

    const other = await createTenant(t.db, "other");
    const otherUser = await createUser(t.db, "x");
    const otherScope: TTenantScope = { tenantId: other, userId: otherUser, role: "OWNER" };
    expect((await listFindings({ db: t.db, scope: otherScope })).total).toBe(0);
    await expect(
      getFinding({ db: t.db, scope: otherScope, findingId: plainId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      await reopenFindings({
        db: t.db,
        scope: otherScope,
        findingIds: [plainId],
        now: day("2026-08-06"),
      }),
    ).toEqual({ reopened: 0 });
    await expect(
      assignFindings({
        db: t.db,
        scope: otherScope,
        findingIds: [plainId],
        businessUnitId: ids.tag,
        now: day("2026-08-06"),
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
