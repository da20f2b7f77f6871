import { Prisma } from "@guardrail/db";
import type { TSqlExecutor } from "../findings/sql-executor";
import { sqlAccountOuChain, sqlTagMap } from "./account-ou-chain";

/** The step of the business-unit mapping that gave a finding its owner. */
export type TOwnerResolutionStep =
  | "RESOURCE_TAG"
  | "ACCOUNT_TAG"
  | "ACCOUNT"
  | "OU"
  | "DEFAULT"
  | "NONE"
  | "MANUAL";

export interface TResolveOwnersOptions {
  tx: TSqlExecutor;
  tenantId: string;
  /** A predicate on the findings to (re)assign, over the alias `f` ("Finding"). */
  where: Prisma.Sql;
  /** Write ASSIGNED events (cause `cause`) for findings whose business unit or owner changed. */
  events?: { cause: string; actorUserId?: string | null; at: Date } | null;
}

/**
 * Set-based owner resolution: for every matching finding that was not assigned by hand, the
 * business unit from the tenant's mappings in the order resource tag → account tag →
 * account → OU (nearest first, walking up) → the default business unit; the owner is the
 * unit's primary owner (else its first); the due date is the (re)open time plus the SLA days
 * of the unit (`SlaTarget.scopeKey` = unit id), else of the tenant (`"tenant"`), for the
 * finding's severity. The matched step is stored in `ownerResolution`.
 */
export async function resolveOwners(
  opts: TResolveOwnersOptions,
): Promise<{ updated: number; events: number }> {
  const { tx, tenantId, where, events } = opts;
  const t = Prisma.sql`${tenantId}::uuid`;
  const rows = await tx.$queryRaw<{ updated: number; events: number }[]>(Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)},
    calc AS (
      SELECT f.id, f.severity,
             COALESCE(rt.bu_id, ab.bu_id, (SELECT id FROM default_bu)) AS bu_id,
             COALESCE(rt.resolution, ab.resolution,
               CASE WHEN EXISTS (SELECT 1 FROM default_bu)
                    THEN jsonb_build_object('step', 'DEFAULT')
                    ELSE jsonb_build_object('step', 'NONE') END) AS resolution,
             CASE WHEN f."reopenCount" = 0 THEN f."firstSeenAt"
                  ELSE COALESCE((SELECT max(e.at) FROM "FindingEvent" e
                                  WHERE e."tenantId" = ${t} AND e."findingId" = f.id AND e.type = 'REOPENED'),
                                f."firstSeenAt") END AS base
        FROM "Finding" f
        LEFT JOIN "Resource" r ON r.id = f."resourceId" AND r."tenantId" = ${t}
        LEFT JOIN acct_bu ab ON ab.account_id = f."accountId"
        LEFT JOIN LATERAL (
          SELECT tm.bu_id,
                 jsonb_build_object('step', 'RESOURCE_TAG', 'mappingId', tm.id, 'tagKey', tm.tag_key, 'tagValue', tm.tag_value) AS resolution
            FROM tag_maps tm
           WHERE r.tags ? tm.tag_key AND (tm.tag_value IS NULL OR r.tags->>tm.tag_key = tm.tag_value)
           ORDER BY tm.created, tm.id LIMIT 1
        ) rt ON true
       WHERE f."tenantId" = ${t}
         AND COALESCE(f."ownerResolution"->>'step', '') <> 'MANUAL'
         AND (${where})
    ),
    final AS (
      SELECT c.id, c.bu_id, o.user_id, c.resolution,
             c.base + make_interval(days => COALESCE(s1.days, s2.days)) AS due
        FROM calc c
        LEFT JOIN bu_owner o ON o.bu_id = c.bu_id
        LEFT JOIN sla s1 ON s1.scope_key = c.bu_id::text AND s1.severity = c.severity
        LEFT JOIN sla s2 ON s2.scope_key = 'tenant' AND s2.severity = c.severity
    ),
    upd AS (
      UPDATE "Finding" f
         SET "businessUnitId" = x.bu_id, "ownerUserId" = x.user_id,
             "ownerResolution" = x.resolution, "dueAt" = x.due
        FROM final x JOIN "Finding" old ON old.id = x.id
       WHERE f.id = x.id
         AND (f."businessUnitId" IS DISTINCT FROM x.bu_id OR f."ownerUserId" IS DISTINCT FROM x.user_id
              OR f."ownerResolution" IS DISTINCT FROM x.resolution OR f."dueAt" IS DISTINCT FROM x.due)
      RETURNING f.id, old."businessUnitId" AS old_bu, old."ownerUserId" AS old_owner,
                x.bu_id, x.user_id, x.resolution
    ),
    ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "actorUserId", data, at)
      SELECT ${t}, u.id, 'ASSIGNED', ${events?.cause ?? ""}, ${events?.actorUserId ?? null}::uuid,
             jsonb_build_object('fromBusinessUnitId', u.old_bu, 'toBusinessUnitId', u.bu_id,
                                'fromOwnerUserId', u.old_owner, 'toOwnerUserId', u.user_id,
                                'resolution', u.resolution),
             ${events?.at ?? new Date(0)}::timestamp
        FROM upd u
       WHERE ${events != null} AND (u.old_bu IS DISTINCT FROM u.bu_id OR u.old_owner IS DISTINCT FROM u.user_id)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM upd)::int AS updated, (SELECT count(*) FROM ev)::int AS events`);
  const row = rows[0];
  return { updated: row?.updated ?? 0, events: row?.events ?? 0 };
}

/**
 * The CTEs owner resolution reads (`account_ou`, `maps`, `acct`, `acct_bu`, `tag_maps`,
 * `default_bu`, `bu_owner`, `sla`), to follow `WITH RECURSIVE`. With `accountIds`, the
 * account CTEs hold those accounts only (a collection of one account resolves its rows).
 */
export function sqlOwnerCtes(tenantId: string, opts: { accountIds?: readonly string[] } = {}): Prisma.Sql {
  const t = Prisma.sql`${tenantId}::uuid`;
  const ids = opts.accountIds;
  const onlyAcct = ids ? Prisma.sql`AND a."accountId" = ANY(${ids}::text[])` : Prisma.empty;
  const onlyMap = ids ? Prisma.sql`AND m.account_id = ANY(${ids}::text[])` : Prisma.empty;
  return Prisma.sql`
    account_ou AS (${sqlAccountOuChain(tenantId, ids)}),
    maps AS (
      SELECT m.id, m."businessUnitId" AS bu_id, m.kind::text AS kind, m."accountId" AS account_id,
             m."ouId" AS ou_id, m."tagKey" AS tag_key, m."tagValue" AS tag_value, m."createdAt" AS created
        FROM "BusinessUnitMapping" m WHERE m."tenantId" = ${t}
    ),
    acct AS (
      SELECT a."accountId" AS account_id, ${sqlTagMap(Prisma.sql`a.tags`)} AS tags
        FROM "AwsAccount" a WHERE a."tenantId" = ${t} ${onlyAcct}
    ),
    acct_bu AS (
      SELECT DISTINCT ON (account_id) account_id, bu_id, resolution FROM (
        SELECT a.account_id, m.bu_id, 1 AS prio, 0 AS depth, m.created, m.id AS mid,
               jsonb_build_object('step', 'ACCOUNT_TAG', 'mappingId', m.id, 'tagKey', m.tag_key, 'tagValue', m.tag_value) AS resolution
          FROM acct a JOIN maps m ON m.kind = 'ACCOUNT_TAG' AND a.tags ? m.tag_key
                                 AND (m.tag_value IS NULL OR a.tags->>m.tag_key = m.tag_value)
        UNION ALL
        SELECT m.account_id, m.bu_id, 2, 0, m.created, m.id,
               jsonb_build_object('step', 'ACCOUNT', 'mappingId', m.id, 'accountId', m.account_id)
          FROM maps m WHERE m.kind = 'ACCOUNT' ${onlyMap}
        UNION ALL
        SELECT c.account_id, m.bu_id, 3, c.depth, m.created, m.id,
               jsonb_build_object('step', 'OU', 'mappingId', m.id, 'ouId', m.ou_id, 'depth', c.depth)
          FROM account_ou c JOIN maps m ON m.kind = 'OU' AND m.ou_id = c.ou_id
      ) x ORDER BY account_id, prio, depth, created, mid
    ),
    tag_maps AS (SELECT * FROM maps WHERE kind = 'RESOURCE_TAG'),
    default_bu AS (
      SELECT b.id FROM "BusinessUnit" b WHERE b."tenantId" = ${t} AND b."isDefault"
       ORDER BY b."createdAt", b.id LIMIT 1
    ),
    bu_owner AS (
      SELECT DISTINCT ON (o."businessUnitId") o."businessUnitId" AS bu_id, o."userId" AS user_id
        FROM "BusinessUnitOwner" o WHERE o."tenantId" = ${t}
       ORDER BY o."businessUnitId", o."isPrimary" DESC, o."createdAt", o.id
    ),
    sla AS (SELECT s."scopeKey" AS scope_key, s.severity, s.days FROM "SlaTarget" s WHERE s."tenantId" = ${t})`;
}

/**
 * Joins (after `FROM … <alias>`) that pick the business unit of a row from its resource tags
 * `tags`, account id `accountId`, severity `severity` and clock start `base`: exposes
 * `own_bu`, `own_user`, `own_resolution`, `own_due`.
 */
export function sqlOwnerPick(e: {
  tags: Prisma.Sql;
  accountId: Prisma.Sql;
  severity: Prisma.Sql;
  base: Prisma.Sql;
}): Prisma.Sql {
  return Prisma.sql`
    LEFT JOIN acct_bu ab ON ab.account_id = ${e.accountId}
    LEFT JOIN LATERAL (
      SELECT tm.bu_id,
             jsonb_build_object('step', 'RESOURCE_TAG', 'mappingId', tm.id, 'tagKey', tm.tag_key, 'tagValue', tm.tag_value) AS resolution
        FROM tag_maps tm
       WHERE ${e.tags} ? tm.tag_key AND (tm.tag_value IS NULL OR ${e.tags}->>tm.tag_key = tm.tag_value)
       ORDER BY tm.created, tm.id LIMIT 1
    ) rt ON true
    CROSS JOIN LATERAL (
      SELECT COALESCE(rt.bu_id, ab.bu_id, (SELECT id FROM default_bu)) AS own_bu,
             COALESCE(rt.resolution, ab.resolution,
               CASE WHEN EXISTS (SELECT 1 FROM default_bu) THEN jsonb_build_object('step', 'DEFAULT')
                    ELSE jsonb_build_object('step', 'NONE') END) AS own_resolution
    ) pick
    LEFT JOIN bu_owner bo ON bo.bu_id = pick.own_bu
    LEFT JOIN sla s1 ON s1.scope_key = pick.own_bu::text AND s1.severity = ${e.severity}
    LEFT JOIN sla s2 ON s2.scope_key = 'tenant' AND s2.severity = ${e.severity}
    CROSS JOIN LATERAL (
      SELECT bo.user_id AS own_user, ${e.base} + make_interval(days => COALESCE(s1.days, s2.days)) AS own_due
    ) due`;
}
