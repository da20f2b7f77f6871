import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { buildRuleContext, evaluateRules, RULE_CATALOG } from "@guardrail/rules";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditLog } from "../src/audit/audit.service";
import {
  countBusinessUnitContents,
  createBusinessUnit,
  deleteBusinessUnit,
  listBusinessUnits,
  previewBusinessUnit,
  updateBusinessUnit,
} from "../src/business-units/business-unit.service";
import type { TTenantScope } from "../src/common/tenant-scope";
import { applyEvaluation } from "../src/findings/apply-evaluation.service";
import {
  acceptInvitation,
  createInvitation,
  getInvitationByToken,
  hashInvitationToken,
  listInvitations,
  revokeInvitation,
} from "../src/invitations/invitation.service";
import { listRuleCatalog, loadRuleSettings, updateRuleSetting } from "../src/rule-settings/rule-settings.service";
import { changeMemberRole, listMembers, removeMember } from "../src/tenancy/membership.service";
import { createResource, createTenant, createUser, day, result } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const PROD = "444444444444";
const DEV = "555555555555";
const arn = (acc: string, n: string) => `arn:aws:ec2:us-east-1:${acc}:instance/${n}`;

async function org() {
  const tenantId = await createTenant(t.db);
  const ownerId = await createUser(t.db, "owner");
  await t.db.membership.create({ data: { tenantId, userId: ownerId, role: "OWNER" } });
  const ou = (ouId: string, parentId: string | null, isRoot = false) =>
    t.db.organizationalUnit.create({
      data: { tenantId, connectionId: tenantId, ouId, arn: ouId, name: ouId, parentId, isRoot },
    });
  await ou("r-ab12", null, true);
  await ou("ou-ab12-workload1", "r-ab12");
  const account = (accountId: string, name: string, tags: object) =>
    t.db.awsAccount.create({
      data: { tenantId, connectionId: tenantId, accountId, arn: accountId, name, email: `${name}@x`, status: "ACTIVE", parentId: "ou-ab12-workload1", tags },
    });
  await account(PROD, "payments-prod", { team: "payments" });
  await account(DEV, "data-dev", { team: "data" });
  await createResource(t.db, tenantId, { arn: arn(PROD, "i-1"), accountId: PROD, tags: { app: "checkout" } });
  await createResource(t.db, tenantId, { arn: arn(PROD, "i-2"), accountId: PROD });
  await createResource(t.db, tenantId, { arn: arn(DEV, "i-3"), accountId: DEV, tags: { app: "checkout" } });
  await createResource(t.db, tenantId, { arn: arn(DEV, "i-4"), accountId: DEV });
  const scope: TTenantScope = { tenantId, userId: ownerId, role: "OWNER" };
  return { tenantId, ownerId, scope };
}

async function findingsBu(tenantId: string) {
  const rows = await t.db.$queryRawUnsafe<{ arn: string; bu: string | null; owner: string | null; due: Date | null; step: string }[]>(
    `SELECT r."resourceId" arn, f."businessUnitId"::text bu, f."ownerUserId"::text owner, f."dueAt" due, f."ownerResolution"->>'step' step
       FROM "Finding" f JOIN "Resource" r ON r.id = f."resourceId" WHERE f."tenantId" = $1::uuid ORDER BY 1`,
    tenantId,
  );
  return new Map(rows.map((r) => [r.arn, r]));
}

describe("business units", { timeout: 60_000 }, () => {
  it("previews a draft (per rule and after precedence) without writing anything, then saves and re-assigns open findings with SLA due dates", async () => {
    const { tenantId, scope, ownerId } = await org();
    await applyEvaluation({
      db: t.db, tenantId, scanId: null, evaluatedScope: "ALL", now: day("2026-09-01"),
      results: [
        result("r1", arn(PROD, "i-1"), "FAIL", { accountId: PROD }),
        result("r1", arn(PROD, "i-2"), "FAIL", { accountId: PROD, severity: "CRITICAL" }),
        result("r1", arn(DEV, "i-3"), "FAIL", { accountId: DEV }),
        result("r1", arn(DEV, "i-4"), "FAIL", { accountId: DEV }),
      ],
    });
    // Payments owns its account by account tag; Checkout owns resources tagged app=checkout anywhere.
    const payments = await createBusinessUnit({
      db: t.db, scope, now: day("2026-09-02"),
      input: {
        name: "Payments",
        mappings: [{ kind: "ACCOUNT_TAG", tagKey: "team", tagValue: "payments" }],
        ownerUserIds: [ownerId],
        slaDays: { CRITICAL: 3, HIGH: 10 },
      },
    });
    const before = await t.db.businessUnit.count({ where: { tenantId } });
    const preview = await previewBusinessUnit({
      db: t.db, scope,
      input: {
        name: "Checkout",
        mappings: [
          { kind: "RESOURCE_TAG", tagKey: "app", tagValue: "checkout" },
          { kind: "OU", ouId: "ou-ab12-workload1" },
        ],
      },
    });
    expect(await t.db.businessUnit.count({ where: { tenantId } })).toBe(before);
    expect(await t.db.businessUnitMapping.count({ where: { tenantId } })).toBe(1);
    expect(preview.mappings.map((m) => [m.index, m.accounts, m.resources])).toEqual([
      [0, 2, 2], // app=checkout: one resource in each account
      [1, 2, 4], // the OU holds both accounts
    ]);
    // After precedence: the account tag of payments-prod beats the OU, a resource tag beats both.
    expect(preview.accounts.map((a) => a.accountId)).toEqual([DEV]);
    expect(preview.accountsTotal).toBe(1);
    expect(preview.resourcesTotal).toBe(3); // i-1 (tag), i-3 (tag), i-4 (OU)
    expect(preview.openFindings).toBe(3);
    expect([preview.resourcesOverCap, preview.openFindingsOverCap]).toEqual([false, false]);
    // Counts stop past the cap and say so ("more than 2"), never a wrong number.
    const capped = await previewBusinessUnit({
      db: t.db, scope, countCap: 2,
      input: {
        name: "Checkout",
        mappings: [
          { kind: "RESOURCE_TAG", tagKey: "app", tagValue: "checkout" },
          { kind: "OU", ouId: "ou-ab12-workload1" },
        ],
      },
    });
    expect(capped.mappings.map((m) => [m.resources, m.resourcesOverCap])).toEqual([
      [2, false],
      [2, true],
    ]);
    expect(capped.mappings.map((m) => m.accountsOverCap)).toEqual([false, false]);
    expect([capped.resourcesTotal, capped.resourcesOverCap]).toEqual([2, true]);
    // A resource-tag rule past the cap names the accounts of its first matches: "at least".
    const one = await previewBusinessUnit({
      db: t.db, scope, countCap: 1,
      input: { name: "Checkout", mappings: [{ kind: "RESOURCE_TAG", tagKey: "app", tagValue: "checkout" }] },
    });
    expect(one.mappings.map((m) => [m.resources, m.resourcesOverCap, m.accountsOverCap])).toEqual([[1, true, true]]);
    expect([capped.openFindings, capped.openFindingsOverCap]).toEqual([2, true]);

    const checkout = await createBusinessUnit({
      db: t.db, scope, now: day("2026-09-02"),
      input: { name: "Checkout", mappings: [{ kind: "RESOURCE_TAG", tagKey: "app", tagValue: "checkout" }, { kind: "OU", ouId: "ou-ab12-workload1" }] },
    });
    let f = await findingsBu(tenantId);
    expect(f.get(arn(PROD, "i-1"))).toMatchObject({ bu: checkout.id, step: "RESOURCE_TAG", owner: null });
    expect(f.get(arn(PROD, "i-2"))).toMatchObject({ bu: payments.id, step: "ACCOUNT_TAG", owner: ownerId });
    expect(f.get(arn(PROD, "i-2"))?.due?.toISOString()).toBe("2026-09-04T12:00:00.000Z"); // CRITICAL: 3 days
    expect(f.get(arn(DEV, "i-4"))).toMatchObject({ bu: checkout.id, step: "OU" });

    const list = await listBusinessUnits({ db: t.db, scope });
    const byName = new Map(list.businessUnits.map((b) => [b.name, b]));
    expect(byName.get("Payments")).toMatchObject({
      accounts: 1,
      slaDays: { CRITICAL: 3, HIGH: 10, MEDIUM: null },
      owners: [{ userId: ownerId, isPrimary: true }],
    });
    expect(byName.get("Checkout")?.accounts).toBe(1);
    const contents = await countBusinessUnitContents({ db: t.db, scope });
    expect(contents[payments.id]).toEqual({ resources: 1, openFindings: 1 });
    expect(contents[checkout.id]).toEqual({ resources: 3, openFindings: 3 });

    // Edit Payments: the resource-tag rule is kept (same age), SLA changes move due dates.
    const keptMapping = await t.db.businessUnitMapping.findFirstOrThrow({ where: { businessUnitId: checkout.id, kind: "RESOURCE_TAG" } });
    await updateBusinessUnit({
      db: t.db, scope, businessUnitId: checkout.id, now: day("2026-09-03"),
      input: { name: "Checkout", mappings: [{ kind: "RESOURCE_TAG", tagKey: "app", tagValue: "checkout" }], slaDays: { HIGH: 5 } },
    });
    const again = await t.db.businessUnitMapping.findMany({ where: { businessUnitId: checkout.id } });
    expect(again.map((m) => m.id)).toEqual([keptMapping.id]);
    f = await findingsBu(tenantId);
    expect(f.get(arn(DEV, "i-4"))).toMatchObject({ bu: null, step: "NONE" });
    expect(f.get(arn(DEV, "i-3"))?.due?.toISOString()).toBe("2026-09-06T12:00:00.000Z");

    await deleteBusinessUnit({ db: t.db, scope, businessUnitId: checkout.id, now: day("2026-09-04") });
    f = await findingsBu(tenantId);
    expect(f.get(arn(PROD, "i-1"))).toMatchObject({ bu: payments.id, step: "ACCOUNT_TAG" });
    expect(await t.db.slaTarget.count({ where: { tenantId, scopeKey: checkout.id } })).toBe(0);

    const audit = await listAuditLog(t.db, scope, { action: "business_unit." });
    expect(audit.rows.map((r) => r.action)).toEqual([
      "business_unit.delete", "business_unit.update", "business_unit.create", "business_unit.create",
    ]);
    expect(audit.rows[0]?.actor?.userId).toBe(ownerId);
  });

  it("refuses bad input, unknown targets, non-members, other roles and other tenants", async () => {
    const { scope } = await org();
    const other = await org();
    const ctx = { db: t.db, scope, now: day("2026-09-01") };
    await expect(createBusinessUnit({ ...ctx, input: { name: " " } })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      createBusinessUnit({ ...ctx, input: { name: "X", mappings: [{ kind: "ACCOUNT", accountId: "999999999999" }] } }),
    ).rejects.toThrow(/No account 999999999999/);
    await expect(
      createBusinessUnit({ ...ctx, input: { name: "X", ownerUserIds: [other.ownerId] } }),
    ).rejects.toThrow(/members/);
    const bu = await createBusinessUnit({ ...ctx, input: { name: "Payments" } });
    await expect(createBusinessUnit({ ...ctx, input: { name: "payments" } })).rejects.toMatchObject({ code: "CONFLICT" });
    for (const role of ["ANALYST", "BU_OWNER", "VIEWER"] as const) {
      await expect(
        updateBusinessUnit({ ...ctx, scope: { ...scope, role }, businessUnitId: bu.id, input: { name: "Y" } }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(
      deleteBusinessUnit({ db: t.db, scope: other.scope, businessUnitId: bu.id, now: day("2026-09-01") }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listBusinessUnits({ db: t.db, scope: other.scope })).businessUnits).toEqual([]);
    const buOwner = await t.db.user.create({ data: { email: `bu-${Date.now()}@x`, name: "BU", passwordHash: "x" } });
    await t.db.membership.create({ data: { tenantId: scope.tenantId, userId: buOwner.id, role: "BU_OWNER" } });
    const mine = await createBusinessUnit({ ...ctx, input: { name: "Mine", ownerUserIds: [buOwner.id] } });
    const seen = await listBusinessUnits({ db: t.db, scope: { tenantId: scope.tenantId, userId: buOwner.id, role: "BU_OWNER" } });
    expect(seen.businessUnits.map((b) => b.id)).toEqual([mine.id]);
  });
});

describe("rule settings", { timeout: 60_000 }, () => {
  it("disables a rule and overrides a severity: the evaluation input changes, audited, read-only for other roles", async () => {
    const { scope, tenantId } = await org();
    const [a, b] = RULE_CATALOG.filter((r) => !r.deprecated);
    if (!a || !b) throw new Error("the catalog needs two rules");
    const newSeverity = b.severity === "LOW" ? "CRITICAL" : "LOW";
    await updateRuleSetting({ db: t.db, scope, ruleId: a.id, input: { enabled: false } });
    await updateRuleSetting({ db: t.db, scope, ruleId: b.id, input: { enabled: true, severityOverride: newSeverity } });
    await expect(
      updateRuleSetting({ db: t.db, scope: { ...scope, role: "VIEWER" }, ruleId: a.id, input: { enabled: true } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      updateRuleSetting({ db: t.db, scope, ruleId: "aws.nope.nope.nope", input: { enabled: true } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    const settings = await loadRuleSettings(t.db, tenantId);
    const resource = (type: string, n: string) => ({
      accountId: PROD, region: "us-east-1", service: "x", resourceType: type, resourceId: `arn:${n}`, name: n, tags: {}, configuration: {},
    });
    const resources = [resource(a.resourceTypes[0]!, "a"), resource(b.resourceTypes[0]!, "b")] as never[];
    const ctx = buildRuleContext({ resources, collections: [], now: day("2026-09-01") });
    const { results } = evaluateRules({ rules: [a, b], ctx, settings });
    expect(results?.some((r) => r.ruleId === a.id)).toBe(false);
    expect(results?.filter((r) => r.ruleId === b.id).every((r) => r.severity === newSeverity)).toBe(true);
    expect(results?.some((r) => r.ruleId === b.id)).toBe(true);

    const viewer = { ...scope, role: "VIEWER" as const };
    const catalog = await listRuleCatalog({ db: t.db, scope: viewer, filter: { state: "disabled" } });
    expect(catalog.rules.map((r) => r.id)).toEqual([a.id]);
    const overridden = await listRuleCatalog({ db: t.db, scope: viewer, filter: { q: b.id } });
    expect(overridden.rules.find((r) => r.id === b.id)).toMatchObject({ id: b.id, severityOverride: newSeverity, effectiveSeverity: newSeverity });
    const cis = await listRuleCatalog({ db: t.db, scope: viewer, filter: { framework: "CIS-AWS-3.0.0" } });
    expect(cis.rules.every((r) => r.frameworks.some((f) => f.framework === "CIS-AWS-3.0.0"))).toBe(true);
    const audit = await listAuditLog(t.db, scope, { action: "rule.update" });
    expect(audit.total).toBe(2);
    expect(audit.rows.find((r) => r.targetId === a.id)?.data).toMatchObject({ before: { enabled: true }, after: { enabled: false } });
  });
});

describe("members and invitations", { timeout: 60_000 }, () => {
  it("stores only the token hash; accepts once; expiry and revoke stop a link; BU_OWNER gets the units", async () => {
    const { scope, tenantId } = await org();
    const now = day("2026-09-01");
    const bu = await createBusinessUnit({ db: t.db, scope, now, input: { name: "Payments" } });
    const inv = await createInvitation({
      db: t.db, scope, now, ip: "203.0.113.9",
      input: { email: " New.Owner@Example.com ", role: "BU_OWNER", businessUnitIds: [bu.id] },
    });
    const row = await t.db.invitation.findUniqueOrThrow({ where: { id: inv.id } });
    expect(row.tokenHash).toBe(hashInvitationToken(inv.token));
    expect(row.tokenHash).not.toContain(inv.token);
    expect(row.email).toBe("new.owner@example.com");
    expect(inv.expiresAt.toISOString()).toBe("2026-09-08T12:00:00.000Z");

    await expect(
      createInvitation({ db: t.db, scope, now, input: { email: "x@example.com", role: "BU_OWNER" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      createInvitation({ db: t.db, scope: { ...scope, role: "ADMIN" }, now, input: { email: "x@example.com", role: "OWNER" } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect(await getInvitationByToken({ db: t.db, token: inv.token, now })).toMatchObject({ role: "BU_OWNER", existingUser: false });
    await expect(getInvitationByToken({ db: t.db, token: inv.token, now: day("2026-09-09") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      acceptInvitation({ db: t.db, token: inv.token, now: day("2026-09-09"), newUser: { name: "New", password: "long-enough-password" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      acceptInvitation({ db: t.db, token: inv.token, now, newUser: { name: "New", password: "short" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });

    const accepted = await acceptInvitation({
      db: t.db, token: inv.token, now, newUser: { name: "New Owner", password: "long-enough-password" },
    });
    expect(accepted).toMatchObject({ tenantId, role: "BU_OWNER", email: "new.owner@example.com" });
    expect(await t.db.businessUnitOwner.count({ where: { userId: accepted.userId, businessUnitId: bu.id } })).toBe(1);
    await expect(
      acceptInvitation({ db: t.db, token: inv.token, now, newUser: { name: "Again", password: "long-enough-password" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Revoke: the link stops working. An existing user joins signed in, with the invited email only.
    const second = await createInvitation({ db: t.db, scope, now, input: { email: "analyst@example.com", role: "ANALYST" } });
    await revokeInvitation({ db: t.db, scope, invitationId: second.id, now });
    await expect(getInvitationByToken({ db: t.db, token: second.token, now })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await org();
    const third = await createInvitation({ db: t.db, scope, now, input: { email: "someone@example.com", role: "VIEWER" } });
    await expect(
      acceptInvitation({ db: t.db, token: third.token, now, signedInUserId: other.ownerId }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const existing = await t.db.user.create({ data: { email: "someone@example.com", name: "Some One", passwordHash: "x" } });
    expect((await getInvitationByToken({ db: t.db, token: third.token, now })).existingUser).toBe(true);
    await expect(
      acceptInvitation({ db: t.db, token: third.token, now, newUser: { name: "Imposter", password: "long-enough-password" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await acceptInvitation({ db: t.db, token: third.token, now, signedInUserId: existing.id });
    const statuses = (await listInvitations({ db: t.db, scope, now })).map((i) => [i.email, i.status]);
    expect(statuses).toEqual(
      expect.arrayContaining([
        ["new.owner@example.com", "ACCEPTED"],
        ["analyst@example.com", "REVOKED"],
        ["someone@example.com", "ACCEPTED"],
      ]),
    );
    // Tenant isolation: another tenant's admin cannot revoke or list these.
    await expect(revokeInvitation({ db: t.db, scope: other.scope, invitationId: second.id, now })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listInvitations({ db: t.db, scope: other.scope, now })).toEqual([]);

    const audit = await listAuditLog(t.db, scope, { action: "user." });
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(["user.invite", "user.invitation_accept", "user.invitation_revoke"]),
    );
    expect(JSON.stringify(audit.rows)).not.toContain(inv.token);
    expect(audit.rows.find((r) => r.action === "user.invite" && r.ip)?.ip).toBe("203.0.113.9");
  });

  it("changes roles and removes members, never the last OWNER", async () => {
    const { scope, tenantId, ownerId } = await org();
    const now = day("2026-09-01");
    await expect(changeMemberRole({ db: t.db, scope, userId: ownerId, role: "ADMIN", now })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(removeMember({ db: t.db, scope, userId: ownerId, now })).rejects.toMatchObject({ code: "CONFLICT" });
    const second = await createUser(t.db, "second");
    await t.db.membership.create({ data: { tenantId, userId: second, role: "VIEWER" } });
    const admin = { ...scope, userId: second, role: "ADMIN" as const };
    await expect(changeMemberRole({ db: t.db, scope: admin, userId: second, role: "OWNER", now })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await changeMemberRole({ db: t.db, scope, userId: second, role: "OWNER", now });
    await changeMemberRole({ db: t.db, scope, userId: ownerId, role: "ANALYST", now });
    const members = await listMembers({ db: t.db, scope: { ...scope, userId: second } });
    expect(members.map((m) => m.role).sort()).toEqual(["ANALYST", "OWNER"]);
    await expect(removeMember({ db: t.db, scope: { ...scope, userId: second }, userId: second, now })).rejects.toMatchObject({ code: "CONFLICT" });
    await removeMember({ db: t.db, scope: { ...scope, userId: second }, userId: ownerId, now });
    expect(await t.db.membership.count({ where: { tenantId } })).toBe(1);
    await expect(listMembers({ db: t.db, scope: { ...scope, role: "VIEWER" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const audit = await listAuditLog(t.db, { ...scope, userId: second }, { action: "user.", pageSize: 2, page: 1 });
    expect(audit.total).toBe(3);
    expect(audit.rows).toHaveLength(2);
    expect(audit.rows[0]?.action).toBe("user.remove");
    const page2 = await listAuditLog(t.db, { ...scope, userId: second }, { action: "user.", pageSize: 2, page: 2 });
    expect(page2.rows).toHaveLength(1);
    const none = await listAuditLog(t.db, { ...scope, userId: second }, { from: "2000-01-01", to: "2000-01-02" });
    expect(none.total).toBe(0);
  });
});
