import { Prisma, type TDb } from "@guardrail/db";
import { sqlAccountOuChain } from "../business-units/account-ou-chain";

function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * Writes the daily remediation aggregates of a tenant for the UTC days `from`…`to` (inclusive):
 * per day of `resolvedAt`, scope (tenant, account, every OU above the account, business unit)
 * and severity, how many findings were resolved and the sum of their days open (first seen →
 * resolved). Mean time to remediate over any range is then Σ days ÷ Σ resolved over a few
 * hundred rows instead of a scan of every resolved finding. Re-running a range replaces its
 * rows (a finding reopened since is no longer counted). One set-based INSERT … SELECT.
 */
export async function computeRemediationStats(opts: {
  db: TDb;
  tenantId: string;
  from: Date;
  to: Date;
}): Promise<{ rows: number }> {
  const { db, tenantId } = opts;
  const from = utcDay(opts.from);
  const end = new Date(utcDay(opts.to).getTime() + 86_400_000);
  const t = Prisma.sql`${tenantId}::uuid`;
  const [, rows] = await db.$transaction([
    db.$executeRaw(Prisma.sql`
      DELETE FROM "RemediationStat"
       WHERE "tenantId" = ${t} AND day >= ${from}::date AND day < ${end}::date`),
    db.$executeRaw(Prisma.sql`
      WITH RECURSIVE account_ou AS (${sqlAccountOuChain(tenantId)}),
      res AS (
        SELECT f."resolvedAt"::date AS day, f.severity, f."accountId" AS account_id,
               f."businessUnitId"::text AS bu,
               GREATEST(EXTRACT(EPOCH FROM (f."resolvedAt" - f."firstSeenAt")), 0) / 86400 AS days
          FROM "Finding" f
         WHERE f."tenantId" = ${t} AND f.status = 'RESOLVED'
           AND f."resolvedAt" >= ${from}::timestamp AND f."resolvedAt" < ${end}::timestamp
      ),
      scoped AS (
        SELECT day, severity, 'TENANT' AS scope_type, '' AS scope_id, days FROM res
        UNION ALL SELECT day, severity, 'ACCOUNT', account_id, days FROM res
        UNION ALL SELECT day, severity, 'BUSINESS_UNIT', bu, days FROM res WHERE bu IS NOT NULL
        UNION ALL SELECT r.day, r.severity, 'OU', c.ou_id, r.days
          FROM res r JOIN (SELECT DISTINCT account_id, ou_id FROM account_ou) c ON c.account_id = r.account_id
      )
      INSERT INTO "RemediationStat" ("tenantId", day, "scopeType", "scopeId", severity, "resolvedCount", "resolvedDaysSum")
      SELECT ${t}, day, scope_type::"SnapshotScope", scope_id, severity, count(*)::int, sum(days)::float8
        FROM scoped GROUP BY day, scope_type, scope_id, severity`),
  ]);
  return { rows };
}
