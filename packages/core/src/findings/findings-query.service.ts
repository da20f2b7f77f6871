import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { sqlAccountOuChain } from "../business-units/account-ou-chain";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { listOwnedBusinessUnitIds } from "../suppressions/suppression.service";

/** A filter given once (`?severity=HIGH`) or many times (`?severity=HIGH&severity=LOW`). */
const list = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item).max(200)])
    .transform((v): z.output<T>[] => (Array.isArray(v) ? v : [v]))
    .optional();

export const ZFindingFilters = z.object({
  severity: list(z.enum(["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"])),
  status: list(z.enum(["OPEN", "RESOLVED", "SUPPRESSED"])),
  ruleId: list(z.string().min(1)),
  framework: z.string().min(1).optional(),
  accountId: list(z.string().regex(/^\d{12}$/)),
  ouId: z.string().min(1).optional(),
  businessUnitId: list(z.guid()),
  ownerUserId: list(z.guid()),
  age: list(z.enum(["0-7", "7-30", "30-90", "90+"])),
  sla: list(z.enum(["BREACHED", "DUE_SOON", "ON_TRACK", "NONE"])),
  /** substring of the resource ARN or the finding title */
  q: z.string().trim().min(1).max(200).optional(),
});
export type TFindingFilters = z.input<typeof ZFindingFilters>;

export const ZFindingSort = z.object({
  by: z.enum(["severity", "firstSeenAt", "lastSeenAt", "dueAt"]).default("severity"),
  dir: z.enum(["asc", "desc"]).default("desc"),
});
export type TFindingSort = z.input<typeof ZFindingSort>;

export const ZPage = z.object({
  size: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).default(0),
});

/** The filter keys a findings URL may carry (the order they are written back in). */
export const FINDING_FILTER_KEYS = [
  "severity",
  "status",
  "ruleId",
  "framework",
  "accountId",
  "ouId",
  "businessUnitId",
  "ownerUserId",
  "age",
  "sla",
  "q",
] as const;

const ZSearchParams = z.object({
  sort: z.enum(["severity", "firstSeenAt", "lastSeenAt", "dueAt"]).catch("severity"),
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => [25, 50, 100, 200].includes(n))
    .catch(50),
});

/**
 * A findings page's URL (`?severity=HIGH&status=OPEN&sort=dueAt&page=2`) as a query: the
 * filters (VALIDATION error on a malformed value), the sort and the page. Without a status
 * the list shows OPEN findings, so a suppressed or resolved finding leaves the default view.
 */
export function parseFindingsSearchParams(sp: Record<string, string | string[] | undefined>): {
  filters: z.output<typeof ZFindingFilters>;
  sort: { by: "severity" | "firstSeenAt" | "lastSeenAt" | "dueAt"; dir: "asc" | "desc" };
  page: number;
  size: number;
} {
  const raw: Record<string, unknown> = {};
  for (const key of FINDING_FILTER_KEYS) {
    const v = sp[key];
    const values = (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => x !== "");
    if (values.length === 0) continue;
    // Enumerations are accepted in any case (?sla=breached).
    const norm =
      key === "severity" || key === "status" || key === "sla"
        ? values.map((x) => x.toUpperCase())
        : values;
    raw[key] = key === "framework" || key === "ouId" || key === "q" ? norm[0] : norm;
  }
  raw.status ??= ["OPEN"];
  const parsed = ZFindingFilters.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  const one = (k: string) => (Array.isArray(sp[k]) ? sp[k][0] : sp[k]);
  const rest = ZSearchParams.parse({
    sort: one("sort"),
    dir: one("dir"),
    page: one("page"),
    size: one("size"),
  });
  return {
    filters: parsed.data,
    sort: { by: rest.sort, dir: rest.dir },
    page: rest.page,
    size: rest.size,
  };
}

/** What the catalog tells the findings list: titles and framework mappings per rule. */
export type TRuleCatalogView = readonly {
  id: string;
  frameworks: readonly { framework: string; controlId: string }[];
}[];

export interface TFindingRow {
  id: string;
  ruleId: string;
  resourceId: string;
  resourceArn: string;
  accountId: string;
  region: string;
  resourceType: string;
  status: string;
  severity: string;
  title: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
  reopenCount: number;
  businessUnitId: string | null;
  ownerUserId: string | null;
  dueAt: Date | null;
  slaState: string;
  /** a BU owner asked to suppress it and an analyst has not decided yet */
  suppressionRequested: boolean;
}

type TFacetKey =
  | "severity"
  | "status"
  | "ruleId"
  | "accountId"
  | "businessUnitId"
  | "ownerUserId"
  | "age"
  | "sla";
const FACET_KEYS: readonly TFacetKey[] = [
  "severity",
  "status",
  "ruleId",
  "accountId",
  "businessUnitId",
  "ownerUserId",
  "age",
  "sla",
];

/** The SQL value of a facet for finding `f`, at reference time `now`. */
function column(key: TFacetKey, now: Date): Prisma.Sql {
  const at = Prisma.sql`${now}::timestamp`;
  switch (key) {
    case "severity":
      return Prisma.sql`f.severity::text`;
    case "status":
      return Prisma.sql`f.status::text`;
    case "ruleId":
      return Prisma.sql`f."ruleId"`;
    case "accountId":
      return Prisma.sql`f."accountId"`;
    case "businessUnitId":
      return Prisma.sql`f."businessUnitId"::text`;
    case "ownerUserId":
      return Prisma.sql`f."ownerUserId"::text`;
    case "age":
      return Prisma.sql`(CASE WHEN f."firstSeenAt" > ${at} - interval '7 days' THEN '0-7'
                              WHEN f."firstSeenAt" > ${at} - interval '30 days' THEN '7-30'
                              WHEN f."firstSeenAt" > ${at} - interval '90 days' THEN '30-90' ELSE '90+' END)`;
    case "sla":
      return Prisma.sql`(CASE WHEN f."dueAt" IS NULL OR f.status <> 'OPEN' THEN 'NONE'
                              WHEN f."dueAt" < ${at} THEN 'BREACHED'
                              WHEN f."dueAt" < ${at} + interval '7 days' THEN 'DUE_SOON' ELSE 'ON_TRACK' END)`;
  }
}

interface TQueryContext {
  db: TDb;
  scope: TTenantScope;
  filters: z.output<typeof ZFindingFilters>;
  now: Date;
  ownedBusinessUnits: string[] | null;
  frameworkRuleIds: string[] | null;
  mine: boolean;
}

/**
 * What a BU_OWNER may see: findings of their business units and findings assigned to them.
 * Every other role reaches the whole tenant. `null` means no restriction.
 */
function reachSql(scope: TTenantScope, ownedBusinessUnits: string[] | null): Prisma.Sql | null {
  if (!ownedBusinessUnits) return null;
  return Prisma.sql`(f."businessUnitId" = ANY(${ownedBusinessUnits}::uuid[]) OR f."ownerUserId" = ${scope.userId}::uuid)`;
}

function whereSql(ctx: TQueryContext, omit?: TFacetKey): Prisma.Sql {
  const f = ctx.filters;
  const c: Prisma.Sql[] = [Prisma.sql`f."tenantId" = ${ctx.scope.tenantId}::uuid`];
  const reach = reachSql(ctx.scope, ctx.ownedBusinessUnits);
  if (reach) c.push(reach);
  // "My findings": a BU_OWNER's reach is already theirs; anyone else, what is assigned to them.
  if (ctx.mine && !reach) c.push(Prisma.sql`f."ownerUserId" = ${ctx.scope.userId}::uuid`);
  if (ctx.frameworkRuleIds) c.push(Prisma.sql`f."ruleId" = ANY(${ctx.frameworkRuleIds}::text[])`);
  const inList = (key: TFacetKey, values: readonly string[] | undefined) => {
    if (omit !== key && values && values.length > 0)
      c.push(Prisma.sql`${column(key, ctx.now)} = ANY(${values}::text[])`);
  };
  // Columns compare in their own types (one value with "=") so the finding indexes apply:
  // with (tenantId, status = 'OPEN') the default order is read from an index, unsorted.
  const eq = (key: TFacetKey, col: string, type: string, values: readonly string[] | undefined) => {
    if (omit === key || !values || values.length === 0) return;
    const ref = Prisma.raw(`f."${col}"`);
    c.push(
      values.length === 1
        ? Prisma.sql`${ref} = ${values[0]}::${Prisma.raw(type)}`
        : Prisma.sql`${ref} = ANY(${values}::${Prisma.raw(type)}[])`,
    );
  };
  eq("severity", "severity", `"Severity"`, f.severity);
  eq("status", "status", `"FindingStatus"`, f.status);
  eq("ruleId", "ruleId", "text", f.ruleId);
  eq("accountId", "accountId", "text", f.accountId);
  eq("businessUnitId", "businessUnitId", "uuid", f.businessUnitId);
  eq("ownerUserId", "ownerUserId", "uuid", f.ownerUserId);
  inList("age", f.age);
  inList("sla", f.sla);
  if (f.ouId) {
    c.push(Prisma.sql`f."accountId" IN (WITH RECURSIVE account_ou AS (${sqlAccountOuChain(ctx.scope.tenantId)})
      SELECT account_id FROM account_ou WHERE ou_id = ${f.ouId})`);
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(
      Prisma.sql`(f.title ILIKE ${like} OR EXISTS (SELECT 1 FROM "Resource" r WHERE r.id = f."resourceId" AND r."resourceId" ILIKE ${like}))`,
    );
  }
  return Prisma.join(c, " AND ");
}

async function createQueryContext(opts: {
  db: TDb;
  scope: TTenantScope;
  filters?: TFindingFilters;
  rules?: TRuleCatalogView;
  now?: Date;
  mine?: boolean;
}): Promise<TQueryContext> {
  const parsed = ZFindingFilters.safeParse(opts.filters ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  const filters = parsed.data;
  let frameworkRuleIds: string[] | null = null;
  if (filters.framework) {
    if (!opts.rules)
      throw new AppError("VALIDATION", "Filtering by framework needs the rule catalog.");
    frameworkRuleIds = opts.rules
      .filter((r) => r.frameworks.some((m) => m.framework === filters.framework))
      .map((r) => r.id);
  }
  const ownedBusinessUnits =
    opts.scope.role === "BU_OWNER" ? await listOwnedBusinessUnitIds(opts.db, opts.scope) : null;
  return {
    db: opts.db,
    scope: opts.scope,
    filters,
    now: opts.now ?? new Date(),
    ownedBusinessUnits,
    frameworkRuleIds,
    mine: opts.mine === true,
  };
}

const SELECT_ROW = (now: Date) => Prisma.sql`
  f.id::text AS id, f."ruleId", f."resourceId"::text AS "resourceId", r."resourceId" AS "resourceArn",
  f."accountId", f.region, f."resourceType", f.status::text AS status, f.severity::text AS severity, f.title,
  f."firstSeenAt", f."lastSeenAt", f."resolvedAt", f."reopenCount", f."businessUnitId"::text AS "businessUnitId",
  f."ownerUserId"::text AS "ownerUserId", f."dueAt", ${column("sla", now)} AS "slaState",
  EXISTS (SELECT 1 FROM "Suppression" s WHERE s."tenantId" = f."tenantId" AND s.status = 'REQUESTED'
           AND s."resourceId" = f."resourceId" AND (s."ruleId" IS NULL OR s."ruleId" = f."ruleId")
           AND s."expiresAt" > ${now}::timestamp) AS "suppressionRequested"`;

/** Counts are exact up to this many matching findings; beyond it, estimated from a sample. */
export const FINDINGS_EXACT_COUNT_CAP = 10_000;
/** Rows a sampled (estimated) count reads. */
const SAMPLE_ROWS = 40_000;

/** The percentage of the Finding table a block sample must read to see ~SAMPLE_ROWS rows. */
async function samplePercent(db: TDb): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>(
    Prisma.sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = '"Finding"'::regclass`,
  );
  const n = rows[0]?.n ?? -1;
  if (!(n > 0)) return 100;
  return Math.min(100, Math.max(0.001, (100 * SAMPLE_ROWS) / n));
}

/** The matching findings: exact up to the cap, else estimated from a block sample. */
async function countFindings(ctx: TQueryContext): Promise<{ value: number; exact: boolean }> {
  const capped = await ctx.db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Finding" f WHERE ${whereSql(ctx)}
                                   LIMIT ${FINDINGS_EXACT_COUNT_CAP + 1}) s`);
  const n = capped[0]?.n ?? 0;
  if (n <= FINDINGS_EXACT_COUNT_CAP) return { value: n, exact: true };
  const p = await samplePercent(ctx.db);
  const sampled = await ctx.db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM "Finding" f TABLESAMPLE SYSTEM (${p}::float8) REPEATABLE (7)
     WHERE ${whereSql(ctx)}`);
  const estimate = Math.round(((sampled[0]?.n ?? 0) * 100) / p);
  return { value: Math.max(FINDINGS_EXACT_COUNT_CAP + 1, estimate), exact: false };
}

type TRawFacet = { scanned: number; value: string | null; count: number }[];

/** One facet under every other filter: exact up to the cap, else from a block sample. */
async function countFacet(
  ctx: TQueryContext,
  key: TFacetKey,
): Promise<{ values: { value: string; count: number }[]; approximate: boolean }> {
  const run = (from: Prisma.Sql, cap: Prisma.Sql) =>
    ctx.db.$queryRaw<TRawFacet>(Prisma.sql`
      WITH s AS MATERIALIZED (SELECT ${column(key, ctx.now)} AS value FROM ${from} WHERE ${whereSql(ctx, key)} ${cap})
      SELECT (SELECT count(*) FROM s)::int AS scanned, value, count(*)::int AS count
        FROM s GROUP BY value ORDER BY count DESC, value LIMIT 100`);
  const clean = (rows: TRawFacet, scale: number) =>
    rows
      .filter((r): r is TRawFacet[number] & { value: string } => r.value !== null)
      .map((r) => ({ value: r.value, count: Math.max(1, Math.round(r.count * scale)) }));
  const exact = await run(
    Prisma.sql`"Finding" f`,
    Prisma.sql`LIMIT ${FINDINGS_EXACT_COUNT_CAP + 1}`,
  );
  if ((exact[0]?.scanned ?? 0) <= FINDINGS_EXACT_COUNT_CAP)
    return { values: clean(exact, 1), approximate: false };
  const p = await samplePercent(ctx.db);
  const sampled = await run(
    Prisma.sql`"Finding" f TABLESAMPLE SYSTEM (${p}::float8) REPEATABLE (7)`,
    Prisma.empty,
  );
  return { values: clean(sampled, 100 / p), approximate: true };
}

/**
 * The triage list: filtered, sorted, paged findings with facet counts (each facet counted
 * under every other filter). BU_OWNER sees only their business units' findings.
 */
export async function listFindings(opts: {
  db: TDb;
  scope: TTenantScope;
  filters?: TFindingFilters;
  sort?: TFindingSort;
  page?: z.input<typeof ZPage>;
  rules?: TRuleCatalogView;
  now?: Date;
  /** "My findings": see reachSql */
  mine?: boolean;
}): Promise<{
  total: number;
  rows: TFindingRow[];
  facets: Record<TFacetKey | "framework" | "ouId", { value: string; count: number }[]>;
  /** some counts are estimates (more than FINDINGS_EXACT_COUNT_CAP findings matched) */
  approximate: boolean;
}> {
  authorize(opts.scope, "findings.read");
  const ctx = await createQueryContext(opts);
  const sort = ZFindingSort.parse(opts.sort ?? {});
  const page = ZPage.parse(opts.page ?? {});
  const dir = Prisma.raw(sort.dir === "asc" ? "ASC" : "DESC");
  // Severity enum order is CRITICAL → INFO, so "desc" (most severe first) is ascending ordinal.
  const order =
    sort.by === "severity"
      ? Prisma.sql`f.severity ${Prisma.raw(sort.dir === "desc" ? "ASC" : "DESC")}, f."firstSeenAt" ASC`
      : Prisma.sql`f.${Prisma.raw(`"${sort.by}"`)} ${dir} NULLS LAST`;
  const { db, now } = ctx;
  const [rows, total, facetRows] = await Promise.all([
    db.$queryRaw<TFindingRow[]>(Prisma.sql`
      SELECT ${SELECT_ROW(now)} FROM "Finding" f JOIN "Resource" r ON r.id = f."resourceId"
       WHERE ${whereSql(ctx)} ORDER BY ${order}, f.id LIMIT ${page.size} OFFSET ${page.offset}`),
    countFindings(ctx),
    Promise.all(FACET_KEYS.map((k) => countFacet(ctx, k))),
  ]);
  const keys = FACET_KEYS;
  const facets = Object.fromEntries(keys.map((k, i) => [k, facetRows[i]?.values ?? []])) as Record<
    TFacetKey | "framework" | "ouId",
    { value: string; count: number }[]
  >;
  // Framework and OU facets derive from the rule and account facets.
  const byFramework = new Map<string, number>();
  for (const { value, count } of facets.ruleId) {
    const rule = opts.rules?.find((r) => r.id === value);
    for (const fw of new Set(rule?.frameworks.map((m) => m.framework) ?? []))
      byFramework.set(fw, (byFramework.get(fw) ?? 0) + count);
  }
  facets.framework = [...byFramework].map(([value, count]) => ({ value, count }));
  const chain = await db.$queryRaw<{ account_id: string; ou_id: string }[]>(Prisma.sql`
    WITH RECURSIVE account_ou AS (${sqlAccountOuChain(opts.scope.tenantId)}) SELECT DISTINCT account_id, ou_id FROM account_ou`);
  const byOu = new Map<string, number>();
  for (const { value, count } of facets.accountId) {
    for (const c of chain)
      if (c.account_id === value) byOu.set(c.ou_id, (byOu.get(c.ou_id) ?? 0) + count);
  }
  facets.ouId = [...byOu].map(([value, count]) => ({ value, count }));
  return {
    total: total.value,
    rows,
    facets,
    approximate: !total.exact || facetRows.some((f) => f.approximate),
  };
}

/**
 * Loads one finding the caller may reach (tenant, and for a BU_OWNER their business units or
 * an assignment to them); NOT_FOUND otherwise, so ids of other tenants or units leak nothing.
 */
export async function findReachableFinding(db: TDb, scope: TTenantScope, findingId: string) {
  if (!z.guid().safeParse(findingId).success) throw new AppError("NOT_FOUND", "No such finding.");
  const finding = await db.finding.findFirst({
    where: { id: findingId, tenantId: scope.tenantId },
  });
  if (!finding) throw new AppError("NOT_FOUND", "No such finding.");
  if (scope.role === "BU_OWNER" && finding.ownerUserId !== scope.userId) {
    const owned = await listOwnedBusinessUnitIds(db, scope);
    if (!finding.businessUnitId || !owned.includes(finding.businessUnitId))
      throw new AppError("NOT_FOUND", "No such finding.");
  }
  return finding;
}

/**
 * One finding with its history (events, comments included, with the actors' names), resource,
 * suppression (and any pending suppression request), business unit and owner.
 */
export async function getFinding(opts: {
  db: TDb;
  scope: TTenantScope;
  findingId: string;
  now?: Date;
}) {
  authorize(opts.scope, "findings.read");
  const { db, scope } = opts;
  const now = opts.now ?? new Date();
  const finding = await findReachableFinding(db, scope, opts.findingId);
  const [events, resource, suppression, requests, businessUnit, owner] = await Promise.all([
    db.findingEvent.findMany({
      where: { tenantId: scope.tenantId, findingId: finding.id },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      take: 1000,
    }),
    db.resource.findFirst({
      where: { tenantId: scope.tenantId, id: finding.resourceId },
      select: {
        id: true,
        resourceId: true,
        name: true,
        resourceType: true,
        accountId: true,
        region: true,
        tags: true,
        deletedAt: true,
      },
    }),
    finding.suppressionId
      ? db.suppression.findFirst({ where: { tenantId: scope.tenantId, id: finding.suppressionId } })
      : null,
    db.suppression.findMany({
      where: {
        tenantId: scope.tenantId,
        status: "REQUESTED",
        resourceId: finding.resourceId,
        OR: [{ ruleId: null }, { ruleId: finding.ruleId }],
        expiresAt: { gt: now },
      },
      orderBy: { createdAt: "desc" },
    }),
    finding.businessUnitId
      ? db.businessUnit.findFirst({
          where: { tenantId: scope.tenantId, id: finding.businessUnitId },
          select: { id: true, name: true },
        })
      : null,
    finding.ownerUserId ? findMemberName(db, scope, finding.ownerUserId) : null,
  ]);
  const actorIds = [...new Set(events.map((e) => e.actorUserId).filter((v): v is string => !!v))];
  const actors = await db.user.findMany({
    where: { id: { in: actorIds }, memberships: { some: { tenantId: scope.tenantId } } },
    select: { id: true, name: true, email: true },
  });
  const actorName = new Map(actors.map((a) => [a.id, a.name || a.email]));
  return {
    finding: { ...finding, slaState: slaStateOf(finding, now) },
    events: events.map((e) => ({
      ...e,
      actorName: e.actorUserId ? (actorName.get(e.actorUserId) ?? null) : null,
    })),
    resource,
    suppression,
    suppressionRequests: requests,
    businessUnit,
    owner,
  };
}

async function findMemberName(db: TDb, scope: TTenantScope, userId: string) {
  return db.user.findFirst({
    where: { id: userId, memberships: { some: { tenantId: scope.tenantId } } },
    select: { id: true, name: true, email: true },
  });
}

/** The SLA state of one finding: what the "sla" facet computes in SQL. */
export function slaStateOf(
  f: { status: string; dueAt: Date | null },
  now: Date,
): "NONE" | "BREACHED" | "DUE_SOON" | "ON_TRACK" {
  if (!f.dueAt || f.status !== "OPEN") return "NONE";
  const t = f.dueAt.getTime();
  if (t < now.getTime()) return "BREACHED";
  return t < now.getTime() + 7 * 86_400_000 ? "DUE_SOON" : "ON_TRACK";
}

/**
 * Names for the ids the findings list shows and filters by: business units, the tenant's
 * members (the owner picker), accounts and OUs. A BU_OWNER gets only their own units.
 */
export async function listFindingLookups(opts: { db: TDb; scope: TTenantScope }): Promise<{
  businessUnits: { id: string; name: string }[];
  members: { userId: string; name: string; email: string; role: string }[];
  accounts: { accountId: string; name: string }[];
  ous: { ouId: string; name: string }[];
}> {
  authorize(opts.scope, "findings.read");
  const { db, scope } = opts;
  const owned = scope.role === "BU_OWNER" ? await listOwnedBusinessUnitIds(db, scope) : null;
  const [businessUnits, memberships, accounts, ous] = await Promise.all([
    db.businessUnit.findMany({
      where: { tenantId: scope.tenantId, ...(owned ? { id: { in: owned } } : {}) },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.membership.findMany({
      where: { tenantId: scope.tenantId, user: { disabledAt: null } },
      select: { role: true, user: { select: { id: true, name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
    db.awsAccount.findMany({
      where: { tenantId: scope.tenantId },
      select: { accountId: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.organizationalUnit.findMany({
      where: { tenantId: scope.tenantId },
      select: { ouId: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    businessUnits,
    members: memberships.map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
    })),
    accounts: dedupe(accounts, (a) => a.accountId),
    ous: dedupe(ous, (o) => o.ouId),
  };
}

function dedupe<T>(rows: T[], key: (r: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(key(r)) ? false : (seen.add(key(r)), true)));
}

const CSV_COLUMNS: (keyof TFindingRow)[] = [
  "id",
  "ruleId",
  "title",
  "severity",
  "status",
  "accountId",
  "region",
  "resourceType",
  "resourceArn",
  "firstSeenAt",
  "lastSeenAt",
  "resolvedAt",
  "reopenCount",
  "businessUnitId",
  "ownerUserId",
  "dueAt",
  "slaState",
];

function csvCell(v: unknown): string {
  const s = v instanceof Date ? v.toISOString() : v == null ? "" : String(v);
  // Quote always; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Streams the filtered findings as CSV (header first), 1,000 rows per chunk, keyset-paged. */
export async function* exportFindingsCsv(opts: {
  db: TDb;
  scope: TTenantScope;
  filters?: TFindingFilters;
  rules?: TRuleCatalogView;
  now?: Date;
  mine?: boolean;
}): AsyncGenerator<string> {
  authorize(opts.scope, "findings.export");
  const ctx = await createQueryContext(opts);
  yield `${CSV_COLUMNS.join(",")}\n`;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await ctx.db.$queryRaw<TFindingRow[]>(Prisma.sql`
      SELECT ${SELECT_ROW(ctx.now)} FROM "Finding" f JOIN "Resource" r ON r.id = f."resourceId"
       WHERE ${whereSql(ctx)} AND f.id > ${after}::uuid ORDER BY f.id LIMIT 1000`);
    if (rows.length === 0) return;
    yield rows.map((r) => `${CSV_COLUMNS.map((k) => csvCell(r[k])).join(",")}\n`).join("");
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < 1000) return;
  }
}
