import { Prisma, type TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import { assignFindings } from "../business-units/owner-assignment.service";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import {
  createSuppression,
  listOwnedBusinessUnitIds,
  revokeSuppression,
  type TSuppressionChange,
} from "../suppressions/suppression.service";
import { z } from "zod";

const ZFindingIds = z
  .array(z.uuid("Finding ids are UUIDs."))
  .min(1, "Select at least one finding.")
  .max(10_000, "Select at most 10,000 findings.");

/** The selected ids, validated and de-duplicated (VALIDATION on anything else). */
function parseFindingIds(ids: readonly string[]): string[] {
  const parsed = ZFindingIds.safeParse([...new Set(ids)]);
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  return parsed.data;
}

/** Bulk manual assignment from the findings list (ANALYST+). */
export async function bulkAssign(opts: {
  db: TDb;
  scope: TTenantScope;
  findingIds: readonly string[];
  businessUnitId?: string | null;
  ownerUserId?: string | null;
  now: Date;
}): Promise<{ updated: number }> {
  authorize(opts.scope, "findings.triage");
  for (const id of [opts.ownerUserId, opts.businessUnitId])
    if (id && !z.uuid().safeParse(id).success)
      throw new AppError("VALIDATION", "Choose an owner and business unit of this tenant.");
  return assignFindings({ ...opts, findingIds: parseFindingIds(opts.findingIds) });
}

/**
 * Suppresses exactly the selected findings: one RESOURCE suppression per (rule, resource)
 * pair, with the same reason, justification and (required) expiry. ANALYST+ → ACTIVE at once;
 * BU_OWNER → REQUESTED, for findings they can see only (their units', or assigned to them).
 * Findings that are not OPEN are skipped (a resolved finding needs no suppression).
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
  const ids = parseFindingIds(opts.findingIds);
  if (ids.length > 1000)
    throw new AppError("VALIDATION", "Suppress at most 1,000 findings at once.");
  if (!(opts.expiresAt instanceof Date) || Number.isNaN(opts.expiresAt.getTime()))
    throw new AppError("VALIDATION", "A suppression needs an expiry date.");
  const owned = scope.role === "BU_OWNER" ? await listOwnedBusinessUnitIds(db, scope) : null;
  const findings = await db.finding.findMany({
    where: {
      tenantId: scope.tenantId,
      id: { in: ids },
      ...(owned ? { OR: [{ businessUnitId: { in: owned } }, { ownerUserId: scope.userId }] } : {}),
    },
    select: { id: true, ruleId: true, resourceId: true, status: true },
  });
  if (findings.length !== ids.length)
    throw new AppError("NOT_FOUND", "Some of the selected findings are not yours to suppress.");
  const out: TSuppressionChange[] = [];
  for (const f of findings) {
    if (f.status !== "OPEN") continue;
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
 * Reopens findings by hand: a RESOLVED finding (an analyst disputes a resolution) gets a
 * REOPENED event with cause "user"; a SUPPRESSED finding held by a suppression of exactly that
 * finding (rule + resource, as the list's bulk suppress creates) has it revoked. A finding
 * held by a wider suppression (a rule, account, OU or tag) is a CONFLICT: revoke that one.
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
  const ids = parseFindingIds(opts.findingIds);
  const suppressed = await db.finding.findMany({
    where: { tenantId: scope.tenantId, id: { in: ids }, status: "SUPPRESSED" },
    select: { id: true, ruleId: true, resourceId: true, suppressionId: true },
  });
  const holders = await db.suppression.findMany({
    where: {
      tenantId: scope.tenantId,
      id: { in: suppressed.map((f) => f.suppressionId).filter((v): v is string => !!v) },
    },
    select: { id: true, scope: true, ruleId: true, resourceId: true },
  });
  const holder = new Map(holders.map((h) => [h.id, h]));
  const revoke = new Set<string>();
  for (const f of suppressed) {
    const h = f.suppressionId ? holder.get(f.suppressionId) : undefined;
    if (!h || h.scope !== "RESOURCE" || h.resourceId !== f.resourceId || h.ruleId !== f.ruleId)
      throw new AppError(
        "CONFLICT",
        "A selected finding is held by a wider suppression (rule, account, OU or tag): revoke that suppression instead.",
      );
    revoke.add(h.id);
  }
  let unsuppressed = 0;
  for (const suppressionId of revoke) {
    const r = await revokeSuppression({ db, scope, suppressionId, now });
    unsuppressed += r.findingsReopened;
  }
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
  return { reopened: (rows[0]?.n ?? 0) + unsuppressed };
}
