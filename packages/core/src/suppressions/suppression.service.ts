import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize, can } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { applyActiveSuppressions, releaseSuppressedFindings } from "./suppression-match.repository";
import type { TSqlExecutor } from "../findings/sql-executor";

export const ZCreateSuppression = z
  .object({
    scope: z.enum(["RULE", "RULE_IN_ACCOUNT", "RULE_IN_OU", "RESOURCE", "TAG"]),
    ruleId: z.string().min(1).nullish(),
    accountId: z
      .string()
      .regex(/^\d{12}$/)
      .nullish(),
    ouId: z
      .string()
      .regex(/^(ou-|r-)[a-z0-9-]+$/)
      .nullish(),
    /** Resource.id (uuid) */
    resourceId: z.uuid().nullish(),
    tagKey: z.string().min(1).nullish(),
    tagValue: z.string().nullish(),
    reason: z.enum(["ACCEPTED_RISK", "FALSE_POSITIVE"]),
    justification: z.string().trim().min(10, "Explain why, in at least 10 characters."),
    expiresAt: z.coerce.date(),
  })
  .superRefine((v, ctx) => {
    const need = (field: keyof typeof v) => {
      if (!v[field])
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `${field} is required for a ${v.scope} suppression`,
        });
    };
    if (v.scope !== "RESOURCE" && v.scope !== "TAG") need("ruleId");
    if (v.scope === "RULE_IN_ACCOUNT") need("accountId");
    if (v.scope === "RULE_IN_OU") need("ouId");
    if (v.scope === "RESOURCE") need("resourceId");
    if (v.scope === "TAG") need("tagKey");
  });
export type TCreateSuppression = z.input<typeof ZCreateSuppression>;

export interface TSuppressionChange {
  suppressionId: string;
  status: "REQUESTED" | "ACTIVE" | "REJECTED" | "REVOKED";
  findingsSuppressed: number;
  findingsReopened: number;
}

/**
 * Creates a suppression. OWNER/ADMIN/ANALYST create it ACTIVE (matching OPEN findings become
 * SUPPRESSED); a BU_OWNER *requests* one (REQUESTED) for a resource or tag whose findings
 * are in one of their business units, and an ANALYST+ approves it. The expiry is required
 * and must be in the future.
 */
export async function createSuppression(opts: {
  db: TDb;
  scope: TTenantScope;
  input: TCreateSuppression;
  now: Date;
}): Promise<TSuppressionChange> {
  const { db, scope, now } = opts;
  authorize(scope, "findings.requestSuppression");
  const parsed = ZCreateSuppression.safeParse(opts.input);
  if (!parsed.success) {
    throw new AppError("VALIDATION", z.prettifyError(parsed.error), {
      issues: parsed.error.issues,
    });
  }
  const input = parsed.data;
  if (input.expiresAt.getTime() <= now.getTime()) {
    throw new AppError("VALIDATION", "A suppression's expiry must be in the future.");
  }
  const direct = can(scope.role, "findings.triage");
  if (!direct) {
    if (input.scope !== "RESOURCE") {
      throw new AppError(
        "FORBIDDEN",
        "Business-unit owners can request suppressions for a resource only.",
      );
    }
    const own = await db.finding.count({
      where: {
        tenantId: scope.tenantId,
        resourceId: input.resourceId ?? "",
        ...(input.ruleId ? { ruleId: input.ruleId } : {}),
        OR: [
          { businessUnitId: { in: await listOwnedBusinessUnitIds(db, scope) } },
          { ownerUserId: scope.userId },
        ],
      },
    });
    if (own === 0)
      throw new AppError(
        "FORBIDDEN",
        "This resource has no findings in your business units or assigned to you.",
      );
  }
  if (input.resourceId) {
    const exists = await db.resource.count({
      where: { tenantId: scope.tenantId, id: input.resourceId },
    });
    if (exists === 0) throw new AppError("NOT_FOUND", "No such resource in this tenant.");
  }
  return db.$transaction(async (tx) => {
    const s = await tx.suppression.create({
      data: {
        tenantId: scope.tenantId,
        scope: input.scope,
        ruleId: input.ruleId ?? null,
        accountId: input.accountId ?? null,
        ouId: input.ouId ?? null,
        resourceId: input.resourceId ?? null,
        tagKey: input.tagKey ?? null,
        tagValue: input.tagValue ?? null,
        reason: input.reason,
        justification: input.justification,
        status: direct ? "ACTIVE" : "REQUESTED",
        authorId: scope.userId,
        approvedById: direct ? scope.userId : null,
        expiresAt: input.expiresAt,
        createdAt: now,
      },
    });
    if (!direct) {
      await tx.$executeRaw(Prisma.sql`
        INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "actorUserId", data, at)
        SELECT ${scope.tenantId}::uuid, f.id, 'SUPPRESSION_REQUESTED', 'user', ${scope.userId}::uuid,
               jsonb_build_object('suppressionId', ${s.id}::text, 'reason', ${input.reason}::text), ${now}::timestamp
          FROM "Finding" f
         WHERE f."tenantId" = ${scope.tenantId}::uuid AND f."resourceId" = ${input.resourceId}::uuid
           AND f.status <> 'RESOLVED' AND (${input.ruleId ?? null}::text IS NULL OR f."ruleId" = ${input.ruleId ?? null}::text)`);
      return {
        suppressionId: s.id,
        status: "REQUESTED" as const,
        findingsSuppressed: 0,
        findingsReopened: 0,
      };
    }
    return applyNewlyActiveSuppression(tx, scope, s.id, now);
  });
}

/** Suppresses the findings an ACTIVE suppression now covers (events with cause "suppression"). */
async function applyNewlyActiveSuppression(
  tx: TSqlExecutor,
  scope: TTenantScope,
  suppressionId: string,
  now: Date,
): Promise<TSuppressionChange> {
  const n = await applyActiveSuppressions({
    tx,
    tenantId: scope.tenantId,
    now,
    cause: "suppression",
    actorUserId: scope.userId,
    where: Prisma.sql`s.id = ${suppressionId}::uuid`,
  });
  return { suppressionId, status: "ACTIVE", findingsSuppressed: n, findingsReopened: 0 };
}

/** ANALYST+ approves (ACTIVE, applied at once) or rejects a REQUESTED suppression. */
export async function reviewSuppression(opts: {
  db: TDb;
  scope: TTenantScope;
  suppressionId: string;
  decision: "APPROVE" | "REJECT";
  now: Date;
}): Promise<TSuppressionChange> {
  const { db, scope, now } = opts;
  authorize(scope, "findings.triage");
  return db.$transaction(async (tx) => {
    const s = await tx.suppression.findFirst({
      where: { id: opts.suppressionId, tenantId: scope.tenantId },
    });
    if (!s) throw new AppError("NOT_FOUND", "No such suppression.");
    if (s.status !== "REQUESTED")
      throw new AppError("CONFLICT", `The suppression is ${s.status}, not REQUESTED.`);
    if (opts.decision === "REJECT") {
      await tx.suppression.update({
        where: { id: s.id },
        data: { status: "REJECTED", approvedById: scope.userId },
      });
      return {
        suppressionId: s.id,
        status: "REJECTED" as const,
        findingsSuppressed: 0,
        findingsReopened: 0,
      };
    }
    if (s.expiresAt.getTime() <= now.getTime()) {
      throw new AppError("CONFLICT", "The requested suppression has already expired.");
    }
    await tx.suppression.update({
      where: { id: s.id },
      data: { status: "ACTIVE", approvedById: scope.userId },
    });
    return applyNewlyActiveSuppression(tx, scope, s.id, now);
  });
}

/** Revokes a suppression: its findings reopen (cause "suppression revoked") unless another covers them. */
export async function revokeSuppression(opts: {
  db: TDb;
  scope: TTenantScope;
  suppressionId: string;
  now: Date;
}): Promise<TSuppressionChange> {
  const { db, scope, now } = opts;
  authorize(scope, "findings.triage");
  return db.$transaction(async (tx) => {
    const s = await tx.suppression.findFirst({
      where: { id: opts.suppressionId, tenantId: scope.tenantId },
    });
    if (!s) throw new AppError("NOT_FOUND", "No such suppression.");
    if (s.status === "REVOKED" || s.status === "REJECTED") {
      throw new AppError("CONFLICT", `The suppression is already ${s.status}.`);
    }
    await tx.suppression.update({
      where: { id: s.id },
      data: { status: "REVOKED", revokedAt: now },
    });
    const r = await releaseSuppressedFindings({
      tx,
      tenantId: scope.tenantId,
      now,
      cause: "suppression revoked",
      actorUserId: scope.userId,
      where: Prisma.sql`f."suppressionId" = ${s.id}::uuid`,
    });
    return {
      suppressionId: s.id,
      status: "REVOKED" as const,
      findingsSuppressed: r.resuppressed,
      findingsReopened: r.reopened,
    };
  });
}

/**
 * The daily job: findings held by suppressions whose expiry has passed reopen (UNSUPPRESSED,
 * cause "suppression expired"), unless another active suppression still covers them.
 * Runs for one tenant, or every tenant when `tenantId` is omitted. Idempotent.
 */
export async function expireSuppressions(opts: {
  db: TDb;
  now: Date;
  tenantId?: string;
}): Promise<{ tenants: number; findingsReopened: number; findingsResuppressed: number }> {
  const { db, now } = opts;
  const expired = await db.suppression.findMany({
    where: {
      ...(opts.tenantId ? { tenantId: opts.tenantId } : {}),
      status: "ACTIVE",
      expiresAt: { lte: now },
    },
    select: { id: true, tenantId: true },
  });
  const byTenant = new Map<string, string[]>();
  for (const s of expired) byTenant.set(s.tenantId, [...(byTenant.get(s.tenantId) ?? []), s.id]);
  let reopened = 0;
  let resuppressed = 0;
  for (const [tenantId, ids] of byTenant) {
    const r = await db.$transaction((tx) =>
      releaseSuppressedFindings({
        tx,
        tenantId,
        now,
        cause: "suppression expired",
        where: Prisma.sql`f."suppressionId" = ANY(${ids}::uuid[])`,
      }),
    );
    reopened += r.reopened;
    resuppressed += r.resuppressed;
  }
  return { tenants: byTenant.size, findingsReopened: reopened, findingsResuppressed: resuppressed };
}

/** Suppressions of the tenant, newest first, with whether each has expired. */
export async function listSuppressions(opts: {
  db: TDb;
  scope: TTenantScope;
  now: Date;
  status?: "REQUESTED" | "ACTIVE" | "REJECTED" | "REVOKED";
}) {
  authorize(opts.scope, "findings.read");
  const rows = await opts.db.suppression.findMany({
    where: { tenantId: opts.scope.tenantId, ...(opts.status ? { status: opts.status } : {}) },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  return rows.map((s) => ({ ...s, expired: s.expiresAt.getTime() <= opts.now.getTime() }));
}

/** The business units a user owns in the tenant (BU_OWNER scoping). */
export async function listOwnedBusinessUnitIds(db: TDb, scope: TTenantScope): Promise<string[]> {
  const rows = await db.businessUnitOwner.findMany({
    where: { tenantId: scope.tenantId, userId: scope.userId },
    select: { businessUnitId: true },
  });
  return rows.map((r) => r.businessUnitId);
}
