import type { TDb } from "@guardrail/db";
import { recordAudit } from "../audit/audit.service";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import {
  countOwnership,
  matchMappings,
  resolvedOwnership,
  type TMappingMatch,
} from "./business-unit.repository";
import {
  mappingKey,
  SLA_SEVERITIES,
  ZBusinessUnitInput,
  type TBusinessUnitInput,
  type TBusinessUnitParsed,
  type TMappingKind,
  type TSlaDays,
} from "./business-unit.schema";
import { reassignOwners } from "./owner-assignment.service";

type TTx = Parameters<Parameters<TDb["$transaction"]>[0]>[0];

export interface TBusinessUnitMappingView {
  id: string;
  kind: TMappingKind;
  accountId: string | null;
  ouId: string | null;
  tagKey: string | null;
  tagValue: string | null;
}

export interface TBusinessUnitView {
  id: string;
  name: string;
  description: string | null;
  isDefault: boolean;
  createdAt: Date;
  mappings: TBusinessUnitMappingView[];
  owners: { userId: string; name: string; email: string; isPrimary: boolean }[];
  slaDays: TSlaDays;
  /** Live accounts it owns under the current mappings. */
  accounts: number;
}

const EMPTY_SLA: TSlaDays = { CRITICAL: null, HIGH: null, MEDIUM: null, LOW: null, INFO: null };

function parseInput(input: TBusinessUnitInput): TBusinessUnitParsed {
  const parsed = ZBusinessUnitInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", parsed.error.issues.map((i) => i.message).join(" "));
  }
  return parsed.data;
}

/**
 * The business units of the tenant (a BU_OWNER: theirs) with rules, owners, SLA days and the
 * accounts each owns now. Resource and open-finding counts scan the inventory and findings:
 * ask `countBusinessUnitContents` separately (the page streams them in).
 */
export async function listBusinessUnits(opts: { db: TDb; scope: TTenantScope }): Promise<{
  businessUnits: TBusinessUnitView[];
  tenantSlaDays: TSlaDays;
}> {
  const { db, scope } = opts;
  authorize(scope, "inventory.read");
  const tenantId = scope.tenantId;
  const [units, slas, ownership] = await Promise.all([
    db.businessUnit.findMany({
      // A BU_OWNER sees only the business units they own.
      where: { tenantId, ...(scope.role === "BU_OWNER" ? { owners: { some: { userId: scope.userId } } } : {}) },
      include: {
        mappings: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        owners: { orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }] },
      },
      orderBy: { name: "asc" },
    }),
    db.slaTarget.findMany({ where: { tenantId } }),
    countOwnership(db, tenantId, { resources: false }),
  ]);
  const userIds = [...new Set(units.flatMap((u) => u.owners.map((o) => o.userId)))];
  const users = userIds.length
    ? await db.user.findMany({
        where: { id: { in: userIds }, memberships: { some: { tenantId } } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const userById = new Map(users.map((u) => [u.id, u]));
  const slaFor = (key: string): TSlaDays => {
    const out: TSlaDays = { ...EMPTY_SLA };
    for (const s of slas) if (s.scopeKey === key) out[s.severity] = s.days;
    return out;
  };
  return {
    tenantSlaDays: slaFor("tenant"),
    businessUnits: units.map((u) => ({
      id: u.id,
      name: u.name,
      description: u.description,
      isDefault: u.isDefault,
      createdAt: u.createdAt,
      mappings: u.mappings.map((m) => ({
        id: m.id,
        kind: m.kind as TMappingKind,
        accountId: m.accountId,
        ouId: m.ouId,
        tagKey: m.tagKey,
        tagValue: m.tagValue,
      })),
      owners: u.owners.flatMap((o) => {
        const user = userById.get(o.userId);
        return user ? [{ userId: o.userId, name: user.name, email: user.email, isPrimary: o.isPrimary }] : [];
      }),
      slaDays: slaFor(u.id),
      accounts: ownership.get(u.id)?.accounts ?? 0,
    })),
  };
}

/**
 * Per business unit (a BU_OWNER: theirs): live resources it owns under the current mappings
 * and its open findings. Reads every live resource and open finding of the tenant, so pages
 * stream it after the list.
 */
export async function countBusinessUnitContents(opts: {
  db: TDb;
  scope: TTenantScope;
}): Promise<Record<string, { resources: number; openFindings: number }>> {
  const { db, scope } = opts;
  authorize(scope, "inventory.read");
  const tenantId = scope.tenantId;
  const owned =
    scope.role === "BU_OWNER"
      ? (await db.businessUnitOwner.findMany({ where: { tenantId, userId: scope.userId }, select: { businessUnitId: true } })).map(
          (o) => o.businessUnitId,
        )
      : null;
  const [resources, open] = await db.$transaction(async (tx) => {
    // Planning dominates these one-off aggregates: JIT compilation costs more than it saves.
    await tx.$executeRawUnsafe("SET LOCAL jit = off");
    const r = await countOwnership(tx, tenantId);
    const o = await tx.finding.groupBy({
      by: ["businessUnitId"],
      where: { tenantId, status: "OPEN", businessUnitId: owned ? { in: owned } : { not: null } },
      _count: { _all: true },
    });
    return [r, o] as const;
  });
  const out: Record<string, { resources: number; openFindings: number }> = {};
  for (const [id, c] of resources) if (!owned || owned.includes(id)) out[id] = { resources: c.resources, openFindings: 0 };
  for (const o of open) {
    if (!o.businessUnitId) continue;
    out[o.businessUnitId] = { resources: out[o.businessUnitId]?.resources ?? 0, openFindings: o._count._all };
  }
  return out;
}

/** Ids and names of the tenant's business units (pickers). */
export async function listBusinessUnitNames(opts: { db: TDb; scope: TTenantScope }) {
  authorize(opts.scope, "inventory.read");
  return opts.db.businessUnit.findMany({
    where: { tenantId: opts.scope.tenantId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** The tenant's members, for the owner picker (owners must be members). */
export async function listAssignableOwners(opts: { db: TDb; scope: TTenantScope }) {
  authorize(opts.scope, "inventory.read");
  const rows = await opts.db.membership.findMany({
    where: { tenantId: opts.scope.tenantId, user: { disabledAt: null } },
    select: { role: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return rows.map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role }));
}

/** Accounts and OUs of the tenant, for the mapping form's pickers. */
export async function listMappingTargets(opts: { db: TDb; scope: TTenantScope }) {
  authorize(opts.scope, "inventory.read");
  const tenantId = opts.scope.tenantId;
  const [accounts, ous] = await Promise.all([
    opts.db.awsAccount.findMany({
      where: { tenantId, removedAt: null },
      select: { accountId: true, name: true },
      orderBy: { name: "asc" },
    }),
    opts.db.organizationalUnit.findMany({
      where: { tenantId, deletedAt: null },
      select: { ouId: true, name: true, isRoot: true },
      orderBy: [{ isRoot: "desc" }, { name: "asc" }],
    }),
  ]);
  return { accounts, ous };
}

async function checkTargets(tx: TTx, scope: TTenantScope, input: TBusinessUnitParsed): Promise<void> {
  const tenantId = scope.tenantId;
  const accountIds = input.mappings.flatMap((m) => (m.kind === "ACCOUNT" ? [m.accountId] : []));
  const ouIds = input.mappings.flatMap((m) => (m.kind === "OU" ? [m.ouId] : []));
  if (accountIds.length) {
    const found = await tx.awsAccount.findMany({
      where: { tenantId, accountId: { in: accountIds } },
      select: { accountId: true },
    });
    const missing = accountIds.filter((a) => !found.some((f) => f.accountId === a));
    if (missing.length) {
      throw new AppError("VALIDATION", `No account ${missing.join(", ")} in your AWS Organization.`);
    }
  }
  if (ouIds.length) {
    const found = await tx.organizationalUnit.findMany({
      where: { tenantId, ouId: { in: ouIds } },
      select: { ouId: true },
    });
    const missing = ouIds.filter((o) => !found.some((f) => f.ouId === o));
    if (missing.length) {
      throw new AppError("VALIDATION", `No organizational unit ${missing.join(", ")} in your AWS Organization.`);
    }
  }
  if (input.ownerUserIds.length) {
    const members = await tx.membership.findMany({
      where: { tenantId, userId: { in: input.ownerUserIds } },
      select: { userId: true },
    });
    if (members.length !== new Set(input.ownerUserIds).size) {
      throw new AppError("VALIDATION", "Owners must be members of this organization.");
    }
  }
}

/** Writes name, default flag, mapping rules (unchanged rules keep their age), owners and SLA days. */
async function writeBusinessUnit(
  tx: TTx,
  scope: TTenantScope,
  businessUnitId: string | null,
  input: TBusinessUnitParsed,
): Promise<string> {
  const tenantId = scope.tenantId;
  const clash = await tx.businessUnit.findFirst({
    where: {
      tenantId,
      name: { equals: input.name, mode: "insensitive" },
      ...(businessUnitId ? { id: { not: businessUnitId } } : {}),
    },
    select: { id: true },
  });
  if (clash) throw new AppError("CONFLICT", `A business unit named "${input.name}" already exists.`);
  if (input.isDefault) {
    await tx.businessUnit.updateMany({
      where: { tenantId, isDefault: true, ...(businessUnitId ? { id: { not: businessUnitId } } : {}) },
      data: { isDefault: false },
    });
  }
  const id = businessUnitId
    ? (
        await tx.businessUnit.update({
          where: { id: businessUnitId },
          data: { name: input.name, description: input.description, isDefault: input.isDefault },
          select: { id: true },
        })
      ).id
    : (
        await tx.businessUnit.create({
          data: { tenantId, name: input.name, description: input.description, isDefault: input.isDefault },
          select: { id: true },
        })
      ).id;

  const existing = await tx.businessUnitMapping.findMany({ where: { tenantId, businessUnitId: id } });
  const wanted = new Map(
    input.mappings.map((m) => {
      const row = {
        kind: m.kind,
        accountId: m.kind === "ACCOUNT" ? m.accountId : null,
        ouId: m.kind === "OU" ? m.ouId : null,
        tagKey: m.kind === "RESOURCE_TAG" || m.kind === "ACCOUNT_TAG" ? m.tagKey : null,
        tagValue: m.kind === "RESOURCE_TAG" || m.kind === "ACCOUNT_TAG" ? m.tagValue : null,
      };
      return [mappingKey(row), row] as const;
    }),
  );
  const stale = existing.filter((m) => !wanted.has(mappingKey(m)));
  if (stale.length) {
    await tx.businessUnitMapping.deleteMany({ where: { tenantId, id: { in: stale.map((m) => m.id) } } });
  }
  const kept = new Set(existing.map((m) => mappingKey(m)));
  const fresh = [...wanted.entries()].filter(([k]) => !kept.has(k)).map(([, row]) => row);
  if (fresh.length) {
    await tx.businessUnitMapping.createMany({
      data: fresh.map((row) => ({ tenantId, businessUnitId: id, ...row })),
    });
  }

  await tx.businessUnitOwner.deleteMany({
    where: { tenantId, businessUnitId: id, userId: { notIn: input.ownerUserIds } },
  });
  for (const userId of new Set(input.ownerUserIds)) {
    const isPrimary = input.primaryOwnerUserId
      ? input.primaryOwnerUserId === userId
      : input.ownerUserIds[0] === userId;
    await tx.businessUnitOwner.upsert({
      where: { businessUnitId_userId: { businessUnitId: id, userId } },
      update: { isPrimary },
      create: { tenantId, businessUnitId: id, userId, isPrimary },
    });
  }
  await writeSlaDays(tx, tenantId, id, input.slaDays);
  return id;
}

async function writeSlaDays(tx: TTx, tenantId: string, scopeKey: string, days: TSlaDays) {
  for (const severity of SLA_SEVERITIES) {
    const value = days[severity];
    if (value == null) {
      await tx.slaTarget.deleteMany({ where: { tenantId, scopeKey, severity } });
    } else {
      await tx.slaTarget.upsert({
        where: { tenantId_scopeKey_severity: { tenantId, scopeKey, severity } },
        update: { days: value },
        create: { tenantId, scopeKey, severity, days: value },
      });
    }
  }
}

export interface TMutationContext {
  db: TDb;
  scope: TTenantScope;
  now: Date;
  ip?: string | null;
}

/** Creates a business unit, then re-assigns the tenant's open findings under the new rules. */
export async function createBusinessUnit(
  opts: TMutationContext & { input: TBusinessUnitInput },
): Promise<{ id: string; findingsReassigned: number }> {
  const { db, scope } = opts;
  authorize(scope, "businessUnits.manage");
  const input = parseInput(opts.input);
  const id = await db.$transaction(async (tx) => {
    await checkTargets(tx, scope, input);
    const buId = await writeBusinessUnit(tx, scope, null, input);
    await recordAudit(tx, scope, {
      action: "business_unit.create",
      targetType: "BusinessUnit",
      targetId: buId,
      data: auditData(input),
      ip: opts.ip,
    });
    return buId;
  });
  const r = await reassignOwners({ db, tenantId: scope.tenantId, now: opts.now, actorUserId: scope.userId });
  return { id, findingsReassigned: r.updated };
}

/** Updates a business unit (rules, owners, SLA days), then re-assigns open findings. */
export async function updateBusinessUnit(
  opts: TMutationContext & { businessUnitId: string; input: TBusinessUnitInput },
): Promise<{ id: string; findingsReassigned: number }> {
  const { db, scope } = opts;
  authorize(scope, "businessUnits.manage");
  const input = parseInput(opts.input);
  await db.$transaction(async (tx) => {
    const bu = await tx.businessUnit.findFirst({
      where: { id: opts.businessUnitId, tenantId: scope.tenantId },
      select: { id: true },
    });
    if (!bu) throw new AppError("NOT_FOUND", "No such business unit.");
    await checkTargets(tx, scope, input);
    await writeBusinessUnit(tx, scope, bu.id, input);
    await recordAudit(tx, scope, {
      action: "business_unit.update",
      targetType: "BusinessUnit",
      targetId: bu.id,
      data: auditData(input),
      ip: opts.ip,
    });
  });
  const r = await reassignOwners({ db, tenantId: scope.tenantId, now: opts.now, actorUserId: scope.userId });
  return { id: opts.businessUnitId, findingsReassigned: r.updated };
}

/** Deletes a business unit (its rules, owners and SLA days); its findings go back to the mappings. */
export async function deleteBusinessUnit(
  opts: TMutationContext & { businessUnitId: string },
): Promise<{ findingsReassigned: number }> {
  const { db, scope } = opts;
  authorize(scope, "businessUnits.manage");
  await db.$transaction(async (tx) => {
    const bu = await tx.businessUnit.findFirst({
      where: { id: opts.businessUnitId, tenantId: scope.tenantId },
      select: { id: true, name: true },
    });
    if (!bu) throw new AppError("NOT_FOUND", "No such business unit.");
    await tx.slaTarget.deleteMany({ where: { tenantId: scope.tenantId, scopeKey: bu.id } });
    // Hand-assigned findings of the deleted unit lose the unit; automatic ones are re-resolved below.
    await tx.finding.updateMany({
      where: { tenantId: scope.tenantId, businessUnitId: bu.id },
      data: { businessUnitId: null },
    });
    await tx.businessUnit.delete({ where: { id: bu.id } });
    await recordAudit(tx, scope, {
      action: "business_unit.delete",
      targetType: "BusinessUnit",
      targetId: bu.id,
      data: { name: bu.name },
      ip: opts.ip,
    });
  });
  const r = await reassignOwners({ db, tenantId: scope.tenantId, now: opts.now, actorUserId: scope.userId });
  return { findingsReassigned: r.updated };
}

/** Sets the tenant-wide SLA days per severity (used when a business unit sets none). */
export async function setTenantSlaDays(opts: TMutationContext & { slaDays: TSlaDays }): Promise<void> {
  const { db, scope } = opts;
  authorize(scope, "businessUnits.manage");
  const input = parseInput({ name: "tenant", slaDays: opts.slaDays });
  await db.$transaction(async (tx) => {
    await writeSlaDays(tx, scope.tenantId, "tenant", input.slaDays);
    await recordAudit(tx, scope, {
      action: "sla.update",
      targetType: "Tenant",
      targetId: scope.tenantId,
      data: input.slaDays,
      ip: opts.ip,
    });
  });
  await reassignOwners({ db, tenantId: scope.tenantId, now: opts.now, actorUserId: scope.userId });
}

export interface TMappingPreview {
  mappings: (TMappingMatch & { index: number })[];
  accounts: { accountId: string; name: string; step: string }[];
  accountsTotal: number;
  /** exact up to PREVIEW_COUNT_CAP; past it the cap, with `resourcesOverCap` ("more than") */
  resourcesTotal: number;
  resourcesOverCap: boolean;
  /** exact up to PREVIEW_COUNT_CAP; past it the cap, with `openFindingsOverCap` */
  openFindings: number;
  openFindingsOverCap: boolean;
}

class PreviewRollback extends Error {
  constructor(readonly preview: TMappingPreview) {
    super("preview");
  }
}

/**
 * What a draft business unit would own before it is saved: per rule, the accounts and
 * resources it matches on its own; overall, the accounts, resources and unresolved findings it
 * would win under the tenant's precedence, each count exact up to PREVIEW_COUNT_CAP and "more
 * than" past it. The draft is written in a transaction that is always rolled back, so the
 * preview reads the very mapping CTEs that assign findings.
 */
export async function previewBusinessUnit(opts: {
  db: TDb;
  scope: TTenantScope;
  businessUnitId?: string | null;
  input: TBusinessUnitInput;
  /** counts stop past this many (default PREVIEW_COUNT_CAP) */
  countCap?: number;
}): Promise<TMappingPreview> {
  const { db, scope } = opts;
  authorize(scope, "businessUnits.manage");
  const input = parseInput({ ...opts.input, ownerUserIds: [], primaryOwnerUserId: null });
  try {
    await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL jit = off");
      if (opts.businessUnitId) {
        const bu = await tx.businessUnit.count({ where: { id: opts.businessUnitId, tenantId: scope.tenantId } });
        if (bu === 0) throw new AppError("NOT_FOUND", "No such business unit.");
      }
      // A unique throwaway name: the draft only lives inside this rolled-back transaction.
      const draft = { ...input, name: `${input.name} (preview ${crypto.randomUUID()})` };
      const id = await writeBusinessUnit(tx, scope, opts.businessUnitId ?? null, draft);
      const matches = await matchMappings(tx, scope.tenantId, id, opts.countCap);
      const owned = await resolvedOwnership(tx, scope.tenantId, id, { countCap: opts.countCap });
      const order = input.mappings.map((m) =>
        mappingKey({
          kind: m.kind,
          accountId: m.kind === "ACCOUNT" ? m.accountId : null,
          ouId: m.kind === "OU" ? m.ouId : null,
          tagKey: "tagKey" in m ? m.tagKey : null,
          tagValue: "tagValue" in m ? m.tagValue : null,
        }),
      );
      const rows = await tx.businessUnitMapping.findMany({ where: { businessUnitId: id } });
      const keyById = new Map(rows.map((r) => [r.id, mappingKey(r)]));
      throw new PreviewRollback({
        mappings: matches
          .map((m) => ({ ...m, index: order.indexOf(keyById.get(m.mappingId) ?? "") }))
          .sort((a, b) => a.index - b.index),
        accounts: owned.accounts,
        accountsTotal: owned.accountsTotal,
        resourcesTotal: owned.resources,
        resourcesOverCap: owned.resourcesOverCap,
        openFindings: owned.findings,
        openFindingsOverCap: owned.findingsOverCap,
      });
    }, { timeout: 60_000 });
  } catch (err) {
    if (err instanceof PreviewRollback) return err.preview;
    throw err;
  }
  throw new Error("preview transaction committed");
}

function auditData(input: TBusinessUnitParsed) {
  return {
    name: input.name,
    isDefault: input.isDefault,
    mappings: input.mappings.map((m) => ({ ...m })),
    ownerUserIds: input.ownerUserIds,
    slaDays: input.slaDays,
  };
}
