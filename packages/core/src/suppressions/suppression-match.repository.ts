import { Prisma } from "@guardrail/db";
import { sqlAccountOuChain } from "../business-units/account-ou-chain";
import type { TSqlExecutor } from "../findings/sql-executor";

/**
 * The SQL condition "suppression `s` covers finding `f`" (resource `r` joined for tags; the
 * `account_ou` CTE of `sqlAccountOuChain` in scope for OU suppressions, any depth).
 */
export const SQL_SUPPRESSION_MATCHES = Prisma.sql`(
  (s.scope = 'RULE' AND f."ruleId" = s."ruleId")
  OR (s.scope = 'RULE_IN_ACCOUNT' AND f."ruleId" = s."ruleId" AND f."accountId" = s."accountId")
  OR (s.scope = 'RULE_IN_OU' AND f."ruleId" = s."ruleId"
      AND EXISTS (SELECT 1 FROM account_ou c WHERE c.account_id = f."accountId" AND c.ou_id = s."ouId"))
  OR (s.scope = 'RESOURCE' AND f."resourceId" = s."resourceId" AND (s."ruleId" IS NULL OR f."ruleId" = s."ruleId"))
  OR (s.scope = 'TAG' AND r.tags ? s."tagKey" AND (s."tagValue" IS NULL OR r.tags->>s."tagKey" = s."tagValue")
      AND (s."ruleId" IS NULL OR f."ruleId" = s."ruleId"))
)`;

export interface TApplySuppressionsOptions {
  tx: TSqlExecutor;
  tenantId: string;
  now: Date;
  /** Extra predicate on the findings (alias `f`) and/or suppressions (alias `s`). */
  where?: Prisma.Sql;
  cause: string;
  actorUserId?: string | null;
  scanId?: string | null;
}

/**
 * Moves OPEN findings covered by an ACTIVE, unexpired suppression to SUPPRESSED (the oldest
 * matching suppression wins), one SUPPRESSED event each. Returns how many moved.
 */
export async function applyActiveSuppressions(opts: TApplySuppressionsOptions): Promise<number> {
  const { tx, tenantId, now } = opts;
  const t = Prisma.sql`${tenantId}::uuid`;
  const active = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM "Suppression"
     WHERE "tenantId" = ${t} AND status = 'ACTIVE' AND "revokedAt" IS NULL AND "expiresAt" > ${now}::timestamp`);
  if ((active[0]?.n ?? 0) === 0) return 0;
  const rows = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`
    WITH RECURSIVE account_ou AS (${sqlAccountOuChain(tenantId)}),
    m AS (
      SELECT DISTINCT ON (f.id) f.id AS finding_id, s.id AS suppression_id, s.reason::text AS reason
        FROM "Finding" f
        JOIN "Suppression" s ON s."tenantId" = ${t} AND s.status = 'ACTIVE' AND s."revokedAt" IS NULL
                            AND s."expiresAt" > ${now}::timestamp
        LEFT JOIN "Resource" r ON r.id = f."resourceId" AND r."tenantId" = ${t}
       WHERE f."tenantId" = ${t} AND f.status = 'OPEN' AND ${SQL_SUPPRESSION_MATCHES}
         AND (${opts.where ?? Prisma.sql`true`})
       ORDER BY f.id, s."createdAt", s.id
    ),
    upd AS (
      UPDATE "Finding" f SET status = 'SUPPRESSED', "suppressionId" = m.suppression_id
        FROM m WHERE f.id = m.finding_id AND f.status = 'OPEN'
      RETURNING f.id, m.suppression_id, m.reason
    ),
    ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "actorUserId", "scanId", data, at)
      SELECT ${t}, u.id, 'SUPPRESSED', ${opts.cause}, ${opts.actorUserId ?? null}::uuid,
             ${opts.scanId ?? null}::uuid,
             jsonb_build_object('suppressionId', u.suppression_id, 'reason', u.reason), ${now}::timestamp
        FROM upd u RETURNING 1
    )
    SELECT count(*)::int AS n FROM ev`);
  return rows[0]?.n ?? 0;
}

/**
 * Moves SUPPRESSED findings matching `where` back to OPEN (UNSUPPRESSED event with `cause`),
 * then lets any other active suppression that still covers them take over.
 */
export async function releaseSuppressedFindings(opts: {
  tx: TSqlExecutor;
  tenantId: string;
  now: Date;
  where: Prisma.Sql;
  cause: string;
  actorUserId?: string | null;
}): Promise<{ reopened: number; resuppressed: number; findingIds: string[] }> {
  const { tx, tenantId, now } = opts;
  const t = Prisma.sql`${tenantId}::uuid`;
  const released = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f SET status = 'OPEN', "suppressionId" = NULL
        FROM "Finding" old
       WHERE old.id = f.id AND f."tenantId" = ${t} AND f.status = 'SUPPRESSED' AND (${opts.where})
      RETURNING f.id, old."suppressionId" AS suppression_id
    ),
    ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "actorUserId", data, at)
      SELECT ${t}, u.id, 'UNSUPPRESSED', ${opts.cause}, ${opts.actorUserId ?? null}::uuid,
             jsonb_build_object('suppressionId', u.suppression_id), ${now}::timestamp
        FROM upd u RETURNING 1
    )
    SELECT id::text AS id FROM upd`);
  const ids = released.map((r) => r.id);
  if (ids.length === 0) return { reopened: 0, resuppressed: 0, findingIds: [] };
  const resuppressed = await applyActiveSuppressions({
    tx,
    tenantId,
    now,
    cause: "suppression",
    actorUserId: opts.actorUserId ?? null,
    where: Prisma.sql`f.id = ANY(${ids}::uuid[])`,
  });
  return { reopened: ids.length - resuppressed, resuppressed, findingIds: ids };
}
