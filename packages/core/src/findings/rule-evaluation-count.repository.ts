import { Prisma, type TDb } from "@guardrail/db";
import type { TSeverity } from "@guardrail/rules";
import type { TSqlExecutor } from "./sql-executor";

/** pass / fail / unable / not-applicable counts of one rule in one account and region. */
export interface TEvaluationCount {
  ruleId: string;
  accountId: string;
  region: string;
  /** collection service of the evaluated resources ("ec2" for AWS::EC2::Instance) */
  service?: string;
  severity: TSeverity;
  pass: number;
  fail: number;
  unable: number;
  notApplicable: number;
}

export interface TEvaluatedScope {
  accountId: string;
  region: string;
  service: string;
}

/** The collection service of a resource type: "AWS::EC2::Instance" → "ec2". */
export function serviceOfResourceType(resourceType: string): string {
  return (resourceType.split("::")[1] ?? "").toLowerCase();
}

/**
 * SQL predicate: (account, region, service) of `columns` is one of the evaluated collections.
 * Arrays, not one bind parameter per tuple, so 10,000 collections stay one statement.
 */
export function sqlInEvaluatedScope(
  scope: readonly TEvaluatedScope[] | "ALL",
  columns: { accountId: Prisma.Sql; region: Prisma.Sql; service: Prisma.Sql },
): Prisma.Sql {
  if (scope === "ALL") return Prisma.sql`true`;
  if (scope.length === 0) return Prisma.sql`false`;
  return Prisma.sql`(${columns.accountId}, ${columns.region}, ${columns.service}) IN (
    SELECT * FROM unnest(${scope.map((s) => s.accountId)}::text[], ${scope.map((s) => s.region)}::text[],
                         ${scope.map((s) => s.service)}::text[]))`;
}

/**
 * Replaces the RuleEvaluationCount rows of the evaluated collections with this evaluation's
 * counts: rows of rules that produced no result there any more (resources gone, rule
 * disabled) disappear, the others are upserted on (tenant, account, region, rule).
 */
export async function replaceRuleEvaluationCounts(opts: {
  tx: TSqlExecutor;
  tenantId: string;
  scanId: string | null;
  now: Date;
  evaluatedScope: readonly TEvaluatedScope[] | "ALL";
  counts: readonly TEvaluationCount[];
}): Promise<{ deleted: number; written: number }> {
  const { tx, tenantId, counts } = opts;
  const t = Prisma.sql`${tenantId}::uuid`;
  const deleted = await tx.$executeRaw(Prisma.sql`
    DELETE FROM "RuleEvaluationCount" c
     WHERE c."tenantId" = ${t}
       AND ${sqlInEvaluatedScope(opts.evaluatedScope, {
         accountId: Prisma.sql`c."accountId"`,
         region: Prisma.sql`c.region`,
         service: Prisma.sql`c.service`,
       })}`);
  if (counts.length === 0) return { deleted, written: 0 };
  const written = await tx.$executeRaw(Prisma.sql`
    INSERT INTO "RuleEvaluationCount" ("tenantId", "accountId", region, service, "ruleId", severity,
                                       "passCount", "failCount", "unableCount", "notApplicableCount", "scanId", "evaluatedAt")
    SELECT ${t}, x.account_id, x.region, x.service, x.rule_id, x.severity::"Severity",
           x.pass, x.fail, x.unable, x.na, ${opts.scanId}::uuid, ${opts.now}::timestamp
      FROM unnest(${counts.map((c) => c.accountId)}::text[], ${counts.map((c) => c.region)}::text[],
                  ${counts.map((c) => c.service ?? "")}::text[], ${counts.map((c) => c.ruleId)}::text[],
                  ${counts.map((c) => c.severity)}::text[], ${counts.map((c) => c.pass)}::int[],
                  ${counts.map((c) => c.fail)}::int[], ${counts.map((c) => c.unable)}::int[],
                  ${counts.map((c) => c.notApplicable)}::int[])
           AS x(account_id, region, service, rule_id, severity, pass, fail, unable, na)
    ON CONFLICT ("tenantId", "accountId", region, "ruleId") DO UPDATE
       SET service = EXCLUDED.service, severity = EXCLUDED.severity, "passCount" = EXCLUDED."passCount",
           "failCount" = EXCLUDED."failCount", "unableCount" = EXCLUDED."unableCount",
           "notApplicableCount" = EXCLUDED."notApplicableCount", "scanId" = EXCLUDED."scanId",
           "evaluatedAt" = EXCLUDED."evaluatedAt"`);
  return { deleted, written };
}

export interface TStoredEvaluationCount extends TEvaluationCount {
  service: string;
  evaluatedAt: Date;
}

/** The tenant's latest counts (optionally only those evaluated before `before`). */
export async function readRuleEvaluationCounts(opts: {
  db: TDb | TSqlExecutor;
  tenantId: string;
  before?: Date;
}): Promise<TStoredEvaluationCount[]> {
  const rows = await opts.db.$queryRaw<
    {
      ruleId: string;
      accountId: string;
      region: string;
      service: string;
      severity: TSeverity;
      pass: number;
      fail: number;
      unable: number;
      notApplicable: number;
      evaluatedAt: Date;
    }[]
  >(Prisma.sql`
    SELECT "ruleId", "accountId", region, service, severity::text AS severity, "passCount" AS pass,
           "failCount" AS fail, "unableCount" AS unable, "notApplicableCount" AS "notApplicable", "evaluatedAt"
      FROM "RuleEvaluationCount"
     WHERE "tenantId" = ${opts.tenantId}::uuid
       ${opts.before ? Prisma.sql`AND "evaluatedAt" < ${opts.before}::timestamp` : Prisma.empty}`);
  return rows;
}
