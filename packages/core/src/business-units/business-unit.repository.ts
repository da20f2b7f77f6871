import { Prisma } from "@guardrail/db";
import type { TSqlExecutor } from "../findings/sql-executor";
import { sqlOwnerCtes } from "./owner-resolution.repository";

export interface TOwnershipCounts {
  accounts: number;
  resources: number;
}

/**
 * The business unit each live account resolves to under the tenant's current mappings (the
 * same precedence as findings: account tag → account → OU → default) and each live resource's
 * stored unit (resource tag first, then the same), counted per unit, in one statement.
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
    -- resources carry their resolved unit (refreshResourceBusinessUnits keeps it current)
    res_pick AS (
      SELECT r."businessUnitId" AS bu_id FROM "Resource" r
       WHERE ${withResources} AND r."tenantId" = ${t} AND r."deletedAt" IS NULL
    )
    SELECT bu_id, sum(accounts)::int AS accounts, sum(resources)::int AS resources FROM (
      SELECT bu_id, count(*) AS accounts, 0 AS resources FROM acct_pick WHERE bu_id IS NOT NULL GROUP BY bu_id
      UNION ALL
      SELECT bu_id, 0, count(*) FROM res_pick WHERE bu_id IS NOT NULL GROUP BY bu_id
    ) x GROUP BY bu_id`);
  return new Map(rows.map((r) => [r.bu_id, { accounts: r.accounts, resources: r.resources }]));
}

/**
 * Counts in a preview are exact up to this many; past it a preview says "more than" this
 * (a draft matching 200,000 resources answers as fast as one matching 200).
 */
export const PREVIEW_COUNT_CAP = 10_000;

export interface TMappingMatch {
  mappingId: string;
  accounts: number;
  /** live resources in scope of the rule, counted up to PREVIEW_COUNT_CAP + 1 */
  resources: number;
  /** more than PREVIEW_COUNT_CAP resources match: `resources` is a lower bound */
  resourcesOverCap: boolean;
  /** a resource-tag rule past the cap: `accounts` are those of its first matches (at least) */
  accountsOverCap: boolean;
  sampleAccounts: { accountId: string; name: string }[];
}

/** `r.tags` (a Resource) matches resource-tag mapping `m` (a row of `maps`), as owner resolution reads it. */
const sqlTagHit = (m: string) =>
  Prisma.sql`(r.tags ? ${Prisma.raw(m)}.tag_key AND (${Prisma.raw(m)}.tag_value IS NULL
              OR r.tags->>${Prisma.raw(m)}.tag_key = ${Prisma.raw(m)}.tag_value))`;

/**
 * What each mapping rule of a business unit matches on its own (before precedence): the
 * accounts it selects (by account, OU subtree or account tag; for a resource tag, the accounts
 * holding a matching resource) and the live resources in scope, counted up to the cap.
 */
export async function matchMappings(
  tx: TSqlExecutor,
  tenantId: string,
  businessUnitId: string,
  countCap = PREVIEW_COUNT_CAP,
): Promise<TMappingMatch[]> {
  const t = Prisma.sql`${tenantId}::uuid`;
  const cap = countCap + 1;
  const rows = await tx.$queryRaw<(Omit<TMappingMatch, "resourcesOverCap" | "accountsOverCap"> & { kind: string })[]>(Prisma.sql`
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
    -- a resource-tag rule's live matches, up to the cap: its resources and (among those) accounts
    tag_hits AS MATERIALIZED (
      SELECT m.id AS mid, x.account_id FROM mine m
       CROSS JOIN LATERAL (SELECT r."accountId" AS account_id FROM "Resource" r
                            WHERE r."tenantId" = ${t} AND r."deletedAt" IS NULL AND ${sqlTagHit("m")} LIMIT ${cap}) x
       WHERE m.kind = 'RESOURCE_TAG'
    ),
    hits AS (
      SELECT mid, account_id FROM acct_hits UNION SELECT mid, account_id FROM tag_hits
    )
    SELECT m.id AS "mappingId", m.kind,
           (SELECT count(*)::int FROM hits h WHERE h.mid = m.id) AS accounts,
           CASE WHEN m.kind = 'RESOURCE_TAG'
                THEN (SELECT count(*)::int FROM tag_hits x WHERE x.mid = m.id)
                ELSE (SELECT count(*)::int FROM (SELECT 1 FROM "Resource" r
                        WHERE r."tenantId" = ${t} AND r."deletedAt" IS NULL
                          AND r."accountId" IN (SELECT h.account_id FROM acct_hits h WHERE h.mid = m.id) LIMIT ${cap}) x)
           END AS resources,
           COALESCE((SELECT jsonb_agg(jsonb_build_object('accountId', s.account_id, 'name', s.name) ORDER BY s.account_id)
                       FROM (SELECT h.account_id, COALESCE(aa.name, h.account_id) AS name FROM hits h
                               LEFT JOIN "AwsAccount" aa ON aa."tenantId" = ${t} AND aa."accountId" = h.account_id
                              WHERE h.mid = m.id ORDER BY h.account_id LIMIT 10) s), '[]'::jsonb) AS "sampleAccounts"
      FROM mine m ORDER BY m.created, m.id`);
  return rows.map(({ kind, ...r }) => ({
    ...r,
    resources: Math.min(r.resources, countCap),
    resourcesOverCap: r.resources > countCap,
    // a resource-tag rule's accounts are those of its first matches: at least this many
    accountsOverCap: kind === "RESOURCE_TAG" && r.resources > countCap,
  }));
}

/**
 * What one business unit owns after precedence: its accounts (up to `limit`, and how many),
 * its live resources and its unresolved, not hand-assigned findings. Resources and findings
 * are counted up to PREVIEW_COUNT_CAP (then "more than"), reading only the rows that can land
 * in the unit (its accounts' rows, and rows its resource-tag rules match) and checking each
 * against the full precedence, so the count stops as soon as the cap is passed.
 */
export async function resolvedOwnership(
  tx: TSqlExecutor,
  tenantId: string,
  businessUnitId: string,
  opts: { limit?: number; countCap?: number } = {},
): Promise<{
  accounts: { accountId: string; name: string; step: string }[];
  accountsTotal: number;
  resources: number;
  resourcesOverCap: boolean;
  findings: number;
  findingsOverCap: boolean;
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
  const limit = opts.limit ?? 50;
  const countCap = opts.countCap ?? PREVIEW_COUNT_CAP;
  const cap = countCap + 1;
  // The unit of a row with resource tags `r.tags` in `account`: its first matching tag rule,
  // else its account's unit, else the default unit (the order of resolveOwners).
  const resolved = (account: Prisma.Sql) => Prisma.sql`COALESCE(
      (SELECT tm.bu_id FROM tag_maps tm WHERE ${sqlTagHit("tm")} ORDER BY tm.created, tm.id LIMIT 1),
      (SELECT x.bu_id FROM acct_unit x WHERE x.account_id = ${account}),
      (SELECT id FROM default_bu))`;
  // Rows that can land in the unit: in one of its accounts, or matched by one of its tag rules.
  const candidate = (account: Prisma.Sql) => Prisma.sql`(${account} IN (SELECT account_id FROM a_x)
      OR EXISTS (SELECT 1 FROM tag_maps tm WHERE tm.bu_id = ${bu} AND ${sqlTagHit("tm")}))`;
  const ra = Prisma.sql`r."accountId"`;
  const fa = Prisma.sql`f."accountId"`;
  const open = Prisma.sql`f."tenantId" = ${t} AND f.status <> 'RESOLVED' AND COALESCE(f."ownerResolution"->>'step', '') <> 'MANUAL'`;
  const rows = await tx.$queryRaw<{ resources: number; findings: number }[]>(Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)},
    acct_unit AS MATERIALIZED (SELECT account_id, bu_id FROM acct_bu),
    a_x AS MATERIALIZED (
      SELECT a."accountId" AS account_id FROM "AwsAccount" a LEFT JOIN acct_unit ab ON ab.account_id = a."accountId"
       WHERE a."tenantId" = ${t} AND a."removedAt" IS NULL AND COALESCE(ab.bu_id, (SELECT id FROM default_bu)) = ${bu}
    )
    SELECT
      (SELECT count(*) FROM (SELECT 1 FROM "Resource" r
         WHERE r."tenantId" = ${t} AND r."deletedAt" IS NULL AND ${candidate(ra)} AND ${resolved(ra)} = ${bu}
         LIMIT ${cap}) x)::int AS resources,
      (SELECT count(*) FROM (SELECT 1 FROM "Finding" f
         -- OFFSET 0: a lookup per finding (stops at the cap), never a hash of every resource
         LEFT JOIN LATERAL (SELECT r.tags FROM "Resource" r WHERE r.id = f."resourceId" AND r."tenantId" = ${t} OFFSET 0) r ON true
         WHERE ${open} AND ${candidate(fa)} AND ${resolved(fa)} = ${bu}
         LIMIT ${cap}) y)::int AS findings`);
  const resources = rows[0]?.resources ?? 0;
  const findings = rows[0]?.findings ?? 0;
  return {
    accounts: accounts.slice(0, limit),
    accountsTotal: accounts.length,
    resources: Math.min(resources, countCap),
    resourcesOverCap: resources > countCap,
    findings: Math.min(findings, countCap),
    findingsOverCap: findings > countCap,
  };
}
