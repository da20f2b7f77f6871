import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TTenantScope } from "../src/common/tenant-scope";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import { addFindingComment } from "../src/findings/finding-comments.service";
import {
  exportFindingsCsv,
  getFinding,
  listFindingLookups,
  listFindings,
  parseFindingsSearchParams,
  type TFindingFilters,
  type TFindingRow,
} from "../src/findings/findings-query.service";
import { bulkAssign, bulkSuppress, reopenFindings } from "../src/findings/findings-triage.service";
import {
  canonicalFindingsQuery,
  createSavedView,
  deleteSavedView,
  listSavedViews,
} from "../src/findings/saved-views.service";
import { createResource, createTenant, createUser, day, result } from "./findings-fixtures";

// Each test seeds two scans of findings: give a loaded CI machine room.
vi.setConfig({ testTimeout: 30_000 });

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const NOW = day("2026-08-01");
const ACC_PAY = "111111111111";
const ACC_DATA = "222222222222";
const arn = (acc: string, id: string) => `arn:aws:ec2:us-east-1:${acc}:instance/${id}`;

/** A tenant with a Payments unit (owned by a BU owner) and findings in two accounts. */
async function setup() {
  const tenantId = await createTenant(t.db);
  const [analyst, buOwner, viewer] = await Promise.all([
    createUser(t.db, "analyst"),
    createUser(t.db, "pat"),
    createUser(t.db, "casey"),
  ]);
  for (const [userId, role] of [
    [analyst, "ANALYST"],
    [buOwner, "BU_OWNER"],
    [viewer, "VIEWER"],
  ] as const)
    await t.db.membership.create({ data: { tenantId, userId, role } });
  const bu = await t.db.businessUnit.create({ data: { tenantId, name: "Payments" } });
  await t.db.businessUnitOwner.create({
    data: { tenantId, businessUnitId: bu.id, userId: buOwner },
  });
  for (const [acc, id] of [
    [ACC_PAY, "i-pay1"],
    [ACC_PAY, "i-pay2"],
    [ACC_DATA, "i-data1"],
    [ACC_DATA, "i-data2"],
  ] as const)
    await createResource(t.db, tenantId, { arn: arn(acc, id), accountId: acc });
  await applyEvaluation({
    db: t.db,
    tenantId,
    scanId: null,
    evaluatedScope: "ALL",
    now: day("2026-05-01"),
    results: [
      result("aws.ec2.instance.imdsv2", arn(ACC_PAY, "i-pay1"), "FAIL", {
        accountId: ACC_PAY,
        severity: "CRITICAL",
      }),
      result("aws.ec2.instance.imdsv2", arn(ACC_PAY, "i-pay2"), "FAIL", { accountId: ACC_PAY }),
      result("aws.ec2.instance.public-ip", arn(ACC_DATA, "i-data1"), "FAIL", {
        accountId: ACC_DATA,
        severity: "LOW",
      }),
    ],
  });
  await applyEvaluation({
    db: t.db,
    tenantId,
    scanId: null,
    evaluatedScope: "ALL",
    now: day("2026-07-28"),
    results: [
      result("aws.ec2.instance.imdsv2", arn(ACC_PAY, "i-pay1"), "FAIL", {
        accountId: ACC_PAY,
        severity: "CRITICAL",
      }),
      result("aws.ec2.instance.imdsv2", arn(ACC_PAY, "i-pay2"), "FAIL", { accountId: ACC_PAY }),
      result("aws.ec2.instance.public-ip", arn(ACC_DATA, "i-data1"), "FAIL", {
        accountId: ACC_DATA,
        severity: "LOW",
      }),
      result("aws.ec2.instance.public-ip", arn(ACC_DATA, "i-data2"), "FAIL", {
        accountId: ACC_DATA,
        severity: "MEDIUM",
      }),
    ],
  });
  const scopes = {
    analyst: { tenantId, userId: analyst, role: "ANALYST" } as TTenantScope,
    buOwner: { tenantId, userId: buOwner, role: "BU_OWNER" } as TTenantScope,
    viewer: { tenantId, userId: viewer, role: "VIEWER" } as TTenantScope,
  };
  const findings = await t.db.finding.findMany({
    where: { tenantId },
    orderBy: { accountId: "asc" },
  });
  const ids = Object.fromEntries(
    await Promise.all(
      findings.map(async (f) => {
        const r = await t.db.resource.findUniqueOrThrow({ where: { id: f.resourceId } });
        return [r.resourceId.split("/")[1] ?? "", f.id] as const;
      }),
    ),
  ) as Record<"i-pay1" | "i-pay2" | "i-data1" | "i-data2", string>;
  await bulkAssign({
    db: t.db,
    scope: scopes.analyst,
    findingIds: [ids["i-pay1"], ids["i-pay2"]],
    businessUnitId: bu.id,
    now: NOW,
  });
  return { tenantId, bu, scopes, ids, users: { analyst, buOwner, viewer } };
}

describe("findings list", () => {
  it("filters, counts facets under the other filters, sorts and pages", async () => {
    const { scopes, bu } = await setup();
    const all = await listFindings({ db: t.db, scope: scopes.viewer, now: NOW });
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => r.severity)).toEqual(["CRITICAL", "HIGH", "MEDIUM", "LOW"]);
    expect(all.facets.accountId).toEqual(
      expect.arrayContaining([
        { value: ACC_PAY, count: 2 },
        { value: ACC_DATA, count: 2 },
      ]),
    );
    expect(all.facets.age).toEqual(
      expect.arrayContaining([
        { value: "0-7", count: 1 },
        { value: "90+", count: 3 },
      ]),
    );
    expect(all.facets.businessUnitId).toEqual([{ value: bu.id, count: 2 }]);

    const byBu = await listFindings({
      db: t.db,
      scope: scopes.viewer,
      filters: { businessUnitId: [bu.id], severity: ["HIGH", "LOW"] },
      now: NOW,
    });
    expect(byBu.total).toBe(1);
    expect(byBu.rows[0]?.severity).toBe("HIGH");
    // the severity facet ignores the severity filter but honours the business unit one
    expect(byBu.facets.severity).toEqual(
      expect.arrayContaining([
        { value: "CRITICAL", count: 1 },
        { value: "HIGH", count: 1 },
      ]),
    );
    expect(byBu.facets.severity).toHaveLength(2);

    const page2 = await listFindings({
      db: t.db,
      scope: scopes.viewer,
      sort: { by: "firstSeenAt", dir: "desc" },
      page: { size: 2, offset: 2 },
      now: NOW,
    });
    expect(page2.total).toBe(4);
    expect(page2.rows).toHaveLength(2);
    expect(page2.rows.every((r) => r.firstSeenAt.getTime() === day("2026-05-01").getTime())).toBe(
      true,
    );
    const newest = await listFindings({
      db: t.db,
      scope: scopes.viewer,
      sort: { by: "firstSeenAt", dir: "desc" },
      page: { size: 1 },
      now: NOW,
    });
    expect(newest.rows[0]?.severity).toBe("MEDIUM");
  });

  it("reads filters from the URL: OPEN by default, malformed values refused", () => {
    expect(parseFindingsSearchParams({}).filters.status).toEqual(["OPEN"]);
    const p = parseFindingsSearchParams({
      severity: ["HIGH", "LOW"],
      status: "SUPPRESSED",
      sort: "dueAt",
      dir: "asc",
      page: "3",
      size: "100",
    });
    expect(p).toMatchObject({
      filters: { severity: ["HIGH", "LOW"], status: ["SUPPRESSED"] },
      sort: { by: "dueAt", dir: "asc" },
      page: 3,
      size: 100,
    });
    expect(parseFindingsSearchParams({ sla: "breached" }).filters.sla).toEqual(["BREACHED"]);
    expect(() => parseFindingsSearchParams({ severity: "SEVERE" })).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
    expect(() => parseFindingsSearchParams({ accountId: "12" })).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
  });

  it("shows a BU owner only their units' findings and those assigned to them", async () => {
    const { scopes, ids, users } = await setup();
    const seen = await listFindings({ db: t.db, scope: scopes.buOwner, now: NOW });
    expect(seen.rows.map((r) => r.id).sort()).toEqual([ids["i-pay1"], ids["i-pay2"]].sort());
    await expect(
      getFinding({ db: t.db, scope: scopes.buOwner, findingId: ids["i-data1"] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const lookups = await listFindingLookups({ db: t.db, scope: scopes.buOwner });
    expect(lookups.businessUnits.map((b) => b.name)).toEqual(["Payments"]);

    // "My findings" of an analyst: only what is assigned to them
    expect((await listFindings({ db: t.db, scope: scopes.analyst, mine: true })).total).toBe(0);
    await bulkAssign({
      db: t.db,
      scope: scopes.analyst,
      findingIds: [ids["i-data1"]],
      ownerUserId: users.buOwner,
      now: NOW,
    });
    await expect(
      bulkAssign({
        db: t.db,
        scope: scopes.analyst,
        findingIds: [ids["i-data1"]],
        ownerUserId: "not-a-user",
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const mine = await listFindings({ db: t.db, scope: scopes.buOwner, mine: true, now: NOW });
    expect(mine.total).toBe(3);
    const detail = await getFinding({ db: t.db, scope: scopes.buOwner, findingId: ids["i-data1"] });
    expect(detail.owner?.id).toBe(users.buOwner);
    expect(detail.finding.ownerResolution).toMatchObject({ step: "MANUAL" });
    await expect(
      bulkAssign({
        db: t.db,
        scope: scopes.buOwner,
        findingIds: [ids["i-pay1"]],
        ownerUserId: users.buOwner,
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("merges index-ordered branches (several statuses, a BU owner's reach) into one order, page by page", async () => {
    const { scopes, ids, users } = await setup();
    // The BU owner's reach: their unit's two findings and one assigned to them elsewhere.
    await bulkAssign({ db: t.db, scope: scopes.analyst, findingIds: [ids["i-data1"]], ownerUserId: users.buOwner, now: NOW });
    const rank = (s: string) => ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"].indexOf(s);
    const bySeverity = (a: TFindingRow, b: TFindingRow) =>
      rank(a.severity) - rank(b.severity) ||
      a.firstSeenAt.getTime() - b.firstSeenAt.getTime() ||
      (a.id < b.id ? -1 : 1);
    const pages = async (scope: TTenantScope, filters: TFindingFilters) => {
      const whole = await listFindings({ db: t.db, scope, filters, page: { size: 200 }, now: NOW });
      const one: string[] = [];
      for (let offset = 0; offset < whole.total; offset++)
        one.push(...(await listFindings({ db: t.db, scope, filters, page: { size: 1, offset }, now: NOW })).rows.map((r) => r.id));
      return { whole, one };
    };
    const reach = await pages(scopes.buOwner, {});
    expect(reach.whole.rows.map((r) => r.id)).toEqual([ids["i-pay1"], ids["i-pay2"], ids["i-data1"]]);
    expect(reach.one).toEqual(reach.whole.rows.map((r) => r.id));

    await t.db.finding.update({ where: { id: ids["i-data2"] }, data: { status: "RESOLVED", resolvedAt: NOW } });
    await t.db.finding.update({ where: { id: ids["i-pay2"] }, data: { status: "SUPPRESSED" } });
    const every = await pages(scopes.viewer, { status: ["OPEN", "RESOLVED", "SUPPRESSED"] });
    expect(every.whole.total).toBe(4);
    expect(every.whole.rows.map((r) => r.id)).toEqual([...every.whole.rows].sort(bySeverity).map((r) => r.id));
    expect(new Set(every.whole.rows.map((r) => r.status))).toEqual(new Set(["OPEN", "RESOLVED", "SUPPRESSED"]));
    expect(every.one).toEqual(every.whole.rows.map((r) => r.id));
    const ownerAll = await pages(scopes.buOwner, { status: ["OPEN", "SUPPRESSED"] });
    expect(ownerAll.whole.rows.map((r) => r.id)).toEqual([ids["i-pay1"], ids["i-pay2"], ids["i-data1"]]);
    expect(ownerAll.one).toEqual(ownerAll.whole.rows.map((r) => r.id));
  });

  it("filters SLA state and age by ranges that give exactly the facets' counts", async () => {
    const { scopes, ids } = await setup();
    const due = (id: string, dueAt: Date | null) => t.db.finding.update({ where: { id }, data: { dueAt } });
    await due(ids["i-pay1"], new Date(NOW.getTime() - 3_600_000)); // breached an hour ago
    await due(ids["i-pay2"], new Date(NOW.getTime() + 3 * 86_400_000)); // due soon
    await due(ids["i-data1"], new Date(NOW.getTime() + 7 * 86_400_000)); // on track (the 7-day edge)
    await due(ids["i-data2"], null);
    const all = await listFindings({ db: t.db, scope: scopes.viewer, now: NOW });
    expect(new Map(all.facets.sla.map((f) => [f.value, f.count]))).toEqual(
      new Map([["BREACHED", 1], ["DUE_SOON", 1], ["ON_TRACK", 1], ["NONE", 1]]),
    );
    for (const key of ["sla", "age"] as const)
      for (const { value, count } of all.facets[key]) {
        const one = await listFindings({ db: t.db, scope: scopes.viewer, filters: { [key]: [value] }, now: NOW });
        expect([key, value, one.total]).toEqual([key, value, count]);
      }
    const two = await listFindings({ db: t.db, scope: scopes.viewer, filters: { sla: ["BREACHED", "NONE"] }, now: NOW });
    expect(two.rows.map((r) => r.id).sort()).toEqual([ids["i-pay1"], ids["i-data2"]].sort());
  });

  it("estimates facets from one shared sample that, when it is the whole table, gives the exact counts", async () => {
    const { scopes, bu } = await setup();
    const sorted = (f: Record<string, { value: string; count: number }[]>) =>
      Object.fromEntries(Object.entries(f).map(([k, v]) => [k, [...v].sort((a, b) => a.value.localeCompare(b.value))]));
    for (const [scope, filters] of [
      [scopes.viewer, {}],
      [scopes.viewer, { businessUnitId: [bu.id], severity: ["HIGH", "LOW"] }],
      [scopes.viewer, { status: ["OPEN", "RESOLVED"], sla: ["NONE"] }],
      [scopes.buOwner, { age: ["90+"] }],
    ] as [TTenantScope, TFindingFilters][]) {
      const exact = await listFindings({ db: t.db, scope, filters, now: NOW });
      expect(exact.approximate).toBe(false);
      // The test table is far smaller than a sample: the sample reads all of it.
      for (const exactCountCap of [0, 1]) {
        const sampled = await listFindings({ db: t.db, scope, filters, now: NOW, exactCountCap });
        if (exact.total > exactCountCap) expect(sampled.approximate).toBe(true);
        expect(sampled.total).toBe(exact.total);
        expect(sorted(sampled.facets)).toEqual(sorted(exact.facets));
      }
    }
  });

  it("keeps tenants apart", async () => {
    const a = await setup();
    const b = await setup();
    const other = await listFindings({ db: t.db, scope: b.scopes.viewer, now: NOW });
    expect(other.rows.some((r) => Object.values(a.ids).includes(r.id))).toBe(false);
    await expect(
      getFinding({ db: t.db, scope: b.scopes.analyst, findingId: a.ids["i-pay1"] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      await bulkAssign({
        db: t.db,
        scope: b.scopes.analyst,
        findingIds: [a.ids["i-pay1"]],
        ownerUserId: b.users.analyst,
        now: NOW,
      }),
    ).toEqual({ updated: 0 });
    await expect(
      bulkSuppress({
        db: t.db,
        scope: b.scopes.analyst,
        findingIds: [a.ids["i-pay1"]],
        reason: "ACCEPTED_RISK",
        justification: "not ours at all, really",
        expiresAt: day("2026-12-01"),
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      addFindingComment({
        db: t.db,
        scope: b.scopes.analyst,
        findingId: a.ids["i-pay1"],
        body: "hello",
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listFindingLookups({ db: t.db, scope: b.scopes.viewer })).businessUnits).toEqual([
      { id: b.bu.id, name: "Payments" },
    ]);
  });
});

describe("triage", () => {
  it("suppresses only with a future expiry; the finding leaves the default open view", async () => {
    const { scopes, ids } = await setup();
    const base = {
      db: t.db,
      scope: scopes.analyst,
      findingIds: [ids["i-data1"]],
      reason: "ACCEPTED_RISK" as const,
      justification: "Sandbox instance, torn down weekly",
      now: NOW,
    };
    await expect(bulkSuppress({ ...base, expiresAt: new Date("nope") })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(bulkSuppress({ ...base, expiresAt: day("2026-07-01") })).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(
      bulkSuppress({ ...base, justification: "short", expiresAt: day("2026-12-01") }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const [change] = await bulkSuppress({ ...base, expiresAt: day("2026-12-01") });
    expect(change).toMatchObject({ status: "ACTIVE", findingsSuppressed: 1 });
    const open = await listFindings({
      db: t.db,
      scope: scopes.viewer,
      filters: parseFindingsSearchParams({}).filters,
      now: NOW,
    });
    expect(open.rows.map((r) => r.id)).not.toContain(ids["i-data1"]);
    expect(open.total).toBe(3);

    // reopen revokes the finding's own suppression
    expect(
      await reopenFindings({
        db: t.db,
        scope: scopes.analyst,
        findingIds: [ids["i-data1"]],
        now: NOW,
      }),
    ).toEqual({ reopened: 1 });
    const back = await getFinding({ db: t.db, scope: scopes.viewer, findingId: ids["i-data1"] });
    expect(back.finding.status).toBe("OPEN");
    expect(back.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["SUPPRESSED", "UNSUPPRESSED"]),
    );
  });

  it("lets a BU owner only request a suppression, on their findings", async () => {
    const { scopes, ids } = await setup();
    const req = {
      db: t.db,
      scope: scopes.buOwner,
      reason: "FALSE_POSITIVE" as const,
      justification: "IMDSv2 enforced by the launch template",
      expiresAt: day("2026-10-01"),
      now: NOW,
    };
    const [change] = await bulkSuppress({ ...req, findingIds: [ids["i-pay2"]] });
    expect(change?.status).toBe("REQUESTED");
    const list = await listFindings({ db: t.db, scope: scopes.buOwner, now: NOW });
    const row = list.rows.find((r) => r.id === ids["i-pay2"]);
    expect(row).toMatchObject({ status: "OPEN", suppressionRequested: true });
    const detail = await getFinding({
      db: t.db,
      scope: scopes.buOwner,
      findingId: ids["i-pay2"],
      now: NOW,
    });
    expect(detail.suppressionRequests).toHaveLength(1);
    await expect(bulkSuppress({ ...req, findingIds: [ids["i-data2"]] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      bulkSuppress({ ...req, scope: scopes.viewer, findingIds: [ids["i-pay2"]] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      reopenFindings({ db: t.db, scope: scopes.buOwner, findingIds: [ids["i-pay2"]], now: NOW }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("records comments from BU owners and analysts, never from viewers", async () => {
    const { scopes, ids } = await setup();
    await addFindingComment({
      db: t.db,
      scope: scopes.buOwner,
      findingId: ids["i-pay1"],
      body: "  Fix scheduled for the next release train.  ",
      now: NOW,
    });
    await expect(
      addFindingComment({
        db: t.db,
        scope: scopes.buOwner,
        findingId: ids["i-data1"],
        body: "x",
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      addFindingComment({
        db: t.db,
        scope: scopes.viewer,
        findingId: ids["i-pay1"],
        body: "x",
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      addFindingComment({
        db: t.db,
        scope: scopes.analyst,
        findingId: ids["i-pay1"],
        body: "  ",
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const detail = await getFinding({ db: t.db, scope: scopes.analyst, findingId: ids["i-pay1"] });
    const comment = detail.events.find((e) => e.type === "COMMENTED");
    expect(comment?.data).toEqual({ comment: "Fix scheduled for the next release train." });
    expect(comment?.actorName).toBe("pat");
  });

  it("exports exactly the filtered findings as CSV", async () => {
    const { scopes } = await setup();
    const lines: string[] = [];
    for await (const chunk of exportFindingsCsv({
      db: t.db,
      scope: scopes.viewer,
      filters: { accountId: [ACC_DATA], severity: ["LOW"] },
      now: NOW,
    }))
      lines.push(...chunk.trim().split("\n"));
    expect(lines).toHaveLength(2);
    expect(lines[0]?.startsWith("id,ruleId,title,severity")).toBe(true);
    expect(lines[1]).toContain(`"${ACC_DATA}"`);
    expect(lines[1]).toContain('"LOW"');
    await expect(
      exportFindingsCsv({ db: t.db, scope: scopes.buOwner }).next(),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("saved views", () => {
  it("are per user, validated and canonical", async () => {
    const { scopes } = await setup();
    const v = await createSavedView({
      db: t.db,
      scope: scopes.analyst,
      input: {
        page: "findings",
        name: "Critical payments",
        query: "?severity=CRITICAL&page=4&sort=dueAt",
      },
    });
    expect(v.query).toBe("severity=CRITICAL&status=OPEN&sort=dueAt");
    await expect(
      createSavedView({
        db: t.db,
        scope: scopes.analyst,
        input: { page: "findings", name: "Critical payments", query: "" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      createSavedView({
        db: t.db,
        scope: scopes.analyst,
        input: { page: "findings", name: "Bad", query: "severity=SEVERE" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      createSavedView({
        db: t.db,
        scope: scopes.analyst,
        input: { page: "findings", name: " ", query: "" },
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await listSavedViews({ db: t.db, scope: scopes.viewer, page: "findings" })).toEqual([]);
    await expect(
      deleteSavedView({ db: t.db, scope: scopes.viewer, savedViewId: v.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      (await listSavedViews({ db: t.db, scope: scopes.analyst, page: "findings" })).map(
        (x) => x.name,
      ),
    ).toEqual(["Critical payments"]);
    await deleteSavedView({ db: t.db, scope: scopes.analyst, savedViewId: v.id });
    expect(await listSavedViews({ db: t.db, scope: scopes.analyst, page: "findings" })).toEqual([]);
    expect(canonicalFindingsQuery("status=RESOLVED&status=OPEN&dir=asc")).toBe(
      "status=RESOLVED&status=OPEN&dir=asc",
    );
  });
});
