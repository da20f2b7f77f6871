import { Prisma, type TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { resolveOwners } from "./owner-resolution.repository";
import { refreshResourceBusinessUnits } from "./resource-unit.repository";

/**
 * Recomputes the business unit, owner and due date of every unresolved finding of the tenant
 * after a mapping, owner or SLA change (manual assignments are kept), and the stored unit of
 * every resource. ASSIGNED events with cause "mapping changed" for findings whose unit or
 * owner changed.
 */
export async function reassignOwners(opts: {
  db: TDb;
  tenantId: string;
  now: Date;
  actorUserId?: string | null;
}): Promise<{ updated: number; events: number }> {
  return opts.db.$transaction(
    async (tx) => {
      await refreshResourceBusinessUnits(tx, { tenantId: opts.tenantId });
      return resolveOwners({
        tx,
        tenantId: opts.tenantId,
        where: Prisma.sql`f.status <> 'RESOLVED'`,
        events: { cause: "mapping changed", actorUserId: opts.actorUserId ?? null, at: opts.now },
      });
    },
    { timeout: 10 * 60_000 },
  );
}

/**
 * Manual bulk assignment (ANALYST+): sets the business unit and/or owner of the findings,
 * marks them MANUAL so automatic resolution never overrides them, one ASSIGNED event each.
 * `automatic: true` instead hands the findings back to the mapping rules.
 */
export async function assignFindings(opts: {
  db: TDb;
  scope: TTenantScope;
  findingIds: readonly string[];
  businessUnitId?: string | null;
  ownerUserId?: string | null;
  automatic?: boolean;
  now: Date;
}): Promise<{ updated: number }> {
  const { db, scope, now } = opts;
  authorize(scope, "findings.triage");
  const ids = [...new Set(opts.findingIds)];
  if (ids.length === 0) return { updated: 0 };
  if (ids.length > 10_000)
    throw new AppError("VALIDATION", "Assign at most 10,000 findings at once.");
  if (opts.businessUnitId) {
    const bu = await db.businessUnit.count({
      where: { id: opts.businessUnitId, tenantId: scope.tenantId },
    });
    if (bu === 0) throw new AppError("NOT_FOUND", "No such business unit.");
  }
  if (opts.ownerUserId) {
    const member = await db.membership.count({
      where: { tenantId: scope.tenantId, userId: opts.ownerUserId },
    });
    if (member === 0) throw new AppError("NOT_FOUND", "The owner is not a member of this tenant.");
  }
  const t = Prisma.sql`${scope.tenantId}::uuid`;
  const where = Prisma.sql`f."tenantId" = ${t} AND f.id = ANY(${ids}::uuid[])`;
  return db.$transaction(async (tx) => {
    if (opts.automatic) {
      await tx.$executeRaw(
        Prisma.sql`UPDATE "Finding" f SET "ownerResolution" = NULL WHERE ${where}`,
      );
      const r = await resolveOwners({
        tx,
        tenantId: scope.tenantId,
        where: Prisma.sql`f.id = ANY(${ids}::uuid[])`,
        events: { cause: "user", actorUserId: scope.userId, at: now },
      });
      return { updated: r.updated };
    }
    const rows = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`
      WITH upd AS (
        UPDATE "Finding" f
           SET "businessUnitId" = COALESCE(${opts.businessUnitId ?? null}::uuid, f."businessUnitId"),
               "ownerUserId" = ${opts.ownerUserId === undefined ? Prisma.sql`f."ownerUserId"` : Prisma.sql`${opts.ownerUserId}::uuid`},
               "ownerResolution" = jsonb_build_object('step', 'MANUAL', 'byUserId', ${scope.userId}::text, 'at', ${now.toISOString()}::text)
          FROM "Finding" old
         WHERE old.id = f.id AND ${where}
        RETURNING f.id, old."businessUnitId" AS old_bu, old."ownerUserId" AS old_owner, f."businessUnitId" AS bu, f."ownerUserId" AS owner
      ), ev AS (
        INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "actorUserId", data, at)
        SELECT ${t}, id, 'ASSIGNED', 'user', ${scope.userId}::uuid,
               jsonb_build_object('fromBusinessUnitId', old_bu, 'toBusinessUnitId', bu,
                                  'fromOwnerUserId', old_owner, 'toOwnerUserId', owner, 'resolution', 'MANUAL'),
               ${now}::timestamp
          FROM upd RETURNING 1
      ) SELECT count(*)::int AS n FROM ev`);
    return { updated: rows[0]?.n ?? 0 };
  });
}
