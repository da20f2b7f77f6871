-- The business unit each resource resolves to, stored (core business-units/resource-unit.repository
-- keeps it current). The inventory's unit filter, facet and a BU_OWNER's reach read it with an
-- index instead of evaluating the tag, account and OU mappings per row.
ALTER TABLE "Resource" ADD COLUMN "businessUnitId" UUID;

-- Backfill under the tenants' current mappings, in the order owner resolution uses: the first
-- resource-tag mapping (by creation), else the account's unit (account tag, account, then the
-- nearest OU), else the tenant's default unit.
WITH RECURSIVE account_ou AS (
  SELECT a."tenantId" AS tenant_id, a."accountId" AS account_id, a."parentId" AS ou_id, 1 AS depth
    FROM "AwsAccount" a WHERE a."parentId" IS NOT NULL
  UNION ALL
  SELECT c.tenant_id, c.account_id, o."parentId", c.depth + 1
    FROM account_ou c JOIN "OrganizationalUnit" o ON o."tenantId" = c.tenant_id AND o."ouId" = c.ou_id
   WHERE o."parentId" IS NOT NULL AND c.depth < 64
),
maps AS (
  SELECT m."tenantId" AS tenant_id, m.id, m."businessUnitId" AS bu_id, m.kind::text AS kind, m."accountId" AS account_id,
         m."ouId" AS ou_id, m."tagKey" AS tag_key, m."tagValue" AS tag_value, m."createdAt" AS created
    FROM "BusinessUnitMapping" m
),
acct AS (
  SELECT a."tenantId" AS tenant_id, a."accountId" AS account_id,
         (CASE WHEN jsonb_typeof(a.tags) = 'array'
               THEN COALESCE((SELECT jsonb_object_agg(e->>'Key', e->>'Value') FROM jsonb_array_elements(a.tags) e), '{}'::jsonb)
               ELSE COALESCE(a.tags, '{}'::jsonb) END) AS tags
    FROM "AwsAccount" a
),
acct_bu AS (
  SELECT DISTINCT ON (tenant_id, account_id) tenant_id, account_id, bu_id FROM (
    SELECT a.tenant_id, a.account_id, m.bu_id, 1 AS prio, 0 AS depth, m.created, m.id AS mid
      FROM acct a JOIN maps m ON m.tenant_id = a.tenant_id AND m.kind = 'ACCOUNT_TAG' AND jsonb_exists(a.tags, m.tag_key)
                             AND (m.tag_value IS NULL OR a.tags->>m.tag_key = m.tag_value)
    UNION ALL
    SELECT m.tenant_id, m.account_id, m.bu_id, 2, 0, m.created, m.id FROM maps m WHERE m.kind = 'ACCOUNT'
    UNION ALL
    SELECT c.tenant_id, c.account_id, m.bu_id, 3, c.depth, m.created, m.id
      FROM account_ou c JOIN maps m ON m.tenant_id = c.tenant_id AND m.kind = 'OU' AND m.ou_id = c.ou_id
  ) x ORDER BY tenant_id, account_id, prio, depth, created, mid
),
default_bu AS (
  SELECT DISTINCT ON (b."tenantId") b."tenantId" AS tenant_id, b.id FROM "BusinessUnit" b
   WHERE b."isDefault" ORDER BY b."tenantId", b."createdAt", b.id
),
calc AS (
  SELECT r.id, COALESCE(rt.bu_id, ab.bu_id, d.id) AS bu_id
    FROM "Resource" r
    LEFT JOIN acct_bu ab ON ab.tenant_id = r."tenantId" AND ab.account_id = r."accountId"
    LEFT JOIN default_bu d ON d.tenant_id = r."tenantId"
    LEFT JOIN LATERAL (
      SELECT tm.bu_id FROM maps tm
       WHERE tm.tenant_id = r."tenantId" AND tm.kind = 'RESOURCE_TAG' AND jsonb_exists(r.tags, tm.tag_key)
         AND (tm.tag_value IS NULL OR r.tags->>tm.tag_key = tm.tag_value)
       ORDER BY tm.created, tm.id LIMIT 1
    ) rt ON true
)
UPDATE "Resource" r SET "businessUnitId" = c.bu_id FROM calc c WHERE r.id = c.id AND c.bu_id IS NOT NULL;

-- CreateIndex
CREATE INDEX "Resource_tenantId_businessUnitId_resourceId_idx" ON "Resource"("tenantId", "businessUnitId", "resourceId");
