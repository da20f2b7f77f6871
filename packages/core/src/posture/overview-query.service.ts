import { Prisma, type TDb } from "@guardrail/db";
import { findRule } from "@guardrail/rules";
import { authorize } from "../auth/roles";
import type { TTenantScope } from "../common/tenant-scope";
import { listOwnedBusinessUnitIds } from "../suppressions/suppression.service";
import {
  defaultTrendTarget,
  getPostureTrend,
  type TTrendDay,
  type TTrendTarget,
} from "./trends-query.service";

export interface TRiskRow {
  id: string;
  name: string;
  score: number;
  openCritical: number;
  openHigh: number;
  open: number;
}

export interface TFailingRule {
  ruleId: string;
  title: string;
  severity: string | null;
  open: number;
  openCritical: number;
  openHigh: number;
}

export interface TPostureOverview {
  /** whose posture: the tenant, or a BU_OWNER's first business unit; null when a BU_OWNER owns none */
  target: TTrendTarget | null;
  /** the latest snapshot (null: no snapshot yet, the first scan is pending) */
  latest: TTrendDay | null;
  /** the last 30 days, oldest first */
  series: TTrendDay[];
  /** findings opened (or reopened) and resolved over the last 7 days */
  week: { newCount: number; resolvedCount: number };
  topFailingRules: TFailingRule[];
  riskiestAccounts: TRiskRow[];
  riskiestBusinessUnits: TRiskRow[];
}

const WEIGHT = Prisma.sql`(10 * "openCritical" + 5 * "openHigh" + 3 * "openMedium" + "openLow")`;

/**
 * The overview's posture figures: the latest score and its 30-day series, new vs resolved this
 * week, the rules with the most (severity-weighted) open findings, and the accounts and
 * business units with the lowest score — all from the latest day's PostureSnapshot rows (one
 * unique-index lookup per scope type). A BU_OWNER sees their business units only.
 */
export async function getPostureOverview(opts: {
  db: TDb;
  scope: TTenantScope;
  now: Date;
}): Promise<TPostureOverview> {
  const { db, scope, now } = opts;
  authorize(scope, "trends.read");
  const target = await defaultTrendTarget({ db, scope });
  if (!target) {
    return {
      target: null,
      latest: null,
      series: [],
      week: { newCount: 0, resolvedCount: 0 },
      topFailingRules: [],
      riskiestAccounts: [],
      riskiestBusinessUnits: [],
    };
  }
  const trend = await getPostureTrend({ db, scope, range: "30d", target, now, withMttr: false });
  const latest = trend.days.at(-1) ?? null;
  const weekStart = new Date(Date.parse(trend.to) - 6 * 86_400_000).toISOString().slice(0, 10);
  const week = trend.days
    .filter((d) => d.day >= weekStart)
    .reduce(
      (acc, d) => ({
        newCount: acc.newCount + d.newCount,
        resolvedCount: acc.resolvedCount + d.resolvedCount,
      }),
      { newCount: 0, resolvedCount: 0 },
    );
  const t = Prisma.sql`${scope.tenantId}::uuid`;
  const owned = scope.role === "BU_OWNER" ? await listOwnedBusinessUnitIds(db, scope) : null;

  let topFailingRules: TFailingRule[];
  let riskiestAccounts: TRiskRow[] = [];
  let riskiestBusinessUnits: TRiskRow[];
  if (owned) {
    const ids = owned.length ? owned : ["00000000-0000-0000-0000-000000000000"];
    const buIds = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
    const rules = await db.$queryRaw<
      { rule_id: string; open: number; crit: number; high: number }[]
    >(Prisma.sql`
      SELECT "ruleId" AS rule_id, count(*)::int AS open,
             count(*) FILTER (WHERE severity = 'CRITICAL')::int AS crit,
             count(*) FILTER (WHERE severity = 'HIGH')::int AS high
        FROM "Finding" WHERE "tenantId" = ${t} AND status = 'OPEN' AND "businessUnitId" IN (${buIds})
       GROUP BY 1
       ORDER BY sum(CASE severity WHEN 'CRITICAL' THEN 10 WHEN 'HIGH' THEN 5 WHEN 'MEDIUM' THEN 3 WHEN 'LOW' THEN 1 ELSE 0 END) DESC, 1
       LIMIT 5`);
    topFailingRules = rules.map((r) => failingRule(r.rule_id, r.open, r.crit, r.high));
    riskiestBusinessUnits = await latestRisk(db, scope.tenantId, "BUSINESS_UNIT", ids);
  } else {
    const rules = await db.$queryRaw<
      {
        scope_id: string;
        crit: number;
        high: number;
        open: number;
      }[]
    >(Prisma.sql`
      SELECT "scopeId" AS scope_id, "openCritical" AS crit, "openHigh" AS high,
             ("openCritical" + "openHigh" + "openMedium" + "openLow" + "openInfo")::int AS open
        FROM "PostureSnapshot"
       WHERE "tenantId" = ${t} AND "scopeType" = 'RULE' AND day = ${latestDay(scope.tenantId)}
         AND ("openCritical" + "openHigh" + "openMedium" + "openLow" + "openInfo") > 0
       ORDER BY ${WEIGHT} DESC, "scopeId" LIMIT 5`);
    topFailingRules = rules.map((r) => failingRule(r.scope_id, r.open, r.crit, r.high));
    [riskiestAccounts, riskiestBusinessUnits] = await Promise.all([
      latestRisk(db, scope.tenantId, "ACCOUNT", null),
      latestRisk(db, scope.tenantId, "BUSINESS_UNIT", null),
    ]);
  }
  return {
    target,
    latest,
    series: trend.days,
    week,
    topFailingRules,
    riskiestAccounts,
    riskiestBusinessUnits,
  };
}

function failingRule(ruleId: string, open: number, crit: number, high: number): TFailingRule {
  const rule = findRule(ruleId);
  return {
    ruleId,
    title: rule?.title ?? ruleId,
    severity: rule?.severity ?? null,
    open,
    openCritical: crit,
    openHigh: high,
  };
}

/** The tenant's latest snapshot day, as a scalar subquery on the unique index. */
function latestDay(tenantId: string): Prisma.Sql {
  return Prisma.sql`(SELECT max(day) FROM "PostureSnapshot" WHERE "tenantId" = ${tenantId}::uuid AND "scopeType" = 'TENANT' AND "scopeId" = '')`;
}

async function latestRisk(
  db: TDb,
  tenantId: string,
  type: "ACCOUNT" | "BUSINESS_UNIT",
  only: string[] | null,
): Promise<TRiskRow[]> {
  const t = Prisma.sql`${tenantId}::uuid`;
  const rows = await db.$queryRaw<
    { id: string; score: number; crit: number; high: number; open: number }[]
  >(Prisma.sql`
    SELECT DISTINCT ON ("scopeId") "scopeId" AS id, score, "openCritical" AS crit, "openHigh" AS high,
           ("openCritical" + "openHigh" + "openMedium" + "openLow" + "openInfo")::int AS open
      FROM "PostureSnapshot"
     WHERE "tenantId" = ${t} AND "scopeType" = ${type}::"SnapshotScope"
       ${only ? Prisma.sql`AND "scopeId" IN (${Prisma.join(only)})` : Prisma.sql`AND day = ${latestDay(tenantId)}`}
     ORDER BY "scopeId", day DESC`);
  const ranked = rows
    .sort((a, b) => a.score - b.score || b.crit - a.crit || b.open - a.open)
    .slice(0, 5);
  const names = new Map<string, string>();
  if (type === "ACCOUNT") {
    const accounts = await db.awsAccount.findMany({
      where: { tenantId, accountId: { in: ranked.map((r) => r.id) } },
      select: { accountId: true, name: true },
    });
    for (const a of accounts) names.set(a.accountId, a.name);
  } else {
    const units = await db.businessUnit.findMany({
      where: { tenantId, id: { in: ranked.map((r) => r.id) } },
      select: { id: true, name: true },
    });
    for (const u of units) names.set(u.id, u.name);
  }
  return ranked.map((r) => ({
    id: r.id,
    name: names.get(r.id) ?? r.id,
    score: r.score,
    openCritical: r.crit,
    openHigh: r.high,
    open: r.open,
  }));
}
