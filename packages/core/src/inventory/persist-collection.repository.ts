import { Prisma, type TDb } from "@guardrail/db";
import { sqlOwnerCtes } from "../business-units/owner-resolution.repository";
import { sqlResourceUnit } from "../business-units/resource-unit.repository";
import type { TSqlExecutor } from "../findings/sql-executor";
import { computeConfigurationHash, diffConfiguration } from "./configuration-hash";
import type { TInventoryCollection } from "./inventory.types";

const GLOBAL_REGION = "global";

/** A client or a transaction (the same queries work in both). */
export type TDbClient = Prisma.TransactionClient | TDb;

export interface TPersistCollectionOptions {
  tenantId: string;
  scanId: string | null;
  collection: TInventoryCollection;
  now: Date;
}

export interface TPersistCollectionSummary {
  created: number;
  updated: number;
  restored: number;
  unchanged: number;
  deleted: number;
}

interface TUpsertedRow {
  id: string;
  created: boolean;
  restored: boolean;
  hashChanged: boolean;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Persists one (account, region, service) collection, set-based and idempotent:
 * 1. one `INSERT … SELECT FROM unnest(…) ON CONFLICT (tenantId, resourceId) DO UPDATE` for
 *    every resource (first seen on insert, last seen always, `configurationHash`, the business
 *    unit its tags and account resolve to), rows in resourceId order so concurrent collections
 *    lock shared rows in the same order and cannot deadlock; a CTE reads the rows as they were before the statement to classify each one,
 *    and the same statement inserts the `CREATED` changes;
 * 2. one statement for the `UPDATED` / `RESTORED` changes of those rows (their diff is computed
 *    here), the `CollectionState` upsert and, when the collection is COMPLETE, the
 *    `UPDATE … SET deletedAt` of the rows of its scope that it did not see (never after a
 *    PARTIAL or FAILED collection: they prove nothing) with their `DELETED` changes.
 * Two round trips whatever changed. Run it inside a transaction: a Prisma one, or one on a
 * node-postgres connection wrapped by `createPgSqlExecutor` (the scan's hot path: no Prisma
 * query engine).
 */
export async function persistCollection(
  db: TSqlExecutor,
  opts: TPersistCollectionOptions,
): Promise<TPersistCollectionSummary> {
  const { tenantId, scanId, collection, now } = opts;
  const summary: TPersistCollectionSummary = {
    created: 0,
    updated: 0,
    restored: 0,
    unchanged: 0,
    deleted: 0,
  };
  // One row per resourceId (ON CONFLICT cannot touch a row twice), sorted: the lock order.
  const byId = new Map(collection.resources.map((r) => [r.resourceId, r]));
  const ids = [...byId.keys()].sort();
  const rows = ids.map((id) => byId.get(id)!);

  // The UPDATED / RESTORED changes, as columns for the second statement's unnest.
  const changes = { ids: [] as string[], types: [] as string[], diffs: [] as (string | null)[] };
  if (rows.length) {
    // The owner CTEs of this collection's account(s) only: each row's business unit is
    // resolved as it is written (see refreshResourceBusinessUnits for mapping changes).
    const accountIds = [...new Set(rows.map((r) => r.accountId))];
    const unit = sqlResourceUnit({ tags: Prisma.sql`i."tags"::jsonb`, accountId: Prisma.sql`i."accountId"` });
    const upserted = await db.$queryRaw<TUpsertedRow[]>(Prisma.sql`
      WITH RECURSIVE ${sqlOwnerCtes(tenantId, { accountIds })},
      input AS (
        SELECT * FROM unnest(
          ${ids}::text[], ${rows.map((r) => r.accountId)}::text[], ${rows.map((r) => r.region)}::text[],
          ${rows.map((r) => r.service)}::text[], ${rows.map((r) => r.resourceType)}::text[],
          ${rows.map((r) => r.name)}::text[], ${rows.map((r) => JSON.stringify(r.tags))}::text[],
          ${rows.map((r) => JSON.stringify(r.configuration))}::text[],
          ${rows.map((r) => computeConfigurationHash(r))}::text[]
        ) AS i("resourceId", "accountId", "region", "service", "resourceType", "name", "tags", "configuration", "hash")
      ),
      prev AS (
        SELECT r."id", r."configurationHash", r."deletedAt", r."configuration"
        FROM "Resource" r JOIN input i ON r."resourceId" = i."resourceId"
        WHERE r."tenantId" = ${tenantId}::uuid
      ),
      up AS (
        INSERT INTO "Resource" ("tenantId", "accountId", "region", "service", "resourceType", "resourceId",
          "name", "tags", "configuration", "configurationHash", "firstSeenAt", "lastSeenAt", "lastScanId", "businessUnitId")
        SELECT ${tenantId}::uuid, i."accountId", i."region", i."service", i."resourceType", i."resourceId",
          i."name", i."tags"::jsonb, i."configuration"::jsonb, i."hash", ${now}, ${now}, ${scanId}::uuid, ${unit}
        FROM input i ORDER BY i."resourceId"
        ON CONFLICT ("tenantId", "resourceId") DO UPDATE SET
          "accountId" = EXCLUDED."accountId", "region" = EXCLUDED."region", "service" = EXCLUDED."service",
          "resourceType" = EXCLUDED."resourceType", "name" = EXCLUDED."name", "tags" = EXCLUDED."tags",
          "configuration" = EXCLUDED."configuration", "configurationHash" = EXCLUDED."configurationHash",
          "lastSeenAt" = EXCLUDED."lastSeenAt", "lastScanId" = EXCLUDED."lastScanId", "deletedAt" = NULL,
          "businessUnitId" = EXCLUDED."businessUnitId"
        RETURNING "id", "configurationHash", "configuration"
      ),
      created AS (
        INSERT INTO "ResourceChange" ("tenantId", "resourceId", "scanId", "type", "at")
        SELECT ${tenantId}::uuid, up."id", ${scanId}::uuid, 'CREATED'::"ResourceChangeType", ${now}
        FROM up LEFT JOIN prev p ON p."id" = up."id" WHERE p."id" IS NULL
      )
      SELECT up."id", (p."id" IS NULL) AS "created", (p."deletedAt" IS NOT NULL) AS "restored",
        (p."id" IS NOT NULL AND p."configurationHash" <> up."configurationHash") AS "hashChanged",
        CASE WHEN p."configurationHash" <> up."configurationHash" THEN p."configuration" END AS "before",
        CASE WHEN p."configurationHash" <> up."configurationHash" THEN up."configuration" END AS "after"
      FROM up LEFT JOIN prev p ON p."id" = up."id"
      WHERE p."id" IS NULL OR p."deletedAt" IS NOT NULL OR p."configurationHash" <> up."configurationHash"`);
    for (const row of upserted) {
      const diff = row.hashChanged ? diffConfiguration(row.before ?? {}, row.after ?? {}) : null;
      if (row.created) {
        // Its CREATED change was inserted by the statement above.
        summary.created++;
        continue;
      }
      changes.ids.push(row.id);
      if (row.restored) {
        summary.restored++;
        changes.types.push("RESTORED");
        changes.diffs.push(diff ? JSON.stringify(diff) : null);
      } else {
        summary.updated++;
        changes.types.push("UPDATED");
        changes.diffs.push(JSON.stringify(diff ?? {}));
      }
    }
    summary.unchanged = rows.length - upserted.length;
  }

  // Deletion only after a COMPLETE collection: a partial or failed one proves nothing.
  const state = collectionStateValues({ tenantId, scanId, collection, now });
  const changesAndState = Prisma.sql`
    changes AS (
      INSERT INTO "ResourceChange" ("tenantId", "resourceId", "scanId", "type", "diff", "at")
      SELECT ${tenantId}::uuid, c."id", ${scanId}::uuid, c."type"::"ResourceChangeType", c."diff"::jsonb, ${now}
      FROM unnest(${changes.ids}::uuid[], ${changes.types}::text[], ${changes.diffs}::text[]) AS c("id", "type", "diff")
    ),
    state AS (${upsertCollectionStateSql(state)})`;
  if (collection.status === "COMPLETE") {
    const regionFilter =
      collection.region === GLOBAL_REGION
        ? Prisma.empty
        : Prisma.sql`AND "region" = ${collection.region}`;
    const gone = await db.$queryRaw<{ deleted: number }[]>(Prisma.sql`
      WITH gone AS (
        UPDATE "Resource" SET "deletedAt" = ${now}
        WHERE "id" IN (
          SELECT "id" FROM "Resource"
          WHERE "tenantId" = ${tenantId}::uuid AND "accountId" = ${collection.accountId}
            AND "service" = ${collection.service} ${regionFilter} AND "deletedAt" IS NULL
            AND NOT ("resourceId" = ANY(${ids}::text[]))
          ORDER BY "resourceId" FOR UPDATE)
        RETURNING "id"
      ),
      deleted AS (
        INSERT INTO "ResourceChange" ("tenantId", "resourceId", "scanId", "type", "at")
        SELECT ${tenantId}::uuid, gone."id", ${scanId}::uuid, 'DELETED'::"ResourceChangeType", ${now} FROM gone
      ),
      ${changesAndState}
      SELECT count(*)::int AS "deleted" FROM gone`);
    summary.deleted = gone[0]?.deleted ?? 0;
  } else {
    await db.$executeRaw(Prisma.sql`WITH ${changesAndState} SELECT 1`);
  }
  return summary;
}

interface TCollectionStateValues {
  tenantId: string;
  scanId: string | null;
  accountId: string;
  region: string;
  service: string;
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  now: Date;
  complete: boolean;
}

function collectionStateValues(opts: {
  tenantId: string;
  scanId: string | null;
  collection: Omit<TInventoryCollection, "resources" | "apiCalls">;
  now: Date;
}): TCollectionStateValues {
  const { tenantId, scanId, collection: c, now } = opts;
  const firstError = c.errors[0];
  const complete = c.status === "COMPLETE";
  return {
    tenantId,
    scanId,
    accountId: c.accountId,
    region: c.region,
    service: c.service,
    status: c.status,
    errorCode: complete ? null : [...new Set(c.errors.map((e) => e.code))].join(", ") || null,
    errorMessage: complete || !firstError ? null : `${firstError.operation}: ${firstError.message}`,
    now,
    complete,
  };
}

function upsertCollectionStateSql(v: TCollectionStateValues): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "CollectionState" ("tenantId", "accountId", "region", "service", "status", "errorCode",
      "errorMessage", "scanId", "attemptedAt", "lastCompleteAt")
    VALUES (${v.tenantId}::uuid, ${v.accountId}, ${v.region}, ${v.service}, ${v.status}::"CollectionStatus",
      ${v.errorCode}, ${v.errorMessage}, ${v.scanId}::uuid, ${v.now}, ${v.complete ? v.now : null})
    ON CONFLICT ("tenantId", "accountId", "region", "service") DO UPDATE SET
      "status" = EXCLUDED."status", "errorCode" = EXCLUDED."errorCode", "errorMessage" = EXCLUDED."errorMessage",
      "scanId" = EXCLUDED."scanId", "attemptedAt" = EXCLUDED."attemptedAt",
      "lastCompleteAt" = COALESCE(EXCLUDED."lastCompleteAt", "CollectionState"."lastCompleteAt")`;
}

/** Records the latest collection of (account, region, service): coverage gaps read it. */
export async function upsertCollectionState(
  db: TSqlExecutor,
  opts: {
    tenantId: string;
    scanId: string | null;
    collection: Omit<TInventoryCollection, "resources" | "apiCalls">;
    now: Date;
  },
): Promise<void> {
  await db.$executeRaw(upsertCollectionStateSql(collectionStateValues(opts)));
}
