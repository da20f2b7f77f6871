import { Prisma, type TDb } from "@guardrail/db";
import { RULE_CATALOG } from "@guardrail/rules";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { listOwnedBusinessUnitIds } from "../suppressions/suppression.service";

// Attack paths are findings of the aws.attack-path.* rules (owned, triaged and trended like any
// other): this is the ranked view of the open ones, with the path from their evidence.

export const ATTACK_PATH_RULE_PREFIX = "aws.attack-path.";

export const ZAttackPathFilters = z.object({
  accountId: z.string().regex(/^\d{12}$/, "accountId must be 12 digits").optional(),
  businessUnitId: z.uuid().optional(),
  ruleId: z.string().startsWith(ATTACK_PATH_RULE_PREFIX).max(200).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  size: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAttackPathFilters = z.input<typeof ZAttackPathFilters>;

export interface TAttackPathHop {
  from: string;
  fromName: string;
  edge: string;
  to: string;
  toName: string;
  decision: string;
  action: string | null;
  methodId: string | null;
  conditions: string[];
  reason: string | null;
}

export interface TAttackPathRow {
  findingId: string;
  ruleId: string;
  severity: string;
  title: string;
  accountId: string;
  businessUnitId: string | null;
  resourceArn: string;
  resourceName: string | null;
  resourceType: string;
  firstSeenAt: Date;
  message: string | null;
  /** the path as the rule recorded it (empty for findings whose evidence holds no path) */
  path: TAttackPathHop[];
  /** ALLOWED when every hop is allowed, CONDITIONAL when a hop depends on a condition */
  pathDecision: string;
  /** rank: severity, then unconditional paths, then shorter paths */
  rank: number;
}

/** Every attack-path rule id of the catalog (deprecated ones too: their findings stay stored). */
function listAttackPathRuleIds(): string[] {
  return RULE_CATALOG.filter((r) => r.id.startsWith(ATTACK_PATH_RULE_PREFIX)).map((r) => r.id);
}

function pathOf(evidence: unknown): TAttackPathHop[] {
  const path = (evidence as { path?: unknown } | null)?.path;
  return Array.isArray(path) ? (path as TAttackPathHop[]) : [];
}

/**
 * Open attack-path findings, ranked (severity, unconditional before conditional, shorter paths
 * first), filterable by account, business unit and rule, with facet counts. A BU owner sees
 * only their business units' paths and those assigned to them.
 */
export async function listAttackPaths(opts: { db: TDb; scope: TTenantScope; filters?: TAttackPathFilters }): Promise<{
  total: number;
  page: number;
  size: number;
  rows: TAttackPathRow[];
  facets: { accountId: { value: string; count: number }[]; businessUnitId: { value: string; count: number }[]; ruleId: { value: string; count: number }[] };
}> {
  authorize(opts.scope, "findings.read");
  const parsed = ZAttackPathFilters.safeParse(opts.filters ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  const f = parsed.data;
  const { db, scope } = opts;
  const owned = scope.role === "BU_OWNER" ? await listOwnedBusinessUnitIds(db, scope) : null;
  // The rule ids by name (ANY over the catalog's ids uses the (tenantId, ruleId, status) index;
  // a LIKE prefix cannot under a non-C collation and would read every open finding).
  const ruleIds = listAttackPathRuleIds();
  const where = (skip?: "accountId" | "businessUnitId" | "ruleId") => {
    const c: Prisma.Sql[] = [
      Prisma.sql`f."tenantId" = ${scope.tenantId}::uuid`,
      Prisma.sql`f.status = 'OPEN'`,
      Prisma.sql`f."ruleId" = ANY(${ruleIds}::text[])`,
    ];
    if (owned) c.push(Prisma.sql`(f."businessUnitId" = ANY(${owned}::uuid[]) OR f."ownerUserId" = ${scope.userId}::uuid)`);
    if (f.accountId && skip !== "accountId") c.push(Prisma.sql`f."accountId" = ${f.accountId}`);
    if (f.businessUnitId && skip !== "businessUnitId") c.push(Prisma.sql`f."businessUnitId" = ${f.businessUnitId}::uuid`);
    if (f.ruleId && skip !== "ruleId") c.push(Prisma.sql`f."ruleId" = ${f.ruleId}`);
    return Prisma.join(c, " AND ");
  };
  // Ranked and paged in SQL: only the page's evidence leaves the database. The path decision is
  // the one the rule recorded, else ALLOWED when every hop is allowed.
  const ranked = Prisma.sql`
    SELECT f.id, f."ruleId", f.severity, f.title, f."accountId", f."businessUnitId", f."resourceId", f."resourceType", f."firstSeenAt", f.evidence,
           COALESCE(f.evidence->>'pathDecision',
             CASE WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.evidence->'path') = 'array' THEN f.evidence->'path' ELSE '[]'::jsonb END) h
                                WHERE h->>'decision' IS DISTINCT FROM 'ALLOWED') THEN 'CONDITIONAL' ELSE 'ALLOWED' END) AS decision,
           CASE WHEN jsonb_typeof(f.evidence->'path') = 'array' THEN jsonb_array_length(f.evidence->'path') ELSE 0 END AS hops
      FROM "Finding" f WHERE ${where()}`;
  const start = (f.page - 1) * f.size;
  const pageRows = db.$queryRaw<
    { findingId: string; ruleId: string; severity: string; title: string; accountId: string; businessUnitId: string | null; resourceArn: string; resourceName: string | null; resourceType: string; firstSeenAt: Date; evidence: unknown; decision: string; rank: number }[]
  >(Prisma.sql`
    WITH ranked AS (${ranked})
    SELECT k.id::text AS "findingId", k."ruleId", k.severity::text AS severity, k.title, k."accountId",
           k."businessUnitId"::text AS "businessUnitId", r."resourceId" AS "resourceArn", r.name AS "resourceName",
           k."resourceType", k."firstSeenAt", k.evidence, k.decision, k.rank
      FROM (SELECT ranked.*,
                   (CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 3 WHEN 'INFO' THEN 4 ELSE 5 END) * 1000
                   + CASE WHEN decision = 'ALLOWED' THEN 0 ELSE 100 END + LEAST(hops, 99) AS rank
              FROM ranked) k
      JOIN "Resource" r ON r.id = k."resourceId"
     ORDER BY k.rank, k."firstSeenAt", k.id::text
     LIMIT ${f.size} OFFSET ${start}`);
  const facet = async (column: "accountId" | "businessUnitId" | "ruleId") =>
    db.$queryRaw<{ value: string; count: number }[]>(Prisma.sql`
      SELECT f.${Prisma.raw(`"${column}"`)}::text AS value, count(*)::int AS count FROM "Finding" f
       WHERE ${where(column)} AND f.${Prisma.raw(`"${column}"`)} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200`);
  const [rows, [count], accountId, businessUnitId, ruleId] = await Promise.all([
    pageRows,
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM "Finding" f WHERE ${where()}`),
    facet("accountId"),
    facet("businessUnitId"),
    facet("ruleId"),
  ]);
  const page = rows.map(({ evidence, decision, ...rest }): TAttackPathRow => {
    const ev = (evidence ?? {}) as { message?: string };
    return { ...rest, message: ev.message ?? null, path: pathOf(evidence), pathDecision: decision };
  });
  return { total: count?.total ?? 0, page: f.page, size: f.size, rows: page, facets: { accountId, businessUnitId, ruleId } };
}
