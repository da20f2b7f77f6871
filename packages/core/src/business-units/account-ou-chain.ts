import { Prisma } from "@guardrail/db";

/**
 * A recursive CTE body `account_ou(account_id, ou_id, depth)`: every OU (and the root) above
 * each account of the tenant (or of `accountIds` only), depth 1 being the account's direct
 * parent. Use it inside `WITH RECURSIVE account_ou AS (…)`.
 */
export function sqlAccountOuChain(tenantId: string, accountIds?: readonly string[]): Prisma.Sql {
  const only = accountIds ? Prisma.sql`AND a."accountId" = ANY(${accountIds}::text[])` : Prisma.empty;
  return Prisma.sql`
    SELECT a."accountId" AS account_id, a."parentId" AS ou_id, 1 AS depth
      FROM "AwsAccount" a
     WHERE a."tenantId" = ${tenantId}::uuid AND a."parentId" IS NOT NULL ${only}
    UNION ALL
    SELECT c.account_id, o."parentId" AS ou_id, c.depth + 1
      FROM account_ou c
      JOIN "OrganizationalUnit" o ON o."tenantId" = ${tenantId}::uuid AND o."ouId" = c.ou_id
     WHERE o."parentId" IS NOT NULL AND c.depth < 64`;
}

/** Account tags as a `{ key: value }` object whether stored as a map or as `[{ Key, Value }]`. */
export function sqlTagMap(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN jsonb_typeof(${column}) = 'array'
    THEN COALESCE((SELECT jsonb_object_agg(e->>'Key', e->>'Value') FROM jsonb_array_elements(${column}) e), '{}'::jsonb)
    ELSE COALESCE(${column}, '{}'::jsonb) END)`;
}
