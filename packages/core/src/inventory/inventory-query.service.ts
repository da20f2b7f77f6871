import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { listOwnedBusinessUnitIds } from "../suppressions/suppression.service";
import {
  INVENTORY_FACET_KEYS,
  SQL_RESOURCE_BU,
  sqlFacetValue,
  sqlInventoryBase,
  sqlInventoryCtes,
  sqlInventoryFacetPredicate,
  sqlInventoryWhere,
  ZInventoryFilters,
  type TInventoryFacetKey,
  type TInventoryFilters,
  type TInventoryWhere,
} from "./inventory-query.sql";

export {
  ZInventoryFilters,
  type TInventoryFilters,
  type TInventoryFacetKey,
} from "./inventory-query.sql";

export const INVENTORY_SORTS = ["arn", "type", "lastSeen"] as const;
export const ZInventorySort = z.object({
  by: z.enum(INVENTORY_SORTS).default("arn"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});
export type TInventorySort = z.input<typeof ZInventorySort>;

export const ZInventoryPage = z.object({
  size: z.number().int().min(1).max(200).default(50),
  /** opaque keyset cursors from a previous page's `pageInfo` */
  after: z.string().max(2000).optional(),
  before: z.string().max(2000).optional(),
});
export type TInventoryPage = z.input<typeof ZInventoryPage>;

/** Counts stop at this many matching resources; beyond it they are estimated from a sample. */
export const INVENTORY_EXACT_COUNT_CAP = 2_000;
/** Rows read by a sampled (approximate) count. */
const SAMPLE_ROWS = 10_000;

export interface TResourceRow {
  id: string;
  resourceId: string;
  name: string | null;
  resourceType: string;
  service: string;
  accountId: string;
  region: string;
  businessUnitId: string | null;
  businessUnitName: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  deletedAt: Date | null;
  openFindings: number;
}

export interface TCount {
  value: number;
  /** false: at least INVENTORY_EXACT_COUNT_CAP matched and `value` is an estimate */
  exact: boolean;
}

export interface TFacetValue {
  value: string;
  label: string;
  count: number;
}
export interface TFacet {
  values: TFacetValue[];
  /** counts estimated from a sample of the table (more than the cap matched) */
  approximate: boolean;
}

async function createWhere(
  db: TDb,
  scope: TTenantScope,
  filters: TInventoryFilters | undefined,
): Promise<TInventoryWhere> {
  const parsed = ZInventoryFilters.safeParse(filters ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  const owned = scope.role === "BU_OWNER" ? await listOwnedBusinessUnitIds(db, scope) : null;
  return { tenantId: scope.tenantId, filters: parsed.data, ownedBusinessUnits: owned };
}

// ───────────────────────────── keyset cursors ─────────────────────────────

const ZCursor = z.tuple([z.string(), z.string().min(1)]);

function encodeCursor(by: (typeof INVENTORY_SORTS)[number], row: TResourceRow): string {
  const key = by === "arn" ? "" : by === "type" ? row.resourceType : row.lastSeenAt.toISOString();
  return Buffer.from(JSON.stringify([key, row.resourceId])).toString("base64url");
}

function decodeCursor(cursor: string): [string, string] {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new AppError("VALIDATION", "The page cursor is not valid: start from the first page.");
  }
}

function sortColumn(by: (typeof INVENTORY_SORTS)[number]): Prisma.Sql | null {
  if (by === "type") return Prisma.sql`r."resourceType"`;
  if (by === "lastSeen") return Prisma.sql`r."lastSeenAt"`;
  return null;
}

/**
 * One page of the inventory, keyset-paged on (tenantId, sort key, resourceId) so page 20,000
 * costs what page 1 costs. Filters are those of `ZInventoryFilters`; a BU_OWNER sees only
 * the resources of their business units. `total` is exact up to INVENTORY_EXACT_COUNT_CAP.
 */
export async function listResources(opts: {
  db: TDb;
  scope: TTenantScope;
  filters?: TInventoryFilters;
  sort?: TInventorySort;
  page?: TInventoryPage;
}): Promise<{
  rows: TResourceRow[];
  pageInfo: { next: string | null; prev: string | null };
  total: TCount;
}> {
  authorize(opts.scope, "inventory.read");
  const { db, scope } = opts;
  const w = await createWhere(db, scope, opts.filters);
  const sort = ZInventorySort.safeParse(opts.sort ?? {});
  const page = ZInventoryPage.safeParse(opts.page ?? {});
  if (!sort.success) throw new AppError("VALIDATION", z.prettifyError(sort.error));
  if (!page.success) throw new AppError("VALIDATION", z.prettifyError(page.error));
  const { by, dir } = sort.data;
  const { size, after, before } = page.data;
  if (after && before) throw new AppError("VALIDATION", "Give one page cursor, not two.");

  const backwards = Boolean(before);
  const ascending = (dir === "asc") !== backwards;
  const order = Prisma.raw(ascending ? "ASC" : "DESC");
  const cmp = Prisma.raw(ascending ? ">" : "<");
  const col = sortColumn(by);
  const conds: Prisma.Sql[] = [sqlInventoryWhere(w)];
  const cursor = after ?? before;
  if (cursor) {
    const [key, arn] = decodeCursor(cursor);
    if (!col) conds.push(Prisma.sql`r."resourceId" ${cmp} ${arn}`);
    else if (by === "lastSeen") {
      if (Number.isNaN(Date.parse(key)))
        throw new AppError("VALIDATION", "The page cursor is not valid.");
      conds.push(Prisma.sql`(${col}, r."resourceId") ${cmp} (${key}::timestamp, ${arn})`);
    } else conds.push(Prisma.sql`(${col}, r."resourceId") ${cmp} (${key}, ${arn})`);
  }
  const orderBy = col
    ? Prisma.sql`${col} ${order}, r."resourceId" ${order}`
    : Prisma.sql`r."resourceId" ${order}`;

  const [fetched, total] = await Promise.all([
    db.$queryRaw<TResourceRow[]>(Prisma.sql`${sqlInventoryCtes(scope.tenantId)}
      SELECT r.id::text AS id, r."resourceId", r.name, r."resourceType", r.service, r."accountId", r.region,
             bu.id::text AS "businessUnitId", bu.name AS "businessUnitName", r."firstSeenAt", r."lastSeenAt", r."deletedAt",
             (SELECT count(*) FROM "Finding" f WHERE f."tenantId" = ${scope.tenantId}::uuid
                 AND f."resourceId" = r.id AND f.status = 'OPEN')::int AS "openFindings"
        FROM "Resource" r
        LEFT JOIN "BusinessUnit" bu ON bu.id = ${SQL_RESOURCE_BU} AND bu."tenantId" = ${scope.tenantId}::uuid
       WHERE ${Prisma.join(conds, " AND ")}
       ORDER BY ${orderBy}
       LIMIT ${size + 1}`),
    countResources(db, w),
  ]);
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const next = last && (backwards || more) ? encodeCursor(by, last) : null;
  const prev = first && (backwards ? more : Boolean(after)) ? encodeCursor(by, first) : null;
  return { rows, pageInfo: { next, prev }, total };
}

/** The fraction (in percent) of the Resource table a sample must read to see ~SAMPLE_ROWS rows. */
async function samplePercent(db: TDb): Promise<number> {
  const rows = await db.$queryRaw<{ n: number }[]>(
    Prisma.sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = '"Resource"'::regclass`,
  );
  const n = rows[0]?.n ?? -1;
  if (!(n > 0)) return 100;
  return Math.min(100, Math.max(0.001, (100 * SAMPLE_ROWS) / n));
}

/** Exact count up to the cap, else an estimate from a block sample of the table. */
/** Counts are exact up to this many (a test may lower it to reach the sampled path). */
const capOf = (w: TInventoryWhere) => w.exactCap ?? INVENTORY_EXACT_COUNT_CAP;

/** The matching resources, counted up to the cap + 1. */
async function countResourcesCapped(db: TDb, w: TInventoryWhere): Promise<number> {
  const capped = await db.$queryRaw<{ n: number }[]>(Prisma.sql`${sqlInventoryCtes(w.tenantId)}
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Resource" r WHERE ${sqlInventoryWhere(w)}
                                   LIMIT ${capOf(w) + 1}) s`);
  return capped[0]?.n ?? 0;
}

async function countResources(db: TDb, w: TInventoryWhere): Promise<TCount> {
  const n = await countResourcesCapped(db, w);
  if (n <= capOf(w)) return { value: n, exact: true };
  const p = await samplePercent(db);
  const sampled = await db.$queryRaw<{ n: number }[]>(Prisma.sql`${sqlInventoryCtes(w.tenantId)}
    SELECT count(*)::int AS n FROM "Resource" r TABLESAMPLE SYSTEM (${p}::float8) REPEATABLE (7)
     WHERE ${sqlInventoryWhere(w)}`);
  const estimate = Math.round(((sampled[0]?.n ?? 0) * 100) / p);
  return { value: Math.max(capOf(w) + 1, estimate), exact: false };
}

type TRawFacet = { scanned: number; value: string | null; count: number }[];
type TRawValues = { value: string; count: number }[];

/** Group the matching rows by `value` (a scalar expression or a set-returning `FROM` item),
 *  exactly; null when more than the cap match. */
async function queryFacetExact(
  db: TDb,
  w: TInventoryWhere,
  omit: TInventoryFacetKey,
  select: Prisma.Sql,
  expand: Prisma.Sql | null,
  limit: number,
): Promise<TRawValues | null> {
  const rows = await db.$queryRaw<TRawFacet>(Prisma.sql`${sqlInventoryCtes(w.tenantId)},
      s AS MATERIALIZED (SELECT ${select} FROM "Resource" r WHERE ${sqlInventoryWhere(w, omit)}
                         LIMIT ${capOf(w) + 1})
      SELECT (SELECT count(*) FROM s)::int AS scanned, value, count(*)::int AS count
        FROM s ${expand ?? Prisma.empty} GROUP BY value ORDER BY count DESC, value LIMIT ${limit}`);
  if ((rows[0]?.scanned ?? 0) > capOf(w)) return null;
  return rows.flatMap((r) => (r.value === null ? [] : [{ value: r.value, count: r.count }]));
}

/**
 * Facets `specs`, each under every other filter, estimated from one block sample of the
 * table: read once, each sampled row carrying its facet values and whether it passes each
 * filter; every facet counts the rows passing all filters but its own.
 */
async function sampleFacets(
  db: TDb,
  w: TInventoryWhere,
  specs: readonly TFacetSpec[],
): Promise<Map<TInventoryFacetKey, TRawValues>> {
  const out = new Map<TInventoryFacetKey, TRawValues>(specs.map((x) => [x.key, []]));
  if (specs.length === 0) return out;
  const p = await samplePercent(db);
  const filtered = INVENTORY_FACET_KEYS.flatMap((k) => {
    const pred = sqlInventoryFacetPredicate(w, k);
    return pred ? [{ key: k, pred }] : [];
  });
  const v = (k: TInventoryFacetKey) => Prisma.raw(`"v_${k}"`);
  const cols = [
    ...specs.map((x) => Prisma.sql`${x.sampled} AS ${v(x.key)}`),
    ...filtered.map((x) => Prisma.sql`COALESCE(${x.pred}, false) AS ${Prisma.raw(`"p_${x.key}"`)}`),
  ];
  const parts = specs.map((x) => {
    const others = filtered.filter((f) => f.key !== x.key).map((f) => Prisma.raw(`s."p_${f.key}"`));
    const where = others.length ? Prisma.join(others, " AND ") : Prisma.sql`true`;
    return x.key === "tag"
      ? Prisma.sql`SELECT 'tag' AS key, e.value, count(*)::int AS count FROM s
          CROSS JOIN LATERAL (SELECT e.key || '=' || e.value AS value FROM jsonb_each_text(
            CASE WHEN jsonb_typeof(s."v_tag") = 'object' THEN s."v_tag" ELSE '{}'::jsonb END) e) e
          WHERE ${where} GROUP BY 2`
      : Prisma.sql`SELECT ${x.key}::text AS key, ${v(x.key)} AS value, count(*)::int AS count FROM s WHERE ${where} GROUP BY 2`;
  });
  const rows = await db.$queryRaw<{ key: TInventoryFacetKey; value: string | null; count: number }[]>(
    Prisma.sql`${sqlInventoryCtes(w.tenantId)},
      s AS MATERIALIZED (
        SELECT ${Prisma.join(cols, ", ")} FROM "Resource" r TABLESAMPLE SYSTEM (${p}::float8) REPEATABLE (7)
         WHERE ${Prisma.join(sqlInventoryBase(w), " AND ")})
      ${Prisma.join(parts, " UNION ALL ")}`,
  );
  for (const r of rows)
    if (r.value !== null) out.get(r.key)?.push({ value: r.value, count: Math.round(r.count * (100 / p)) });
  for (const x of specs)
    out.set(
      x.key,
      (out.get(x.key) ?? [])
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
        .slice(0, x.limit),
    );
  return out;
}

/** How a facet is counted: its value per row (exact query and sample) and how many values. */
interface TFacetSpec {
  key: TInventoryFacetKey;
  /** the exact query's select list (a `value` column, or `r.tags` expanded by `expand`) */
  select: Prisma.Sql;
  expand: Prisma.Sql | null;
  /** the value column in the shared sample */
  sampled: Prisma.Sql;
  limit: number;
}

/**
 * Every facet: exact while at most the cap of resources match it, else from one shared block
 * sample. When the list itself passes the cap, so does every facet (a facet drops a filter,
 * never adds one): all go to the sample at once, with no exact attempt.
 */
async function queryFacets(
  db: TDb,
  w: TInventoryWhere,
  specs: readonly TFacetSpec[],
): Promise<{ values: Map<TInventoryFacetKey, TRawValues>; approximate: Set<TInventoryFacetKey> }> {
  const total = await countResourcesCapped(db, w);
  const exact =
    total > capOf(w)
      ? specs.map(() => null)
      : await Promise.all(specs.map((x) => queryFacetExact(db, w, x.key, x.select, x.expand, x.limit)));
  const values = new Map<TInventoryFacetKey, TRawValues>();
  specs.forEach((x, i) => {
    const v = exact[i];
    if (v) values.set(x.key, v);
  });
  const rest = specs.filter((x) => !values.has(x.key));
  for (const [k, v] of await sampleFacets(db, w, rest)) values.set(k, v);
  return { values, approximate: new Set(rest.map((x) => x.key)) };
}

const SCALAR_FACETS = [
  "accountId",
  "region",
  "service",
  "resourceType",
  "businessUnitId",
  "hasFindings",
] as const;

/**
 * Facet counts for the inventory filters, each facet counted under every other filter.
 * Exact while at most INVENTORY_EXACT_COUNT_CAP resources match, else estimated from a
 * block sample (`approximate`), so a facet never scans a million rows.
 */
export async function listResourceFacets(opts: {
  db: TDb;
  scope: TTenantScope;
  filters?: TInventoryFilters;
  /** counts are exact up to this many matches, then estimated (INVENTORY_EXACT_COUNT_CAP) */
  exactCountCap?: number;
}): Promise<Record<TInventoryFacetKey, TFacet>> {
  authorize(opts.scope, "inventory.read");
  const { db, scope } = opts;
  const w = { ...(await createWhere(db, scope, opts.filters)), exactCap: opts.exactCountCap };
  const t = scope.tenantId;
  const specs: TFacetSpec[] = [
    ...SCALAR_FACETS.map((k) => ({
      key: k,
      select: Prisma.sql`${sqlFacetValue(k, t)} AS value`,
      expand: null,
      sampled: Prisma.sql`${sqlFacetValue(k, t)}`,
      limit: k === "resourceType" ? 100 : 200,
    })),
    {
      key: "tag",
      select: Prisma.sql`r.tags`,
      expand: Prisma.sql`CROSS JOIN LATERAL (SELECT e.key || '=' || e.value AS value FROM jsonb_each_text(CASE WHEN jsonb_typeof(s.tags) = 'object' THEN s.tags ELSE '{}'::jsonb END) e) e`,
      sampled: Prisma.sql`r.tags`,
      limit: 40,
    },
    // OUs are counted from per-account counts (below), with the OU filter left out.
    { key: "ouId", select: Prisma.sql`r."accountId" AS value`, expand: null, sampled: Prisma.sql`r."accountId"`, limit: 1000 },
  ];
  const [counted, accounts, ous, units] = await Promise.all([
    queryFacets(db, w, specs),
    db.awsAccount.findMany({ where: { tenantId: t }, select: { accountId: true, name: true } }),
    db.organizationalUnit.findMany({
      where: { tenantId: t, deletedAt: null },
      select: { ouId: true, name: true },
    }),
    db.businessUnit.findMany({ where: { tenantId: t }, select: { id: true, name: true } }),
  ]);
  const raw = (k: TInventoryFacetKey) => counted.values.get(k) ?? [];
  const accountName = new Map(accounts.map((a) => [a.accountId, a.name]));
  const ouName = new Map(ous.map((o) => [o.ouId, o.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const label = (k: TInventoryFacetKey, v: string): string => {
    if (k === "accountId") return accountName.has(v) ? `${accountName.get(v)} (${v})` : v;
    if (k === "ouId") return ouName.get(v) ?? v;
    if (k === "businessUnitId") return unitName.get(v) ?? v;
    if (k === "hasFindings") return v === "yes" ? "With open findings" : "Without open findings";
    return v;
  };
  const facets = {} as Record<TInventoryFacetKey, TFacet>;
  for (const k of SCALAR_FACETS)
    facets[k] = {
      approximate: counted.approximate.has(k),
      values: raw(k).map((r) => ({ ...r, label: label(k, r.value) })),
    };
  facets.tag = {
    approximate: counted.approximate.has("tag"),
    values: raw("tag").map((r) => ({ ...r, label: r.value })),
  };

  // OUs: every OU above each account, counted from the per-account counts (OU filter left out).
  const chain = await db.$queryRaw<
    { account_id: string; ou_id: string }[]
  >(Prisma.sql`${sqlInventoryCtes(t)}
    SELECT DISTINCT account_id, ou_id FROM account_ou`);
  const perAccount = new Map(raw("ouId").map((r) => [r.value, r.count]));
  const byOu = new Map<string, number>();
  for (const c of chain) {
    const n = perAccount.get(c.account_id);
    if (n) byOu.set(c.ou_id, (byOu.get(c.ou_id) ?? 0) + n);
  }
  facets.ouId = {
    approximate: counted.approximate.has("ouId"),
    values: [...byOu]
      .map(([value, count]) => ({ value, count, label: label("ouId", value) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
  return facets;
}
