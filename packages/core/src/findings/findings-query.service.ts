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
  /** counts are exact up to this many matches (FINDINGS_EXACT_COUNT_CAP) */
  exactCap: number;
}

/**
 * What a BU_OWNER may see: findings of their business units and findings assigned to them.
 * Every other role reaches the whole tenant. `null` means no restriction.
 */
function reachSql(scope: TTenantScope, ownedBusinessUnits: string[] | null): Prisma.Sql | null {
  if (!ownedBusinessUnits) return null;
  return Prisma.sql`(f."businessUnitId" = ANY(${ownedBusinessUnits}::uuid[]) OR f."ownerUserId" = ${scope.userId}::uuid)`;
}

/** The conditions no facet leaves out: tenant, reach, "mine", framework, OU and search. */
function baseConds(ctx: TQueryContext): Prisma.Sql[] {
  const f = ctx.filters;
  const c: Prisma.Sql[] = [Prisma.sql`f."tenantId" = ${ctx.scope.tenantId}::uuid`];
  const reach = reachSql(ctx.scope, ctx.ownedBusinessUnits);
  if (reach) c.push(reach);
  // "My findings": a BU_OWNER's reach is already theirs; anyone else, what is assigned to them.
  if (ctx.mine && !reach) c.push(Prisma.sql`f."ownerUserId" = ${ctx.scope.userId}::uuid`);
  if (ctx.frameworkRuleIds) c.push(Prisma.sql`f."ruleId" = ANY(${ctx.frameworkRuleIds}::text[])`);
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
  return c;
}

const DAY_MS = 86_400_000;

/**
 * The predicate of facet filter `key` (null when the filter is not set). Columns compare in
 * their own types (one value with "=") and age / SLA become ranges over firstSeenAt / dueAt,
 * so the finding indexes apply: with (tenantId, status = 'OPEN') the default order is read
 * from an index, unsorted. Same buckets as `column()`.
 */
function facetPredicate(ctx: TQueryContext, key: TFacetKey): Prisma.Sql | null {
  const f = ctx.filters;
  const eq = (col: string, type: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return null;
    const ref = Prisma.raw(`f."${col}"`);
    return values.length === 1
      ? Prisma.sql`${ref} = ${values[0]}::${Prisma.raw(type)}`
      : Prisma.sql`${ref} = ANY(${values}::${Prisma.raw(type)}[])`;
  };
  const at = (days: number) => new Date(ctx.now.getTime() + days * DAY_MS);
  const anyOf = (parts: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(parts, " OR ")})`;
  switch (key) {
    case "severity":
      return eq("severity", `"Severity"`, f.severity);
    case "status":
      return eq("status", `"FindingStatus"`, f.status);
    case "ruleId":
      return eq("ruleId", "text", f.ruleId);
    case "accountId":
      return eq("accountId", "text", f.accountId);
    case "businessUnitId":
      return eq("businessUnitId", "uuid", f.businessUnitId);
    case "ownerUserId":
      return eq("ownerUserId", "uuid", f.ownerUserId);
    case "age": {
      if (!f.age?.length) return null;
      const seen = Prisma.sql`f."firstSeenAt"`;
      const bounds = { "0-7": [null, -7], "7-30": [-7, -30], "30-90": [-30, -90], "90+": [-90, null] } as const;
      return anyOf(
        [...new Set(f.age)].map((a) => {
          const [upTo, after] = bounds[a];
          const c: Prisma.Sql[] = [];
          if (upTo !== null) c.push(Prisma.sql`${seen} <= ${at(upTo)}::timestamp`);
          if (after !== null) c.push(Prisma.sql`${seen} > ${at(after)}::timestamp`);
          return Prisma.sql`(${Prisma.join(c, " AND ")})`;
        }),
      );
    }
    case "sla": {
      if (!f.sla?.length) return null;
      const due = Prisma.sql`f."dueAt"`;
      const open = Prisma.sql`f.status = 'OPEN'::"FindingStatus"`;
      return anyOf(
        [...new Set(f.sla)].map((s) => {
          if (s === "NONE") return Prisma.sql`(${due} IS NULL OR f.status <> 'OPEN'::"FindingStatus")`;
          if (s === "BREACHED") return Prisma.sql`(${open} AND ${due} < ${at(0)}::timestamp)`;
          if (s === "DUE_SOON")
            return Prisma.sql`(${open} AND ${due} >= ${at(0)}::timestamp AND ${due} < ${at(7)}::timestamp)`;
          return Prisma.sql`(${open} AND ${due} >= ${at(7)}::timestamp)`;
        }),
      );
    }
  }
}

function whereSql(ctx: TQueryContext, omit?: TFacetKey): Prisma.Sql {
  const c = baseConds(ctx);
  for (const key of FACET_KEYS) {
    if (key === omit) continue;
    const p = facetPredicate(ctx, key);
    if (p) c.push(p);
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
  exactCountCap?: number;
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
    exactCap: opts.exactCountCap ?? FINDINGS_EXACT_COUNT_CAP,
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

/** The matching findings, counted up to the cap + 1. */
async function countFindingsCapped(ctx: TQueryContext): Promise<number> {
  const capped = await ctx.db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Finding" f WHERE ${whereSql(ctx)}
                                   LIMIT ${ctx.exactCap + 1}) s`);
  return capped[0]?.n ?? 0;
}

type TRawFacet = { scanned: number; value: string | null; count: number }[];
type TFacetValues = { value: string; count: number }[];

/** One facet under every other filter, exactly; null when more than the cap match. */
async function countFacetExact(ctx: TQueryContext, key: TFacetKey): Promise<TFacetValues | null> {
  const rows = await ctx.db.$queryRaw<TRawFacet>(Prisma.sql`
    WITH s AS MATERIALIZED (SELECT ${column(key, ctx.now)} AS value FROM "Finding" f WHERE ${whereSql(ctx, key)}
                             LIMIT ${ctx.exactCap + 1})
    SELECT (SELECT count(*) FROM s)::int AS scanned, value, count(*)::int AS count
      FROM s GROUP BY value ORDER BY count DESC, value LIMIT 100`);
  if ((rows[0]?.scanned ?? 0) > ctx.exactCap) return null;
  return rows.flatMap((r) => (r.value === null ? [] : [{ value: r.value, count: r.count }]));
}

interface TSampledFacets {
  /** per facet, its values' estimated counts (top 100) */
  values: Map<TFacetKey, TFacetValues>;
  /** per facet, the estimated findings under every other filter (null values included) */
  totals: Map<TFacetKey, number>;
  /** the estimated findings under every filter */
  total: number;
}

/**
 * Every facet, each under every other filter, and the list's total, estimated from one block
 * sample of the table: the sample is read once, each row carrying its facet values and whether
 * it passes each filter; a facet counts the rows passing all filters but its own.
 */
async function sampleFacets(ctx: TQueryContext): Promise<TSampledFacets> {
  const p = await samplePercent(ctx.db);
  const filtered = FACET_KEYS.flatMap((k) => {
    const pred = facetPredicate(ctx, k);
    return pred ? [{ key: k, pred }] : [];
  });
  // Typed columns (enums, uuids) keep the sampled rows small (in memory); text only when grouped.
  const raw = (k: TFacetKey) =>
    k === "age" || k === "sla" ? column(k, ctx.now) : Prisma.raw(`f."${k}"`);
  const cols = [
    ...FACET_KEYS.map((k) => Prisma.sql`${raw(k)} AS ${Prisma.raw(`"v_${k}"`)}`),
    ...filtered.map((x) => Prisma.sql`COALESCE(${x.pred}, false) AS ${Prisma.raw(`"p_${x.key}"`)}`),
  ];
  const passing = (but: TFacetKey | null) => {
    const flags = filtered.filter((x) => x.key !== but).map((x) => Prisma.raw(`"p_${x.key}"`));
    return flags.length ? Prisma.join(flags, " AND ") : Prisma.sql`true`;
  };
  const parts = [
    ...FACET_KEYS.map(
      (k) => Prisma.sql`SELECT ${k}::text AS key, ${Prisma.raw(`"v_${k}"`)}::text AS value, count(*)::int AS count
        FROM s WHERE ${passing(k)} GROUP BY 2`,
    ),
    Prisma.sql`SELECT '' AS key, NULL AS value, count(*)::int AS count FROM s WHERE ${passing(null)}`,
  ];
  const rows = await ctx.db.$queryRaw<{ key: TFacetKey | ""; value: string | null; count: number }[]>(Prisma.sql`
    WITH s AS MATERIALIZED (
      SELECT ${Prisma.join(cols, ", ")} FROM "Finding" f TABLESAMPLE SYSTEM (${p}::float8) REPEATABLE (7)
       WHERE ${Prisma.join(baseConds(ctx), " AND ")})
    ${Prisma.join(parts, " UNION ALL ")}`);
  const scale = 100 / p;
  const out: TSampledFacets = { values: new Map(FACET_KEYS.map((k) => [k, []])), totals: new Map(), total: 0 };
  for (const r of rows) {
    const n = Math.round(r.count * scale);
    if (r.key === "") {
      out.total = n;
      continue;
    }
    out.totals.set(r.key, (out.totals.get(r.key) ?? 0) + n);
    if (r.value !== null) out.values.get(r.key)?.push({ value: r.value, count: Math.max(1, n) });
  }
  for (const [k, v] of out.values)
    out.values.set(k, v.sort((x, y) => y.count - x.count || x.value.localeCompare(y.value)).slice(0, 100));
  return out;
}

/** A facet whose sample estimate is past this many times the cap is not worth an exact try. */
const EXACT_TRY_FACTOR = 3;

/**
 * The list's total and every facet under every other filter. The total is exact up to the
 * cap. One shared block sample estimates every facet; a facet is then counted exactly when
 * its sample estimate says it may be under the cap (a facet drops a filter, never adds one,
 * so when the list itself passed the cap no exact try is made).
 */
async function countListAndFacets(ctx: TQueryContext): Promise<{
  total: { value: number; exact: boolean };
  values: Map<TFacetKey, TFacetValues>;
  approximate: boolean;
}> {
  const [capped, sampled] = await Promise.all([countFindingsCapped(ctx), sampleFacets(ctx)]);
  if (capped > ctx.exactCap)
    return {
      total: { value: Math.max(ctx.exactCap + 1, sampled.total), exact: false },
      values: sampled.values,
      approximate: true,
    };
  const exact = await Promise.all(
    FACET_KEYS.map((k) =>
      (sampled.totals.get(k) ?? 0) <= EXACT_TRY_FACTOR * ctx.exactCap ? countFacetExact(ctx, k) : null,
    ),
  );
  const values = new Map<TFacetKey, TFacetValues>();
  FACET_KEYS.forEach((k, i) => values.set(k, exact[i] ?? sampled.values.get(k) ?? []));
  return { total: { value: capped, exact: true }, values, approximate: exact.some((v) => v === null) };
}

/** Sort columns a branch of the findings list hands to the merge (see `listFindingRows`). */
const SORT_COLUMNS = Prisma.sql`f.id, f.severity, f."firstSeenAt", f."lastSeenAt", f."dueAt"`;
/** Past this many index-ordered branches, one plain query (sorted once) does better. */
const MAX_BRANCHES = 24;

/**
 * The disjoint conjunctions the list's WHERE splits into, each of which an index reads in
 * the list's order: one per status asked for, times (for a BU_OWNER) one per owned unit plus
 * their own assignments outside those units. A single branch is the plain query.
 */
function listBranches(ctx: TQueryContext): Prisma.Sql[] {
  const statuses = ctx.filters.status && ctx.filters.status.length > 1 ? [...new Set(ctx.filters.status)] : [null];
  const owned = ctx.ownedBusinessUnits;
  const reach: (Prisma.Sql | null)[] = owned
    ? [
        ...owned.map((bu) => Prisma.sql`f."businessUnitId" = ${bu}::uuid`),
        Prisma.sql`f."ownerUserId" = ${ctx.scope.userId}::uuid
                   AND (f."businessUnitId" IS NULL OR NOT f."businessUnitId" = ANY(${owned}::uuid[]))`,
      ]
    : [null];
  const out: Prisma.Sql[] = [];
  for (const st of statuses)
    for (const r of reach) {
      const c: Prisma.Sql[] = [];
      if (st) c.push(Prisma.sql`f.status = ${st}::"FindingStatus"`);
      if (r) c.push(r);
      out.push(c.length ? Prisma.join(c, " AND ") : Prisma.sql`true`);
    }
  return out;
}

/**
 * One page of the list. A WHERE with an OR (several statuses, a BU_OWNER's reach) cannot be
 * read from an index in order, so Postgres would sort every match: each disjoint branch is
 * read in order up to the page's end instead, and the branches are merged.
 */
async function listFindingRows(
  ctx: TQueryContext,
  order: Prisma.Sql,
  page: { size: number; offset: number },
): Promise<TFindingRow[]> {
  const where = whereSql(ctx);
  const branches = listBranches(ctx);
  if (branches.length === 1 || branches.length > MAX_BRANCHES)
    return ctx.db.$queryRaw<TFindingRow[]>(Prisma.sql`
      SELECT ${SELECT_ROW(ctx.now)} FROM "Finding" f JOIN "Resource" r ON r.id = f."resourceId"
       WHERE ${where} ORDER BY ${order}, f.id LIMIT ${page.size} OFFSET ${page.offset}`);
  const end = page.offset + page.size;
  const parts = branches.map(
    (b) => Prisma.sql`(SELECT ${SORT_COLUMNS} FROM "Finding" f WHERE ${where} AND ${b} ORDER BY ${order}, f.id LIMIT ${end})`,
  );
  return ctx.db.$queryRaw<TFindingRow[]>(Prisma.sql`
    WITH cand AS (${Prisma.join(parts, " UNION ALL ")}),
    pick AS (SELECT f.id FROM cand f ORDER BY ${order}, f.id LIMIT ${page.size} OFFSET ${page.offset})
    SELECT ${SELECT_ROW(ctx.now)} FROM pick JOIN "Finding" f ON f.id = pick.id JOIN "Resource" r ON r.id = f."resourceId"
     ORDER BY ${order}, f.id`);
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
  /** counts are exact up to this many matches, then estimated (default FINDINGS_EXACT_COUNT_CAP) */
  exactCountCap?: number;
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
  const { db } = ctx;
  const [rows, counted] = await Promise.all([listFindingRows(ctx, order, page), countListAndFacets(ctx)]);
  const { total } = counted;
  const facetValues = counted.values;
  const facets = Object.fromEntries(FACET_KEYS.map((k) => [k, facetValues.get(k) ?? []])) as Record<
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
    approximate: counted.approximate,
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
