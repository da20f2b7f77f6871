import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { listOwnedBusinessUnitIds } from "../suppressions/suppression.service";
import {
  SQL_RESOURCE_BU,
  sqlFacetValue,
  sqlInventoryCtes,
  sqlInventoryWhere,
  queryOwnedReach,
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
  return {
    tenantId: scope.tenantId,
    filters: parsed.data,
    ownedBusinessUnits: owned,
    ownedReach: owned ? await queryOwnedReach(db, scope.tenantId, owned) : null,
  };
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
async function countResources(db: TDb, w: TInventoryWhere): Promise<TCount> {
  const capped = await db.$queryRaw<{ n: number }[]>(Prisma.sql`${sqlInventoryCtes(w.tenantId)}
    SELECT count(*)::int AS n FROM (SELECT 1 FROM "Resource" r WHERE ${sqlInventoryWhere(w)}
                                   LIMIT ${INVENTORY_EXACT_COUNT_CAP + 1}) s`);
  const n = capped[0]?.n ?? 0;
  if (n <= INVENTORY_EXACT_COUNT_CAP) return { value: n, exact: true };
  const p = await samplePercent(db);
  const sampled = await db.$queryRaw<{ n: number }[]>(Prisma.sql`${sqlInventoryCtes(w.tenantId)}
    SELECT count(*)::int AS n FROM "Resource" r TABLESAMPLE SYSTEM (${p}::float8) REPEATABLE (7)
     WHERE ${sqlInventoryWhere(w)}`);
  const estimate = Math.round(((sampled[0]?.n ?? 0) * 100) / p);
  return { value: Math.max(INVENTORY_EXACT_COUNT_CAP + 1, estimate), exact: false };
}

type TRawFacet = { scanned: number; value: string | null; count: number }[];

/** Group the matching rows by `value` (a scalar expression or a set-returning `FROM` item). */
async function queryFacet(
  db: TDb,
  w: TInventoryWhere,
  omit: TInventoryFacetKey,
  select: Prisma.Sql,
  expand: Prisma.Sql | null,
  limit: number,
): Promise<TFacet & { raw: { value: string; count: number }[] }> {
  const run = (from: Prisma.Sql, cap: Prisma.Sql) =>
    db.$queryRaw<TRawFacet>(Prisma.sql`${sqlInventoryCtes(w.tenantId)},
      s AS MATERIALIZED (SELECT ${select} FROM ${from} WHERE ${sqlInventoryWhere(w, omit)} ${cap})
      SELECT (SELECT count(*) FROM s)::int AS scanned, value, count(*)::int AS count
        FROM s ${expand ?? Prisma.empty} GROUP BY value ORDER BY count DESC, value LIMIT ${limit}`);
  const exact = await run(
    Prisma.sql`"Resource" r`,
    Prisma.sql`LIMIT ${INVENTORY_EXACT_COUNT_CAP + 1}`,
  );
  const clean = (rows: TRawFacet, scale: number) =>
    rows
      .filter((r): r is TRawFacet[number] & { value: string } => r.value !== null)
      .map((r) => ({ value: r.value, count: Math.round(r.count * scale) }));
  if ((exact[0]?.scanned ?? 0) <= INVENTORY_EXACT_COUNT_CAP) {
    const raw = clean(exact, 1);
    return { raw, values: [], approximate: false };
  }
  const p = await samplePercent(db);
  const sampled = await run(
    Prisma.sql`"Resource" r TABLESAMPLE SYSTEM (${p}::float8) REPEATABLE (7)`,
    Prisma.empty,
  );
  return { raw: clean(sampled, 100 / p), values: [], approximate: true };
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
}): Promise<Record<TInventoryFacetKey, TFacet>> {
  authorize(opts.scope, "inventory.read");
  const { db, scope } = opts;
  const w = await createWhere(db, scope, opts.filters);
  const t = scope.tenantId;
  const [scalars, tags, byAccountForOu, accounts, ous, units] = await Promise.all([
    Promise.all(
      SCALAR_FACETS.map((k) =>
        queryFacet(
          db,
          w,
          k,
          Prisma.sql`${sqlFacetValue(k, t)} AS value`,
          null,
          k === "resourceType" ? 100 : 200,
        ),
      ),
    ),
    queryFacet(
      db,
      w,
      "tag",
      Prisma.sql`r.tags`,
      Prisma.sql`CROSS JOIN LATERAL (SELECT e.key || '=' || e.value AS value FROM jsonb_each_text(CASE WHEN jsonb_typeof(s.tags) = 'object' THEN s.tags ELSE '{}'::jsonb END) e) e`,
      40,
    ),
    queryFacet(db, w, "ouId", Prisma.sql`r."accountId" AS value`, null, 1000),
    db.awsAccount.findMany({ where: { tenantId: t }, select: { accountId: true, name: true } }),
    db.organizationalUnit.findMany({
      where: { tenantId: t, deletedAt: null },
      select: { ouId: true, name: true },
    }),
    db.businessUnit.findMany({ where: { tenantId: t }, select: { id: true, name: true } }),
  ]);
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
  SCALAR_FACETS.forEach((k, i) => {
    const f = scalars[i]!;
    facets[k] = {
      approximate: f.approximate,
      values: f.raw.map((r) => ({ ...r, label: label(k, r.value) })),
    };
  });
  facets.tag = {
    approximate: tags.approximate,
    values: tags.raw.map((r) => ({ ...r, label: r.value })),
  };

  // OUs: every OU above each account, counted from the per-account counts (OU filter left out).
  const chain = await db.$queryRaw<
    { account_id: string; ou_id: string }[]
  >(Prisma.sql`${sqlInventoryCtes(t)}
    SELECT DISTINCT account_id, ou_id FROM account_ou`);
  const perAccount = new Map(byAccountForOu.raw.map((r) => [r.value, r.count]));
  const byOu = new Map<string, number>();
  for (const c of chain) {
    const n = perAccount.get(c.account_id);
    if (n) byOu.set(c.ou_id, (byOu.get(c.ou_id) ?? 0) + n);
  }
  facets.ouId = {
    approximate: byAccountForOu.approximate,
    values: [...byOu]
      .map(([value, count]) => ({ value, count, label: label("ouId", value) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
  return facets;
}
