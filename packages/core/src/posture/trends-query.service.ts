import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { AppError } from "../common/app-error";
import { authorize } from "../auth/roles";
import type { TTenantScope } from "../common/tenant-scope";
import { listOwnedBusinessUnitIds } from "../suppressions/suppression.service";

export const TREND_RANGES = ["30d", "90d", "365d"] as const;
export const ZTrendRange = z.enum(TREND_RANGES);
export type TTrendRange = z.infer<typeof ZTrendRange>;

export const TREND_TARGET_TYPES = ["TENANT", "OU", "BUSINESS_UNIT", "ACCOUNT"] as const;
/** Whose trend: the tenant, one OU (every account beneath it), business unit or account. */
export const ZTrendTarget = z.discriminatedUnion("type", [
  z.object({ type: z.literal("TENANT") }),
  z.object({ type: z.literal("OU"), id: z.string().regex(/^(r|ou)-[0-9a-z-]{1,64}$/) }),
  z.object({ type: z.literal("BUSINESS_UNIT"), id: z.string().uuid() }),
  z.object({ type: z.literal("ACCOUNT"), id: z.string().regex(/^\d{12}$/) }),
]);
export type TTrendTarget = z.infer<typeof ZTrendTarget>;

export const TREND_SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"] as const;
export type TTrendSeverity = (typeof TREND_SEVERITIES)[number];

export interface TTrendDay {
  /** YYYY-MM-DD (UTC) */
  day: string;
  score: number;
  coverage: number;
  openCritical: number;
  openHigh: number;
  openMedium: number;
  openLow: number;
  openInfo: number;
  newCount: number;
  resolvedCount: number;
  slaBreached: number;
  /** the scope was not scanned that day: its last known figures were carried forward */
  carriedForward: boolean;
}

export interface TTrendWeek {
  /** Monday of the ISO week, YYYY-MM-DD */
  week: string;
  newCount: number;
  resolvedCount: number;
}

export interface TMttr {
  severity: TTrendSeverity;
  /** findings resolved in the range */
  resolved: number;
  /** mean days from first seen to resolved; null when none was resolved */
  meanDays: number | null;
}

export interface TPostureTrend {
  range: TTrendRange;
  target: TTrendTarget;
  from: string;
  to: string;
  days: TTrendDay[];
  weeks: TTrendWeek[];
  mttr: TMttr[];
}

const RANGE_DAYS: Record<TTrendRange, number> = { "30d": 30, "90d": 90, "365d": 365 };

function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** First and last day (inclusive) of a range ending today. */
export function trendWindow(range: TTrendRange, now: Date): { from: Date; to: Date } {
  const to = utcDay(now);
  return { from: new Date(to.getTime() - (RANGE_DAYS[range] - 1) * 86_400_000), to };
}

/**
 * What a scope may see of trends: everyone with `trends.read` sees the tenant; a BU_OWNER only
 * the business units they own (their default target is the first of them).
 */
async function resolveTrendAccess(
  db: TDb,
  scope: TTenantScope,
): Promise<{ ownedBusinessUnits: string[] | null }> {
  authorize(scope, "trends.read");
  if (scope.role !== "BU_OWNER") return { ownedBusinessUnits: null };
  return { ownedBusinessUnits: await listOwnedBusinessUnitIds(db, scope) };
}

function assertTargetAllowed(target: TTrendTarget, owned: string[] | null): void {
  if (owned === null) return;
  if (target.type !== "BUSINESS_UNIT" || !owned.includes(target.id)) {
    throw new AppError(
      "FORBIDDEN",
      "A business-unit owner sees the trends of their own business units only.",
    );
  }
}

/** The default target: the tenant, or a BU_OWNER's first business unit (null: owns none). */
export async function defaultTrendTarget(opts: {
  db: TDb;
  scope: TTenantScope;
}): Promise<TTrendTarget | null> {
  const { ownedBusinessUnits } = await resolveTrendAccess(opts.db, opts.scope);
  if (ownedBusinessUnits === null) return { type: "TENANT" };
  const first = await opts.db.businessUnit.findFirst({
    where: { tenantId: opts.scope.tenantId, id: { in: ownedBusinessUnits } },
    orderBy: { name: "asc" },
    select: { id: true },
  });
  return first ? { type: "BUSINESS_UNIT", id: first.id } : null;
}

/**
 * The posture trend of one target over 30, 90 or 365 days, read from the daily
 * PostureSnapshot rows (carry-forward already applied when they were written): score,
 * coverage, open findings by severity, SLA breaches per day; new vs resolved per ISO week
 * (summed in SQL); mean time to remediate per severity over the findings resolved in the
 * range, from the daily RemediationStat aggregates. Every query runs on a
 * (tenantId, scopeType, scopeId, day) index: a year costs what a month costs.
 */
export async function getPostureTrend(opts: {
  db: TDb;
  scope: TTenantScope;
  range: TTrendRange;
  target: TTrendTarget;
  now: Date;
  /** false: skip the mean time to remediate */
  withMttr?: boolean;
}): Promise<TPostureTrend> {
  const { db, scope, range } = opts;
  const { ownedBusinessUnits } = await resolveTrendAccess(db, scope);
  const parsedTarget = ZTrendTarget.safeParse(opts.target);
  if (!parsedTarget.success || !ZTrendRange.safeParse(range).success) {
    throw new AppError(
      "VALIDATION",
      "Choose a range of 30d, 90d or 365d and a valid OU, business unit or account.",
    );
  }
  const target = parsedTarget.data;
  assertTargetAllowed(target, ownedBusinessUnits);
  const { from, to } = trendWindow(range, opts.now);
  const t = Prisma.sql`${scope.tenantId}::uuid`;
  const scopeId = target.type === "TENANT" ? "" : target.id;
  const window = Prisma.sql`"tenantId" = ${t} AND "scopeType" = ${target.type}::"SnapshotScope"
    AND "scopeId" = ${scopeId} AND day >= ${from}::date AND day <= ${to}::date`;
  const [days, weeks, mttr] = await Promise.all([
    db.$queryRaw<(Omit<TTrendDay, "day"> & { day: Date })[]>(Prisma.sql`
      SELECT day, score, coverage, "openCritical", "openHigh", "openMedium", "openLow", "openInfo",
             "newCount", "resolvedCount", "slaBreached", "carriedForward"
        FROM "PostureSnapshot" WHERE ${window} ORDER BY day`),
    db.$queryRaw<{ week: Date; new_count: number; resolved_count: number }[]>(Prisma.sql`
      SELECT date_trunc('week', day)::date AS week, sum("newCount")::int AS new_count,
             sum("resolvedCount")::int AS resolved_count
        FROM "PostureSnapshot" WHERE ${window} GROUP BY 1 ORDER BY 1`),
    opts.withMttr === false
      ? Promise.resolve([])
      : db.$queryRaw<
          { severity: TTrendSeverity; resolved: number; mean_days: number | null }[]
        >(Prisma.sql`
      SELECT severity::text AS severity, sum("resolvedCount")::int AS resolved,
             (sum("resolvedDaysSum") / NULLIF(sum("resolvedCount"), 0))::float8 AS mean_days
        FROM "RemediationStat" WHERE ${window}
       GROUP BY 1`),
  ]);
  const mttrBySeverity = new Map(mttr.map((m) => [m.severity, m]));
  return {
    range,
    target,
    from: isoDay(from),
    to: isoDay(to),
    days: days.map((d) => ({ ...d, day: isoDay(d.day) })),
    weeks: weeks.map((w) => ({
      week: isoDay(w.week),
      newCount: w.new_count,
      resolvedCount: w.resolved_count,
    })),
    mttr: TREND_SEVERITIES.map((severity) => {
      const m = mttrBySeverity.get(severity);
      return {
        severity,
        resolved: m?.resolved ?? 0,
        meanDays:
          m?.mean_days === null || m?.mean_days === undefined
            ? null
            : Math.round(m.mean_days * 10) / 10,
      };
    }),
  };
}

export interface TTrendTargetOption {
  type: TTrendTarget["type"];
  id: string;
  label: string;
}

/** What the trend selector offers: the tenant, OUs, business units and accounts (a BU_OWNER: their business units). */
export async function listTrendTargets(opts: {
  db: TDb;
  scope: TTenantScope;
}): Promise<TTrendTargetOption[]> {
  const { db, scope } = opts;
  const { ownedBusinessUnits } = await resolveTrendAccess(db, scope);
  const tenantId = scope.tenantId;
  const units = await db.businessUnit.findMany({
    where: { tenantId, ...(ownedBusinessUnits ? { id: { in: ownedBusinessUnits } } : {}) },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const buOptions = units.map((u) => ({ type: "BUSINESS_UNIT" as const, id: u.id, label: u.name }));
  if (ownedBusinessUnits) return buOptions;
  const [ous, accounts] = await Promise.all([
    db.organizationalUnit.findMany({
      where: { tenantId, deletedAt: null },
      select: { ouId: true, name: true, isRoot: true },
      orderBy: [{ isRoot: "desc" }, { name: "asc" }],
    }),
    db.awsAccount.findMany({
      where: { tenantId, removedAt: null },
      select: { accountId: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return [
    { type: "TENANT", id: "", label: "Whole organization" },
    ...ous.map((o) => ({
      type: "OU" as const,
      id: o.ouId,
      label: o.isRoot ? `${o.name} (root)` : o.name,
    })),
    ...buOptions,
    ...accounts.map((a) => ({
      type: "ACCOUNT" as const,
      id: a.accountId,
      label: `${a.name} (${a.accountId})`,
    })),
  ];
}

export interface TBusinessUnitLeagueRow {
  businessUnitId: string;
  name: string;
  /** latest snapshot day of the business unit; null: no snapshot yet */
  day: string | null;
  score: number | null;
  openCritical: number;
  openHigh: number;
  slaBreached: number;
  /** mean days to remediate over the findings resolved in the range; null when none */
  mttrDays: number | null;
  /** score change since the first snapshot in the range */
  scoreChange: number | null;
}

/**
 * A league table of business units: latest score, open critical/high, SLA breaches (from each
 * business unit's latest snapshot, one DISTINCT ON over the snapshot index), score change over
 * the range and mean time to remediate. Worst score first. A BU_OWNER sees their own only.
 */
export async function getBusinessUnitLeague(opts: {
  db: TDb;
  scope: TTenantScope;
  range: TTrendRange;
  now: Date;
}): Promise<TBusinessUnitLeagueRow[]> {
  const { db, scope } = opts;
  const { ownedBusinessUnits } = await resolveTrendAccess(db, scope);
  if (!ZTrendRange.safeParse(opts.range).success) {
    throw new AppError("VALIDATION", "Choose a range of 30d, 90d or 365d.");
  }
  const { from, to } = trendWindow(opts.range, opts.now);
  const t = Prisma.sql`${scope.tenantId}::uuid`;
  const units = await db.businessUnit.findMany({
    where: {
      tenantId: scope.tenantId,
      ...(ownedBusinessUnits ? { id: { in: ownedBusinessUnits } } : {}),
    },
    select: { id: true, name: true },
  });
  if (units.length === 0) return [];
  const ids = units.map((u) => u.id);
  const [latest, first, mttr] = await Promise.all([
    db.$queryRaw<
      { scope_id: string; day: Date; score: number; crit: number; high: number; sla: number }[]
    >(Prisma.sql`
      SELECT DISTINCT ON ("scopeId") "scopeId" AS scope_id, day, score, "openCritical" AS crit,
             "openHigh" AS high, "slaBreached" AS sla
        FROM "PostureSnapshot"
       WHERE "tenantId" = ${t} AND "scopeType" = 'BUSINESS_UNIT' AND "scopeId" IN (${Prisma.join(ids)})
         AND day <= ${to}::date
       ORDER BY "scopeId", day DESC`),
    db.$queryRaw<{ scope_id: string; score: number }[]>(Prisma.sql`
      SELECT DISTINCT ON ("scopeId") "scopeId" AS scope_id, score
        FROM "PostureSnapshot"
       WHERE "tenantId" = ${t} AND "scopeType" = 'BUSINESS_UNIT' AND "scopeId" IN (${Prisma.join(ids)})
         AND day >= ${from}::date AND day <= ${to}::date
       ORDER BY "scopeId", day ASC`),
    db.$queryRaw<{ bu: string; mean_days: number }[]>(Prisma.sql`
      SELECT "scopeId" AS bu, (sum("resolvedDaysSum") / NULLIF(sum("resolvedCount"), 0))::float8 AS mean_days
        FROM "RemediationStat"
       WHERE "tenantId" = ${t} AND "scopeType" = 'BUSINESS_UNIT' AND "scopeId" IN (${Prisma.join(ids)})
         AND day >= ${from}::date AND day <= ${to}::date
       GROUP BY 1 HAVING sum("resolvedCount") > 0`),
  ]);
  const latestBy = new Map(latest.map((r) => [r.scope_id, r]));
  const firstBy = new Map(first.map((r) => [r.scope_id, r.score]));
  const mttrBy = new Map(mttr.map((r) => [r.bu, r.mean_days]));
  const rows = units.map((u): TBusinessUnitLeagueRow => {
    const l = latestBy.get(u.id);
    const start = firstBy.get(u.id);
    const m = mttrBy.get(u.id);
    return {
      businessUnitId: u.id,
      name: u.name,
      day: l ? isoDay(l.day) : null,
      score: l?.score ?? null,
      openCritical: l?.crit ?? 0,
      openHigh: l?.high ?? 0,
      slaBreached: l?.sla ?? 0,
      mttrDays: m === undefined ? null : Math.round(m * 10) / 10,
      scoreChange: l && start !== undefined ? Math.round((l.score - start) * 10) / 10 : null,
    };
  });
  return rows.sort(
    (a, b) =>
      (a.score ?? 101) - (b.score ?? 101) ||
      b.openCritical - a.openCritical ||
      a.name.localeCompare(b.name),
  );
}
