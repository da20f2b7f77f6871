import { Prisma } from "@guardrail/db";
import type { TSqlExecutor } from "../findings/sql-executor";
import { sqlOwnerCtes } from "./owner-resolution.repository";

export interface TOwnershipCounts {
  accounts: number;
  resources: number;
}

/**
 * The business unit each live account and resource resolves to under the tenant's current
 * mappings (the same precedence as findings: resource tag → account tag → account → OU →
 * default), counted per unit, in one statement.
 */
export async function countOwnership(
  tx: TSqlExecutor,
  tenantId: string,
  opts: { resources?: boolean } = {},
): Promise<Map<string, TOwnershipCounts>> {
  const t = Prisma.sql`${tenantId}::uuid`;
  const withResources = opts.resources ?? true;
  const rows = await tx.$queryRaw<{ bu_id: string; accounts: number; resources: number }[]>(Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)},
    acct_pick AS (
      SELECT COALESCE(ab.bu_id, (SELECT id FROM default_bu)) AS bu_id
        FROM "AwsAccount" a LEFT JOIN acct_bu ab ON ab.account_id = a."accountId"
       WHERE a."tenantId" = ${t} AND a."removedAt" IS NULL
    ),
    res_pick AS (
      SELECT COALESCE(rt.bu_id, ab.bu_id, (SELECT id FROM default_bu)) AS bu_id
        FROM "Resource" r
        LEFT JOIN acct_bu ab ON ab.account_id = r."accountId"
        LEFT JOIN LATERAL (
          SELECT tm.bu_id FROM tag_maps tm
           WHERE r.tags ? tm.tag_key AND (tm.tag_value IS NULL OR r.tags->>tm.tag_key = tm.tag_value)
           ORDER BY tm.created, tm.id LIMIT 1
        ) rt ON EXISTS (SELECT 1 FROM tag_maps)
       WHERE ${withResources} AND r."tenantId" = ${t} AND r."deletedAt" IS NULL
    )
    SELECT bu_id, sum(accounts)::int AS accounts, sum(resources)::int AS resources FROM (
      SELECT bu_id, count(*) AS accounts, 0 AS resources FROM acct_pick WHERE bu_id IS NOT NULL GROUP BY bu_id
      UNION ALL
      SELECT bu_id, 0, count(*) FROM res_pick WHERE bu_id IS NOT NULL GROUP BY bu_id
    ) x GROUP BY bu_id`);
  return new Map(rows.map((r) => [r.bu_id, { accounts: r.accounts, resources: r.resources }]));
}

export interface TMappingMatch {
  mappingId: string;
  accounts: number;
  resources: number;
  sampleAccounts: { accountId: string; name: string }[];
}

/**
 * What each mapping rule of a business unit matches on its own (before precedence): the
 * accounts it selects (by account, OU subtree or account tag; for a resource tag, the accounts
 * holding a matching resource) and the live resources in scope.
 */
export async function matchMappings(
  tx: TSqlExecutor,
  tenantId: string,
  businessUnitId: string,
): Promise<TMappingMatch[]> {
  const t = Prisma.sql`${tenantId}::uuid`;
  return tx.$queryRaw<TMappingMatch[]>(Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)},
    mine AS (SELECT * FROM maps WHERE bu_id = ${businessUnitId}::uuid),
    acct_hits AS (
      SELECT m.id AS mid, a.account_id FROM mine m JOIN acct a
          ON m.kind = 'ACCOUNT_TAG' AND a.tags ? m.tag_key AND (m.tag_value IS NULL OR a.tags->>m.tag_key = m.tag_value)
      UNION
      SELECT m.id, a.account_id FROM mine m JOIN acct a ON m.kind = 'ACCOUNT' AND a.account_id = m.account_id
      UNION
      SELECT m.id, c.account_id FROM mine m JOIN account_ou c ON m.kind = 'OU' AND c.ou_id = m.ou_id
    ),
    acct_res AS (
      SELECT h.mid, count(r.id)::int AS n FROM acct_hits h
        JOIN "Resource" r ON r."tenantId" = ${t} AND r."accountId" = h.account_id AND r."deletedAt" IS NULL
       GROUP BY h.mid
    ),
    tag_res AS (
      SELECT m.id AS mid, r."accountId" AS account_id, count(*)::int AS n FROM mine m
        JOIN "Resource" r ON r."tenantId" = ${t} AND r."deletedAt" IS NULL AND r.tags ? m.tag_key
                         AND (m.tag_value IS NULL OR r.tags->>m.tag_key = m.tag_value)
       WHERE m.kind = 'RESOURCE_TAG'
       GROUP BY m.id, r."accountId"
    ),
    hits AS (
      SELECT mid, account_id FROM acct_hits UNION SELECT mid, account_id FROM tag_res
    )
    SELECT m.id AS "mappingId",
           (SELECT count(*)::int FROM hits h WHERE h.mid = m.id) AS accounts,
           CASE WHEN m.kind = 'RESOURCE_TAG'
                THEN COALESCE((SELECT sum(n)::int FROM tag_res x WHERE x.mid = m.id), 0)
                ELSE COALESCE((SELECT n FROM acct_res x WHERE x.mid = m.id), 0) END AS resources,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('accountId', s.account_id, 'name', s.name) ORDER BY s.account_id)
                       FROM (SELECT h.account_id, COALESCE(aa.name, h.account_id) AS name FROM hits h
                               LEFT JOIN "AwsAccount" aa ON aa."tenantId" = ${t} AND aa."accountId" = h.account_id
                              WHERE h.mid = m.id ORDER BY h.account_id LIMIT 10) s), '[]'::jsonb) AS "sampleAccounts"
      FROM mine m ORDER BY m.created, m.id`);
}

/**
 * What one business unit owns after precedence: its accounts (up to `limit`, and how many),
 * its live resources and its unresolved, not hand-assigned findings. Counted per account
 * through the (tenantId, accountId) indexes, then corrected for the resources a resource-tag
 * rule moves (the only per-resource work, and only when the tenant has such rules), so a
 * unit of a few accounts is cheap in an inventory of millions.
 */
export async function resolvedOwnership(
  tx: TSqlExecutor,
  tenantId: string,
  businessUnitId: string,
  limit = 50,
): Promise<{
  accounts: { accountId: string; name: string; step: string }[];
  accountsTotal: number;
  resources: number;
  findings: number;
}> {
  const t = Prisma.sql`${tenantId}::uuid`;
  const bu = Prisma.sql`${businessUnitId}::uuid`;
  const accounts = await tx.$queryRaw<{ accountId: string; name: string; step: string }[]>(Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)}
    SELECT a."accountId", a.name, COALESCE(ab.resolution->>'step', 'DEFAULT') AS step
      FROM "AwsAccount" a LEFT JOIN acct_bu ab ON ab.account_id = a."accountId"
     WHERE a."tenantId" = ${t} AND a."removedAt" IS NULL
       AND COALESCE(ab.bu_id, (SELECT id FROM default_bu)) = ${bu}
     ORDER BY a.name, a."accountId"`);
  const open = Prisma.sql`f."tenantId" = ${t} AND f.status <> 'RESOLVED' AND COALESCE(f."ownerResolution"->>'step', '') <> 'MANUAL'`;
  const rows = await tx.$queryRaw<{ resources: number; findings: number }[]>(Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)},
    a_x AS (
      SELECT a."accountId" AS account_id FROM "AwsAccount" a LEFT JOIN acct_bu ab ON ab.account_id = a."accountId"
       WHERE a."tenantId" = ${t} AND a."removedAt" IS NULL AND COALESCE(ab.bu_id, (SELECT id FROM default_bu)) = ${bu}
    ),
    tagged AS MATERIALIZED (
      SELECT r.id, r."accountId" AS account_id, r."deletedAt" IS NULL AS live, rt.bu_id AS tb
        FROM "Resource" r
        CROSS JOIN LATERAL (
          SELECT tm.bu_id FROM tag_maps tm
           WHERE r.tags ? tm.tag_key AND (tm.tag_value IS NULL OR r.tags->>tm.tag_key = tm.tag_value)
           ORDER BY tm.created, tm.id LIMIT 1
        ) rt
       WHERE EXISTS (SELECT 1 FROM tag_maps) AND r."tenantId" = ${t}
         AND r.tags ?| (SELECT array_agg(DISTINCT tag_key) FROM tag_maps)
    )
    SELECT
      ((SELECT count(*) FROM "Resource" r WHERE r."tenantId" = ${t} AND r."deletedAt" IS NULL
                                           AND r."accountId" IN (SELECT account_id FROM a_x))
       - (SELECT count(*) FROM tagged g WHERE g.live AND g.account_id IN (SELECT account_id FROM a_x))
       + (SELECT count(*) FROM tagged g WHERE g.live AND g.tb = ${bu}))::int AS resources,
      ((SELECT count(*) FROM "Finding" f WHERE ${open} AND f."accountId" IN (SELECT account_id FROM a_x))
       - (SELECT count(*) FROM "Finding" f JOIN tagged g ON g.id = f."resourceId"
           WHERE ${open} AND f."accountId" IN (SELECT account_id FROM a_x))
       + (SELECT count(*) FROM "Finding" f JOIN tagged g ON g.id = f."resourceId" WHERE ${open} AND g.tb = ${bu}))::int AS findings`);
  return {
    accounts: accounts.slice(0, limit),
    accountsTotal: accounts.length,
    resources: rows[0]?.resources ?? 0,
    findings: rows[0]?.findings ?? 0,
  };
}
