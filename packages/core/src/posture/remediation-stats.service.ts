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
  // A long range (a backfill) runs month by month: each window is one short transaction.
  let rows = 0;
  const last = utcDay(opts.to).getTime();
  for (let start = utcDay(opts.from).getTime(); start <= last; start += WINDOW_DAYS * 86_400_000) {
    const end = Math.min(start + (WINDOW_DAYS - 1) * 86_400_000, last);
    rows += await computeWindow(opts.db, opts.tenantId, new Date(start), new Date(end));
  }
  return { rows };
}

const WINDOW_DAYS = 31;

async function computeWindow(
  db: TDb,
  tenantId: string,
  fromDay: Date,
  toDay: Date,
): Promise<number> {
  const from = fromDay;
  const end = new Date(toDay.getTime() + 86_400_000);
  const t = Prisma.sql`${tenantId}::uuid`;
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw(Prisma.sql`
      DELETE FROM "RemediationStat"
       WHERE "tenantId" = ${t} AND day >= ${from}::date AND day < ${end}::date`);
      return tx.$executeRaw(Prisma.sql`
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
        FROM scoped GROUP BY day, scope_type, scope_id, severity`);
    },
    // A month of a large tenant's resolved findings can take longer than the default 5 s.
    { timeout: 120_000 },
  );
}
