import { Prisma } from "@guardrail/db";
import type { TSqlExecutor } from "../findings/sql-executor";
import { sqlOwnerCtes } from "./owner-resolution.repository";

/**
 * The business unit of a resource with tags `tags` in account `accountId`, over the owner CTEs
 * (`sqlOwnerCtes`): its first resource-tag mapping (by creation), else its account's unit
 * (account tag → account → nearest OU), else the default unit — the order findings' owners
 * are resolved in. Correlated lookups: meant for CTEs narrowed to a few accounts.
 */
export function sqlResourceUnit(e: { tags: Prisma.Sql; accountId: Prisma.Sql }): Prisma.Sql {
  return Prisma.sql`COALESCE(
    (SELECT tm.bu_id FROM tag_maps tm
      WHERE ${e.tags} ? tm.tag_key AND (tm.tag_value IS NULL OR ${e.tags}->>tm.tag_key = tm.tag_value)
      ORDER BY tm.created, tm.id LIMIT 1),
    (SELECT ab.bu_id FROM acct_bu ab WHERE ab.account_id = ${e.accountId}),
    (SELECT id FROM default_bu))`;
}

/**
 * Re-resolves the stored `Resource.businessUnitId` of the tenant's resources (deleted ones
 * included, or only those of `accountIds`) under the current mappings and organization, and
 * writes the rows whose unit changed. Run it after a mapping, default unit or organization
 * change (in the same transaction): the inventory's unit filter and a BU_OWNER's reach read the
 * stored unit. Returns how many resources changed unit.
 */
export async function refreshResourceBusinessUnits(
  tx: TSqlExecutor,
  opts: { tenantId: string; accountIds?: readonly string[] },
): Promise<number> {
  const t = Prisma.sql`${opts.tenantId}::uuid`;
  const only = opts.accountIds
    ? Prisma.sql`AND r."accountId" = ANY(${opts.accountIds}::text[])`
    : Prisma.empty;
  // One pass over the tenant's resources (hash join to the account units, a tag-mapping lookup
  // only when the tenant has such mappings); only the rows that change are updated.
  const rows = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(opts.tenantId, { accountIds: opts.accountIds })},
    calc AS MATERIALIZED (
      SELECT r.id, x.bu_id
        FROM "Resource" r
        LEFT JOIN acct_bu ab ON ab.account_id = r."accountId"
        LEFT JOIN LATERAL (
          SELECT tm.bu_id FROM tag_maps tm
           WHERE r.tags ? tm.tag_key AND (tm.tag_value IS NULL OR r.tags->>tm.tag_key = tm.tag_value)
           ORDER BY tm.created, tm.id LIMIT 1
        ) rt ON EXISTS (SELECT 1 FROM tag_maps)
        CROSS JOIN LATERAL (SELECT COALESCE(rt.bu_id, ab.bu_id, (SELECT id FROM default_bu)) AS bu_id) x
       WHERE r."tenantId" = ${t} ${only} AND r."businessUnitId" IS DISTINCT FROM x.bu_id
    ),
    upd AS (
      UPDATE "Resource" r SET "businessUnitId" = c.bu_id FROM calc c
       WHERE r.id = c.id AND r."tenantId" = ${t}
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM upd`);
  return rows[0]?.n ?? 0;
}
