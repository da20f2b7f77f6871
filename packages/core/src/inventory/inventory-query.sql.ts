import { Prisma } from "@guardrail/db";
import { z } from "zod";
import { sqlAccountOuChain } from "../business-units/account-ou-chain";

/** A filter given once (`?region=eu-west-1`) or many times. */
const list = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item).max(200)])
    .transform((v): z.output<T>[] => (Array.isArray(v) ? v : [v]))
    .optional();

export const ZInventoryFilters = z.object({
  /** contains-search over name, ARN / id and tag keys and values (case-insensitive) */
  q: z.string().trim().min(1).max(200).optional(),
  accountId: list(z.string().regex(/^\d{12}$/, "An AWS account id has 12 digits.")),
  ouId: list(z.string().regex(/^(ou-|r-)[a-z0-9-]+$/, "Not an OU or root id.")),
  businessUnitId: list(z.guid()),
  region: list(z.string().regex(/^[a-z0-9-]+$/)),
  service: list(z.string().regex(/^[a-z0-9-]+$/)),
  resourceType: list(z.string().regex(/^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/)),
  /** `key=value` (that tag with that value) or `key` (the tag is present) */
  tag: list(z.string().min(1).max(300)),
  hasFindings: z.enum(["yes", "no"]).optional(),
  /** deleted resources are hidden unless asked for */
  deleted: z.enum(["exclude", "include", "only"]).default("exclude"),
});
export type TInventoryFilters = z.input<typeof ZInventoryFilters>;
export type TParsedInventoryFilters = z.output<typeof ZInventoryFilters>;

export type TInventoryFacetKey =
  | "accountId"
  | "ouId"
  | "businessUnitId"
  | "region"
  | "service"
  | "resourceType"
  | "tag"
  | "hasFindings";

/** The CTEs (`WITH RECURSIVE …`) every inventory query starts with: `account_ou`, the OUs above each account. */
export function sqlInventoryCtes(tenantId: string): Prisma.Sql {
  return Prisma.sql`WITH RECURSIVE account_ou AS (${sqlAccountOuChain(tenantId)})`;
}

/**
 * The business unit of resource `r`: stored on the row when it is written and whenever the
 * mappings or the organization change (`refreshResourceBusinessUnits`), by the same mapping
 * order as findings' owners: resource tag → account tag → account → OU → the default unit.
 */
export const SQL_RESOURCE_BU = Prisma.sql`r."businessUnitId"`;

export function sqlHasOpenFindings(tenantId: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Finding" f WHERE f."tenantId" = ${tenantId}::uuid
    AND f."resourceId" = r.id AND f.status = 'OPEN')`;
}

/** The search expression the trigram index "Resource_search_trgm" is built on. */
const SEARCH_EXPR = Prisma.sql`lower(coalesce(r."name", '') || ' ' || r."resourceId")`;
/** The expression of the trigram index "Resource_tags_trgm". */
const TAGS_EXPR = Prisma.sql`lower(r."tags"::text)`;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export interface TInventoryWhere {
  tenantId: string;
  filters: TParsedInventoryFilters;
  /** the business units a BU_OWNER owns; null = every resource of the tenant */
  ownedBusinessUnits: string[] | null;
  /** counts are exact up to this many matches (default INVENTORY_EXACT_COUNT_CAP) */
  exactCap?: number;
}

/** The conditions no facet leaves out: tenant, deleted, a BU_OWNER's reach and the search. */
export function sqlInventoryBase(w: TInventoryWhere): Prisma.Sql[] {
  const f = w.filters;
  const c: Prisma.Sql[] = [Prisma.sql`r."tenantId" = ${w.tenantId}::uuid`];
  if (f.deleted === "exclude") c.push(Prisma.sql`r."deletedAt" IS NULL`);
  if (f.deleted === "only") c.push(Prisma.sql`r."deletedAt" IS NOT NULL`);
  if (w.ownedBusinessUnits)
    c.push(Prisma.sql`${SQL_RESOURCE_BU} = ANY(${w.ownedBusinessUnits}::uuid[])`);
  if (f.q) {
    const like = `%${escapeLike(f.q.toLowerCase())}%`;
    c.push(Prisma.sql`(${SEARCH_EXPR} LIKE ${like} OR ${TAGS_EXPR} LIKE ${like})`);
  }
  return c;
}

export const INVENTORY_FACET_KEYS: readonly TInventoryFacetKey[] = [
  "accountId",
  "ouId",
  "businessUnitId",
  "region",
  "service",
  "resourceType",
  "tag",
  "hasFindings",
];

/** The predicate of facet filter `key` over `r` ("Resource"); null when it is not set. */
export function sqlInventoryFacetPredicate(
  w: TInventoryWhere,
  key: TInventoryFacetKey,
): Prisma.Sql | null {
  const f = w.filters;
  const inList = (col: Prisma.Sql, values: readonly string[] | undefined) =>
    values && values.length > 0 ? Prisma.sql`${col} = ANY(${values}::text[])` : null;
  switch (key) {
    case "accountId":
      return inList(Prisma.sql`r."accountId"`, f.accountId);
    case "region":
      return inList(Prisma.sql`r.region`, f.region);
    case "service":
      return inList(Prisma.sql`r.service`, f.service);
    case "resourceType":
      return inList(Prisma.sql`r."resourceType"`, f.resourceType);
    case "businessUnitId":
      return f.businessUnitId?.length
        ? Prisma.sql`${SQL_RESOURCE_BU} = ANY(${f.businessUnitId}::uuid[])`
        : null;
    case "ouId":
      return f.ouId?.length
        ? Prisma.sql`r."accountId" IN (SELECT account_id FROM account_ou WHERE ou_id = ANY(${f.ouId}::text[]))`
        : null;
    case "tag": {
      if (!f.tag?.length) return null;
      // Several tags: the resource carries all of them.
      return Prisma.join(
        f.tag.map((t) => {
          const i = t.indexOf("=");
          return i < 0
            ? Prisma.sql`r.tags ? ${t}`
            : Prisma.sql`r.tags @> jsonb_build_object(${t.slice(0, i)}::text, ${t.slice(i + 1)}::text)`;
        }),
        " AND ",
      );
    }
    case "hasFindings":
      if (!f.hasFindings) return null;
      return f.hasFindings === "yes"
        ? sqlHasOpenFindings(w.tenantId)
        : Prisma.sql`NOT ${sqlHasOpenFindings(w.tenantId)}`;
  }
}

/** The predicate over `r` ("Resource") for the filters, leaving out facet `omit`. */
export function sqlInventoryWhere(w: TInventoryWhere, omit?: TInventoryFacetKey): Prisma.Sql {
  const c = sqlInventoryBase(w);
  for (const key of INVENTORY_FACET_KEYS) {
    if (key === omit) continue;
    const p = sqlInventoryFacetPredicate(w, key);
    if (p) c.push(p);
  }
  return Prisma.join(c, " AND ");
}

/** The value of a (scalar) facet for resource `r`. */
export function sqlFacetValue(
  key: Exclude<TInventoryFacetKey, "tag" | "ouId">,
  tenantId: string,
): Prisma.Sql {
  switch (key) {
    case "accountId":
      return Prisma.sql`r."accountId"`;
    case "region":
      return Prisma.sql`r.region`;
    case "service":
      return Prisma.sql`r.service`;
    case "resourceType":
      return Prisma.sql`r."resourceType"`;
    case "businessUnitId":
      return Prisma.sql`(${SQL_RESOURCE_BU})::text`;
    case "hasFindings":
      return Prisma.sql`(CASE WHEN ${sqlHasOpenFindings(tenantId)} THEN 'yes' ELSE 'no' END)`;
  }
}
