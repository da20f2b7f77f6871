import { Prisma, type TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import type { TTenantScope } from "../common/tenant-scope";
import { sqlAccountOuChain } from "../business-units/account-ou-chain";
import type { TEvaluationCount } from "../findings/apply-evaluation.service";
import { readRuleEvaluationCounts } from "../findings/rule-evaluation-count.repository";
import { combineScores, scoreEvaluationCounts } from "./score";

type TScopeType = "TENANT" | "OU" | "BUSINESS_UNIT" | "ACCOUNT" | "RULE";

export interface TSnapshotRow {
  scopeType: TScopeType;
  scopeId: string;
  score: number;
  coverage: number;
  openCritical: number;
  openHigh: number;
  openMedium: number;
  openLow: number;
  openInfo: number;
  newCount: number;
  resolvedCount: number;
  passCount: number;
  failCount: number;
  unableCount: number;
  slaBreached: number;
  carriedForward: boolean;
}

interface TStats {
  key: string;
  critical: number;
  high: number;
  medium: number;
  low: number;
  info: number;
  sla: number;
  new_count: number;
  resolved_count: number;
}

export interface TComputeSnapshotsOptions {
  db: TDb;
  tenantId: string;
  /** Any instant of the UTC day to snapshot. */
  day: Date;
  /**
   * The day's evaluation counts (`applyEvaluation(...).counts`, concatenated over the day's
   * evaluations). When omitted, the persisted RuleEvaluationCount rows evaluated before the
   * end of the day are used (accounts evaluated that day count as scanned). Accounts without
   * counts keep the pass / fail / unable counts already recorded for the day, else carry their
   * last known snapshot forward.
   */
  evaluation?: readonly TEvaluationCount[];
  now?: Date;
}

const ZERO = {
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  info: 0,
  sla: 0,
  new_count: 0,
  resolved_count: 0,
};

function utcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/**
 * Writes the day's PostureSnapshot rows for the tenant, every account, OU (all accounts
 * beneath it), business unit and rule: open findings by severity, findings opened/reopened and
 * resolved that day, SLA breaches (open past their due date at the end of the day), pass /
 * fail / unable counts, score and coverage. Accounts not scanned that day carry their last
 * snapshot forward (`carriedForward`), so totals never dip because of scan timing. Re-running
 * a day replaces that day's rows (never double counts).
 */
export async function computeSnapshots(
  opts: TComputeSnapshotsOptions,
): Promise<{ rows: number; carriedForward: number }> {
  const { db, tenantId } = opts;
  const start = utcDay(opts.day);
  const end = new Date(start.getTime() + 86_400_000);
  const t = Prisma.sql`${tenantId}::uuid`;
  const range = Prisma.sql`e.at >= ${start}::timestamp AND e.at < ${end}::timestamp`;

  const statsBy = (column: Prisma.Sql) =>
    db.$queryRaw<TStats[]>(Prisma.sql`
      WITH ev AS (
        SELECT e."findingId", count(*) FILTER (WHERE e.type IN ('OPENED', 'REOPENED'))::int AS n_new,
               count(*) FILTER (WHERE e.type = 'RESOLVED')::int AS n_resolved
          FROM "FindingEvent" e
         WHERE e."tenantId" = ${t} AND ${range} AND e.type IN ('OPENED', 'REOPENED', 'RESOLVED')
         GROUP BY e."findingId"
      )
      SELECT ${column}::text AS key,
             count(*) FILTER (WHERE f.status = 'OPEN' AND f.severity = 'CRITICAL')::int AS critical,
             count(*) FILTER (WHERE f.status = 'OPEN' AND f.severity = 'HIGH')::int AS high,
             count(*) FILTER (WHERE f.status = 'OPEN' AND f.severity = 'MEDIUM')::int AS medium,
             count(*) FILTER (WHERE f.status = 'OPEN' AND f.severity = 'LOW')::int AS low,
             count(*) FILTER (WHERE f.status = 'OPEN' AND f.severity = 'INFO')::int AS info,
             count(*) FILTER (WHERE f.status = 'OPEN' AND f."dueAt" < ${end}::timestamp)::int AS sla,
             COALESCE(sum(ev.n_new), 0)::int AS new_count,
             COALESCE(sum(ev.n_resolved), 0)::int AS resolved_count
        FROM "Finding" f LEFT JOIN ev ON ev."findingId" = f.id
       WHERE f."tenantId" = ${t} AND ${column} IS NOT NULL
       GROUP BY 1`);

  const [byAccount, byBu, byRule, accounts, chain, scannedRows, todays, previous, buAccounts] =
    await Promise.all([
      statsBy(Prisma.sql`f."accountId"`),
      statsBy(Prisma.sql`f."businessUnitId"`),
      statsBy(Prisma.sql`f."ruleId"`),
      db.awsAccount.findMany({ where: { tenantId }, select: { accountId: true } }),
      db.$queryRaw<{ account_id: string; ou_id: string }[]>(Prisma.sql`
      WITH RECURSIVE account_ou AS (${sqlAccountOuChain(tenantId)}) SELECT DISTINCT account_id, ou_id FROM account_ou`),
      db.$queryRaw<{ account_id: string }[]>(Prisma.sql`
      SELECT a."accountId" AS account_id FROM "AwsAccount" a
       WHERE a."tenantId" = ${t} AND a."lastScannedAt" >= ${start}::timestamp AND a."lastScannedAt" < ${end}::timestamp
      UNION
      SELECT DISTINCT f."accountId" FROM "FindingEvent" e JOIN "Finding" f ON f.id = e."findingId"
       WHERE e."tenantId" = ${t} AND f."tenantId" = ${t} AND ${range} AND e.cause IN ('scan', 'resource deleted')`),
      db.postureSnapshot.findMany({ where: { tenantId, day: start } }),
      db.$queryRaw<(TSnapshotRow & { day: Date })[]>(Prisma.sql`
      SELECT DISTINCT ON ("scopeType", "scopeId") "scopeType"::text AS "scopeType", "scopeId", day, score, coverage,
             "openCritical", "openHigh", "openMedium", "openLow", "openInfo", "newCount", "resolvedCount",
             "passCount", "failCount", "unableCount", "slaBreached", "carriedForward"
        FROM "PostureSnapshot"
       WHERE "tenantId" = ${t} AND day < ${start}::date AND "scopeType" IN ('ACCOUNT', 'RULE')
       ORDER BY "scopeType", "scopeId", day DESC`),
      db.$queryRaw<{ bu: string; account_id: string }[]>(Prisma.sql`
      SELECT DISTINCT "businessUnitId"::text AS bu, "accountId" AS account_id FROM "Finding"
       WHERE "tenantId" = ${t} AND "businessUnitId" IS NOT NULL AND status <> 'RESOLVED'`),
    ]);

  const persisted = opts.evaluation
    ? null
    : await readRuleEvaluationCounts({ db, tenantId, before: end });
  const evaluation: readonly TEvaluationCount[] = opts.evaluation ?? persisted ?? [];
  const evaluatedThatDay = opts.evaluation
    ? opts.evaluation.map((c) => c.accountId)
    : (persisted ?? []).filter((c) => c.evaluatedAt >= start).map((c) => c.accountId);
  const evalByAccount = groupBy(evaluation, (c) => c.accountId);
  const evalByRule = groupBy(evaluation, (c) => c.ruleId);
  const scanned = new Set([...scannedRows.map((r) => r.account_id), ...evaluatedThatDay]);
  const today = new Map(todays.map((r) => [`${r.scopeType}:${r.scopeId}`, r]));
  const prev = new Map(previous.map((r) => [`${r.scopeType}:${r.scopeId}`, r]));
  const accountStats = new Map(byAccount.map((s) => [s.key, s]));

  const rows: TSnapshotRow[] = [];
  const accountIds = new Set([
    ...accounts.map((a) => a.accountId),
    ...accountStats.keys(),
    ...evalByAccount.keys(),
  ]);
  const accountRows = new Map<string, TSnapshotRow>();
  for (const accountId of accountIds) {
    const last = prev.get(`ACCOUNT:${accountId}`);
    let row: TSnapshotRow;
    if (!scanned.has(accountId) && last) {
      row = { ...pickRow(last), newCount: 0, resolvedCount: 0, carriedForward: true };
    } else {
      const counts = evalByAccount.get(accountId);
      const known = today.get(`ACCOUNT:${accountId}`) ?? last;
      row = freshRow(
        "ACCOUNT",
        accountId,
        accountStats.get(accountId) ?? { key: accountId, ...ZERO },
        counts,
        known,
      );
      row.carriedForward = !scanned.has(accountId);
    }
    accountRows.set(accountId, row);
    rows.push(row);
  }

  rows.push(aggregate("TENANT", "", [...accountRows.values()]));
  const ouMembers = groupBy(chain, (c) => c.ou_id);
  for (const [ouId, members] of ouMembers) {
    rows.push(
      aggregate(
        "OU",
        ouId,
        members.flatMap((m) => accountRows.get(m.account_id) ?? []),
      ),
    );
  }
  const buMembers = groupBy(buAccounts, (b) => b.bu);
  for (const s of byBu) {
    const parts = (buMembers.get(s.key) ?? []).flatMap((m) => accountRows.get(m.account_id) ?? []);
    const combined = combineScores(parts);
    rows.push({
      ...statsRow("BUSINESS_UNIT", s.key, s),
      ...combined,
      passCount: sum(parts, (p) => p.passCount),
      failCount: sum(parts, (p) => p.failCount),
      unableCount: sum(parts, (p) => p.unableCount),
      carriedForward: parts.length > 0 && parts.every((p) => p.carriedForward),
    });
  }
  const ruleIds = new Set([
    ...byRule.map((s) => s.key),
    ...evalByRule.keys(),
    ...[...todays, ...previous].filter((r) => r.scopeType === "RULE").map((r) => r.scopeId),
  ]);
  const ruleStats = new Map(byRule.map((s) => [s.key, s]));
  for (const ruleId of ruleIds) {
    const known = today.get(`RULE:${ruleId}`) ?? prev.get(`RULE:${ruleId}`);
    rows.push(
      freshRow(
        "RULE",
        ruleId,
        ruleStats.get(ruleId) ?? { key: ruleId, ...ZERO },
        evalByRule.get(ruleId),
        known,
      ),
    );
  }

  const computedAt = opts.now ?? new Date();
  await db.$transaction([
    db.postureSnapshot.deleteMany({ where: { tenantId, day: start } }),
    db.postureSnapshot.createMany({
      data: rows.map((r) => ({ ...r, tenantId, day: start, computedAt })),
    }),
  ]);
  return {
    rows: rows.length,
    carriedForward: [...accountRows.values()].filter((r) => r.carriedForward).length,
  };
}

function statsRow(
  scopeType: TScopeType,
  scopeId: string,
  s: TStats,
): Omit<
  TSnapshotRow,
  "score" | "coverage" | "passCount" | "failCount" | "unableCount" | "carriedForward"
> {
  return {
    scopeType,
    scopeId,
    openCritical: s.critical,
    openHigh: s.high,
    openMedium: s.medium,
    openLow: s.low,
    openInfo: s.info,
    newCount: s.new_count,
    resolvedCount: s.resolved_count,
    slaBreached: s.sla,
  };
}

function freshRow(
  scopeType: TScopeType,
  scopeId: string,
  s: TStats,
  counts: readonly TEvaluationCount[] | undefined,
  known:
    | Pick<TSnapshotRow, "score" | "coverage" | "passCount" | "failCount" | "unableCount">
    | undefined,
): TSnapshotRow {
  const base = statsRow(scopeType, scopeId, s);
  if (counts && counts.length > 0) {
    const score = scoreEvaluationCounts(counts);
    return {
      ...base,
      score: score.score,
      coverage: score.coverage,
      passCount: score.passed,
      failCount: score.failed,
      unableCount: score.unable,
      carriedForward: false,
    };
  }
  if (known) {
    return {
      ...base,
      score: known.score,
      coverage: known.coverage,
      passCount: known.passCount,
      failCount: known.failCount,
      unableCount: known.unableCount,
      carriedForward: false,
    };
  }
  // No evaluation counts known at all: only the open findings speak.
  const open = s.critical + s.high + s.medium + s.low + s.info;
  return {
    ...base,
    score: open > 0 ? 0 : 100,
    coverage: 0,
    passCount: 0,
    failCount: open,
    unableCount: 0,
    carriedForward: false,
  };
}

function aggregate(scopeType: TScopeType, scopeId: string, parts: TSnapshotRow[]): TSnapshotRow {
  return {
    scopeType,
    scopeId,
    ...combineScores(parts),
    openCritical: sum(parts, (p) => p.openCritical),
    openHigh: sum(parts, (p) => p.openHigh),
    openMedium: sum(parts, (p) => p.openMedium),
    openLow: sum(parts, (p) => p.openLow),
    openInfo: sum(parts, (p) => p.openInfo),
    newCount: sum(parts, (p) => p.newCount),
    resolvedCount: sum(parts, (p) => p.resolvedCount),
    passCount: sum(parts, (p) => p.passCount),
    failCount: sum(parts, (p) => p.failCount),
    unableCount: sum(parts, (p) => p.unableCount),
    slaBreached: sum(parts, (p) => p.slaBreached),
    carriedForward: parts.length > 0 && parts.every((p) => p.carriedForward),
  };
}

function pickRow(r: TSnapshotRow): TSnapshotRow {
  const {
    scopeType,
    scopeId,
    score,
    coverage,
    openCritical,
    openHigh,
    openMedium,
    openLow,
    openInfo,
    newCount,
    resolvedCount,
    passCount,
    failCount,
    unableCount,
    slaBreached,
    carriedForward,
  } = r;
  return {
    scopeType,
    scopeId,
    score,
    coverage,
    openCritical,
    openHigh,
    openMedium,
    openLow,
    openInfo,
    newCount,
    resolvedCount,
    passCount,
    failCount,
    unableCount,
    slaBreached,
    carriedForward,
  };
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  let n = 0;
  for (const i of items) n += f(i);
  return n;
}

function groupBy<T>(items: Iterable<T>, key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const k = key(i);
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  }
  return m;
}

/** Snapshot series of one scope between two days (inclusive), oldest first, for trend charts. */
export async function listSnapshots(opts: {
  db: TDb;
  scope: TTenantScope;
  scopeType: TScopeType;
  scopeId?: string;
  from: Date;
  to: Date;
}) {
  authorize(opts.scope, "trends.read");
  return opts.db.postureSnapshot.findMany({
    where: {
      tenantId: opts.scope.tenantId,
      scopeType: opts.scopeType,
      scopeId: opts.scopeId ?? "",
      day: { gte: utcDay(opts.from), lte: utcDay(opts.to) },
    },
    orderBy: { day: "asc" },
  });
}
