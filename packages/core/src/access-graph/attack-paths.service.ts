import { Prisma, type TDb } from "@guardrail/db";
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

const SEVERITY_RANK: Record<string, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFO: 4 };

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
  const where = (skip?: "accountId" | "businessUnitId" | "ruleId") => {
    const c: Prisma.Sql[] = [
      Prisma.sql`f."tenantId" = ${scope.tenantId}::uuid`,
      Prisma.sql`f.status = 'OPEN'`,
      Prisma.sql`f."ruleId" LIKE ${`${ATTACK_PATH_RULE_PREFIX}%`}`,
    ];
    if (owned) c.push(Prisma.sql`(f."businessUnitId" = ANY(${owned}::uuid[]) OR f."ownerUserId" = ${scope.userId}::uuid)`);
    if (f.accountId && skip !== "accountId") c.push(Prisma.sql`f."accountId" = ${f.accountId}`);
    if (f.businessUnitId && skip !== "businessUnitId") c.push(Prisma.sql`f."businessUnitId" = ${f.businessUnitId}::uuid`);
    if (f.ruleId && skip !== "ruleId") c.push(Prisma.sql`f."ruleId" = ${f.ruleId}`);
    return Prisma.join(c, " AND ");
  };
  const rows = await db.$queryRaw<
    { findingId: string; ruleId: string; severity: string; title: string; accountId: string; businessUnitId: string | null; resourceArn: string; resourceName: string | null; resourceType: string; firstSeenAt: Date; evidence: unknown }[]
  >(Prisma.sql`
    SELECT f.id::text AS "findingId", f."ruleId", f.severity::text AS severity, f.title, f."accountId",
           f."businessUnitId"::text AS "businessUnitId", r."resourceId" AS "resourceArn", r.name AS "resourceName",
           f."resourceType", f."firstSeenAt", f.evidence
      FROM "Finding" f JOIN "Resource" r ON r.id = f."resourceId"
     WHERE ${where()}`);
  const ranked = rows
    .map((r) => {
      const path = pathOf(r.evidence);
      const ev = (r.evidence ?? {}) as { pathDecision?: string; message?: string };
      const pathDecision = ev.pathDecision ?? (path.every((h) => h.decision === "ALLOWED") ? "ALLOWED" : "CONDITIONAL");
      const rank = (SEVERITY_RANK[r.severity] ?? 5) * 1000 + (pathDecision === "ALLOWED" ? 0 : 100) + Math.min(path.length, 99);
      const { evidence: _evidence, ...rest } = r;
      return { ...rest, message: ev.message ?? null, path, pathDecision, rank };
    })
    .sort((a, b) => a.rank - b.rank || a.firstSeenAt.getTime() - b.firstSeenAt.getTime() || a.findingId.localeCompare(b.findingId));
  const facet = async (column: "accountId" | "businessUnitId" | "ruleId") =>
    db.$queryRaw<{ value: string; count: number }[]>(Prisma.sql`
      SELECT f.${Prisma.raw(`"${column}"`)}::text AS value, count(*)::int AS count FROM "Finding" f
       WHERE ${where(column)} AND f.${Prisma.raw(`"${column}"`)} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 200`);
  const [accountId, businessUnitId, ruleId] = await Promise.all([facet("accountId"), facet("businessUnitId"), facet("ruleId")]);
  const start = (f.page - 1) * f.size;
  return { total: ranked.length, page: f.page, size: f.size, rows: ranked.slice(start, start + f.size), facets: { accountId, businessUnitId, ruleId } };
}
