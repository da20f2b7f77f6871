import type { Prisma, TDb } from "@guardrail/db";
import { runSql, sqlTimestamp, type TSqlClient } from "../common/sql-runner";
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
 *    every resource (first seen on insert, last seen always, `configurationHash`), rows in
 *    resourceId order so concurrent collections lock shared rows in the same order and cannot
 *    deadlock; a CTE reads the rows as they were before the statement to classify each one,
 *    and the same statement inserts the `CREATED` changes;
 * 2. one statement for the `UPDATED` / `RESTORED` changes of those rows (their diff is computed
 *    here), the `CollectionState` upsert and, when the collection is COMPLETE, the
 *    `UPDATE … SET deletedAt` of the rows of its scope that it did not see (never after a
 *    PARTIAL or FAILED collection: they prove nothing) with their `DELETED` changes.
 * Two round trips whatever changed. Run it inside a transaction: on a node-postgres connection
 * (`withPgConnection`, the scan's hot path: no Prisma query engine) or a Prisma transaction.
 */
export async function persistCollection(
  db: TSqlClient,
  opts: TPersistCollectionOptions,
): Promise<TPersistCollectionSummary> {
  const { tenantId, scanId, collection, now } = opts;
  const at = sqlTimestamp(now);
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
    const upserted = await runSql<TUpsertedRow>(db, UPSERT_RESOURCES_SQL, [
      ids,
      rows.map((r) => r.accountId),
      rows.map((r) => r.region),
      rows.map((r) => r.service),
      rows.map((r) => r.resourceType),
      rows.map((r) => r.name),
      rows.map((r) => JSON.stringify(r.tags)),
      rows.map((r) => JSON.stringify(r.configuration)),
      rows.map((r) => computeConfigurationHash(r)),
      tenantId,
      at,
      scanId,
    ]);
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
  const complete = collection.status === "COMPLETE";
  const global = collection.region === GLOBAL_REGION;
  const result = await runSql<{ deleted: number }>(
    db,
    complete ? (global ? DELETE_GONE_GLOBAL_SQL : DELETE_GONE_REGIONAL_SQL) : RECORD_STATE_SQL,
    [
      ...collectionStateParams(state),
      changes.ids,
      changes.types,
      changes.diffs,
      ...(complete ? [ids, ...(global ? [] : [collection.region])] : []),
    ],
  );
  summary.deleted = result[0]?.deleted ?? 0;
  return summary;
}

/**
 * Statement 1: the upsert of every resource of the collection, with its CREATED changes; returns
 * the rows that were created, restored or changed. $1–$9 the resources' columns, $10 tenant,
 * $11 now, $12 scan.
 */
const UPSERT_RESOURCES_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
      $7::text[], $8::text[], $9::text[])
      AS i("resourceId", "accountId", "region", "service", "resourceType", "name", "tags", "configuration", "hash")
  ),
  prev AS (
    SELECT r."id", r."configurationHash", r."deletedAt", r."configuration"
    FROM "Resource" r JOIN input i ON r."resourceId" = i."resourceId"
    WHERE r."tenantId" = $10::uuid
  ),
  up AS (
    INSERT INTO "Resource" ("tenantId", "accountId", "region", "service", "resourceType", "resourceId",
      "name", "tags", "configuration", "configurationHash", "firstSeenAt", "lastSeenAt", "lastScanId")
    SELECT $10::uuid, i."accountId", i."region", i."service", i."resourceType", i."resourceId",
      i."name", i."tags"::jsonb, i."configuration"::jsonb, i."hash", $11::timestamp, $11::timestamp, $12::uuid
    FROM input i ORDER BY i."resourceId"
    ON CONFLICT ("tenantId", "resourceId") DO UPDATE SET
      "accountId" = EXCLUDED."accountId", "region" = EXCLUDED."region", "service" = EXCLUDED."service",
      "resourceType" = EXCLUDED."resourceType", "name" = EXCLUDED."name", "tags" = EXCLUDED."tags",
      "configuration" = EXCLUDED."configuration", "configurationHash" = EXCLUDED."configurationHash",
      "lastSeenAt" = EXCLUDED."lastSeenAt", "lastScanId" = EXCLUDED."lastScanId", "deletedAt" = NULL
    RETURNING "id", "configurationHash", "configuration"
  ),
  created AS (
    INSERT INTO "ResourceChange" ("tenantId", "resourceId", "scanId", "type", "at")
    SELECT $10::uuid, up."id", $12::uuid, 'CREATED'::"ResourceChangeType", $11::timestamp
    FROM up LEFT JOIN prev p ON p."id" = up."id" WHERE p."id" IS NULL
  )
  SELECT up."id", (p."id" IS NULL) AS "created", (p."deletedAt" IS NOT NULL) AS "restored",
    (p."id" IS NOT NULL AND p."configurationHash" <> up."configurationHash") AS "hashChanged",
    CASE WHEN p."configurationHash" <> up."configurationHash" THEN p."configuration" END AS "before",
    CASE WHEN p."configurationHash" <> up."configurationHash" THEN up."configuration" END AS "after"
  FROM up LEFT JOIN prev p ON p."id" = up."id"
  WHERE p."id" IS NULL OR p."deletedAt" IS NOT NULL OR p."configurationHash" <> up."configurationHash"`;

/**
 * Statement 2 (after every collection): the UPDATED / RESTORED changes of statement 1 and the
 * CollectionState upsert. $1–$10 the state (tenant, account, region, service, status, error
 * code, error message, scan, now, lastCompleteAt), $11–$13 the changes (resource ids, types,
 * diffs as JSON text).
 */
const CHANGES_AND_STATE_CTES = `
  changes AS (
    INSERT INTO "ResourceChange" ("tenantId", "resourceId", "scanId", "type", "diff", "at")
    SELECT $1::uuid, c."id", $8::uuid, c."type"::"ResourceChangeType", c."diff"::jsonb, $9::timestamp
    FROM unnest($11::uuid[], $12::text[], $13::text[]) AS c("id", "type", "diff")
  ),
  state AS (
    INSERT INTO "CollectionState" ("tenantId", "accountId", "region", "service", "status", "errorCode",
      "errorMessage", "scanId", "attemptedAt", "lastCompleteAt")
    VALUES ($1::uuid, $2, $3, $4, $5::"CollectionStatus", $6, $7, $8::uuid, $9::timestamp, $10::timestamp)
    ON CONFLICT ("tenantId", "accountId", "region", "service") DO UPDATE SET
      "status" = EXCLUDED."status", "errorCode" = EXCLUDED."errorCode", "errorMessage" = EXCLUDED."errorMessage",
      "scanId" = EXCLUDED."scanId", "attemptedAt" = EXCLUDED."attemptedAt",
      "lastCompleteAt" = COALESCE(EXCLUDED."lastCompleteAt", "CollectionState"."lastCompleteAt")
  )`;

const RECORD_STATE_SQL = `WITH ${CHANGES_AND_STATE_CTES}
  SELECT 0 AS "deleted"`;

/**
 * Statement 2 of a COMPLETE collection: also marks deleted the rows of its scope (account,
 * service, and region unless global) it did not see, locked in resourceId order, with their
 * DELETED changes. $14 the ids it saw, $15 the region.
 */
const deleteGoneSql = (regionFilter: string) => `
  WITH gone AS (
    UPDATE "Resource" SET "deletedAt" = $9::timestamp
    WHERE "id" IN (
      SELECT "id" FROM "Resource"
      WHERE "tenantId" = $1::uuid AND "accountId" = $2 AND "service" = $4 ${regionFilter}
        AND "deletedAt" IS NULL AND NOT ("resourceId" = ANY($14::text[]))
      ORDER BY "resourceId" FOR UPDATE)
    RETURNING "id"
  ),
  deleted AS (
    INSERT INTO "ResourceChange" ("tenantId", "resourceId", "scanId", "type", "at")
    SELECT $1::uuid, gone."id", $8::uuid, 'DELETED'::"ResourceChangeType", $9::timestamp FROM gone
  ),
  ${CHANGES_AND_STATE_CTES}
  SELECT count(*)::int AS "deleted" FROM gone`;
const DELETE_GONE_GLOBAL_SQL = deleteGoneSql("");
const DELETE_GONE_REGIONAL_SQL = deleteGoneSql(`AND "region" = $15`);

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

function collectionStateParams(v: TCollectionStateValues): unknown[] {
  const at = sqlTimestamp(v.now);
  return [
    v.tenantId,
    v.accountId,
    v.region,
    v.service,
    v.status,
    v.errorCode,
    v.errorMessage,
    v.scanId,
    at,
    v.complete ? at : null,
  ];
}

/** Records the latest collection of (account, region, service): coverage gaps read it. */
export async function upsertCollectionState(
  db: TSqlClient,
  opts: {
    tenantId: string;
    scanId: string | null;
    collection: Omit<TInventoryCollection, "resources" | "apiCalls">;
    now: Date;
  },
): Promise<void> {
  await runSql(db, RECORD_STATE_SQL, [
    ...collectionStateParams(collectionStateValues(opts)),
    [],
    [],
    [],
  ]);
}
