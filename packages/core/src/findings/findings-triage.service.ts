import { Prisma, type TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import { assignFindings } from "../business-units/owner-assignment.service";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { createSuppression, type TSuppressionChange } from "../suppressions/suppression.service";

/** Bulk manual assignment from the findings list (ANALYST+). */
export async function bulkAssign(opts: {
  db: TDb;
  scope: TTenantScope;
  findingIds: readonly string[];
  businessUnitId?: string | null;
  ownerUserId?: string | null;
  now: Date;
}): Promise<{ updated: number }> {
  return assignFindings(opts);
}

/**
 * Suppresses exactly the selected findings: one RESOURCE suppression per (rule, resource)
 * pair, with the same reason, justification and (required) expiry. ANALYST+ → ACTIVE at once;
 * BU_OWNER → REQUESTED, for findings of their business units only.
 */
export async function bulkSuppress(opts: {
  db: TDb;
  scope: TTenantScope;
  findingIds: readonly string[];
  reason: "ACCEPTED_RISK" | "FALSE_POSITIVE";
  justification: string;
  expiresAt: Date;
  now: Date;
}): Promise<TSuppressionChange[]> {
  const { db, scope } = opts;
  authorize(scope, "findings.requestSuppression");
  const ids = [...new Set(opts.findingIds)];
  if (ids.length > 1000)
    throw new AppError("VALIDATION", "Suppress at most 1,000 findings at once.");
  const findings = await db.finding.findMany({
    where: { tenantId: scope.tenantId, id: { in: ids } },
    select: { id: true, ruleId: true, resourceId: true },
  });
  if (findings.length !== ids.length)
    throw new AppError("NOT_FOUND", "Some findings do not exist in this tenant.");
  const out: TSuppressionChange[] = [];
  for (const f of findings) {
    out.push(
      await createSuppression({
        db,
        scope,
        now: opts.now,
        input: {
          scope: "RESOURCE",
          ruleId: f.ruleId,
          resourceId: f.resourceId,
          reason: opts.reason,
          justification: opts.justification,
          expiresAt: opts.expiresAt,
        },
      }),
    );
  }
  return out;
}

/**
 * Reopens RESOLVED findings by hand (an analyst disputes a resolution): REOPENED events with
 * cause "user". A SUPPRESSED finding is reopened by revoking its suppression instead.
 */
export async function reopenFindings(opts: {
  db: TDb;
  scope: TTenantScope;
  findingIds: readonly string[];
  comment?: string;
  now: Date;
}): Promise<{ reopened: number }> {
  const { db, scope, now } = opts;
  authorize(scope, "findings.triage");
  const ids = [...new Set(opts.findingIds)];
  if (ids.length === 0) return { reopened: 0 };
  const suppressed = await db.finding.count({
    where: { tenantId: scope.tenantId, id: { in: ids }, status: "SUPPRESSED" },
  });
  if (suppressed > 0)
    throw new AppError("CONFLICT", "Suppressed findings reopen when their suppression is revoked.");
  const rows = await db.$queryRaw<{ n: number }[]>(Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f SET status = 'OPEN', "resolvedAt" = NULL, "reopenCount" = f."reopenCount" + 1
       WHERE f."tenantId" = ${scope.tenantId}::uuid AND f.id = ANY(${ids}::uuid[]) AND f.status = 'RESOLVED'
      RETURNING f.id
    ), ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "actorUserId", data, at)
      SELECT ${scope.tenantId}::uuid, id, 'REOPENED', 'user', ${scope.userId}::uuid,
             jsonb_build_object('comment', ${opts.comment ?? null}::text), ${now}::timestamp
        FROM upd RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`);
  return { reopened: rows[0]?.n ?? 0 };
}
