import type { Prisma, TDb } from "@guardrail/db";
import { computeConfigurationHash, diffConfiguration } from "./configuration-hash";
import type { TInventoryCollection, TInventoryResource } from "./inventory.types";

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

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** The rows a collection is responsible for: global collections own every region of their service. */
function collectionScope(tenantId: string, c: TInventoryCollection) {
  return c.region === GLOBAL_REGION
    ? { tenantId, accountId: c.accountId, service: c.service }
    : { tenantId, accountId: c.accountId, region: c.region, service: c.service };
}

/**
 * Persists one (account, region, service) collection, idempotently: upsert by (tenant,
 * resourceId) with first/last seen and `configurationHash`, a `ResourceChange` per created,
 * updated, restored or deleted resource, and the `CollectionState`. Resources missing from the
 * collection are marked deleted only when it is COMPLETE. Run it inside a transaction.
 */
export async function persistCollection(
  db: TDbClient,
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
  const byId = new Map<string, TInventoryResource & { hash: string }>();
  for (const r of collection.resources)
    byId.set(r.resourceId, { ...r, hash: computeConfigurationHash(r) });
  const ids = [...byId.keys()];

  const existing = ids.length
    ? await db.resource.findMany({
        where: { tenantId, resourceId: { in: ids } },
        select: { id: true, resourceId: true, configurationHash: true, deletedAt: true },
      })
    : [];
  const existingById = new Map(existing.map((e) => [e.resourceId, e]));

  const toCreate = ids.filter((id) => !existingById.has(id)).map((id) => byId.get(id)!);
  const unchangedIds: string[] = [];
  const changed: { id: string; resourceId: string; restored: boolean; hashChanged: boolean }[] = [];
  for (const e of existing) {
    const incoming = byId.get(e.resourceId)!;
    if (e.configurationHash === incoming.hash && e.deletedAt === null) unchangedIds.push(e.id);
    else
      changed.push({
        id: e.id,
        resourceId: e.resourceId,
        restored: e.deletedAt !== null,
        hashChanged: e.configurationHash !== incoming.hash,
      });
  }

  const changes: Prisma.ResourceChangeCreateManyInput[] = [];
  if (toCreate.length) {
    const created = await db.resource.createManyAndReturn({
      data: toCreate.map((r) => ({
        tenantId,
        accountId: r.accountId,
        region: r.region,
        service: r.service,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        name: r.name,
        tags: json(r.tags),
        configuration: json(r.configuration),
        configurationHash: r.hash,
        firstSeenAt: now,
        lastSeenAt: now,
        lastScanId: scanId,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    summary.created = created.length;
    for (const row of created)
      changes.push({ tenantId, resourceId: row.id, scanId, type: "CREATED", at: now });
  }

  if (changed.length) {
    const before = await db.resource.findMany({
      where: { tenantId, id: { in: changed.filter((c) => c.hashChanged).map((c) => c.id) } },
      select: { id: true, configuration: true },
    });
    const beforeById = new Map(
      before.map((b) => [b.id, b.configuration as Record<string, unknown>]),
    );
    for (const c of changed) {
      const r = byId.get(c.resourceId)!;
      await db.resource.update({
        where: { id: c.id },
        data: {
          accountId: r.accountId,
          region: r.region,
          service: r.service,
          resourceType: r.resourceType,
          name: r.name,
          tags: json(r.tags),
          configuration: json(r.configuration),
          configurationHash: r.hash,
          lastSeenAt: now,
          lastScanId: scanId,
          deletedAt: null,
        },
      });
      const diff = c.hashChanged
        ? diffConfiguration(beforeById.get(c.id) ?? {}, r.configuration)
        : undefined;
      if (c.restored) {
        summary.restored++;
        changes.push({
          tenantId,
          resourceId: c.id,
          scanId,
          type: "RESTORED",
          at: now,
          ...(diff ? { diff: json(diff) } : {}),
        });
      } else {
        summary.updated++;
        changes.push({
          tenantId,
          resourceId: c.id,
          scanId,
          type: "UPDATED",
          at: now,
          diff: json(diff ?? {}),
        });
      }
    }
  }

  if (unchangedIds.length) {
    await db.resource.updateMany({
      where: { tenantId, id: { in: unchangedIds } },
      data: { lastSeenAt: now, lastScanId: scanId },
    });
    summary.unchanged = unchangedIds.length;
  }

  // Deletion only after a COMPLETE collection: a partial or failed one proves nothing.
  if (collection.status === "COMPLETE") {
    const gone = await db.resource.findMany({
      where: {
        ...collectionScope(tenantId, collection),
        deletedAt: null,
        resourceId: { notIn: ids },
      },
      select: { id: true },
    });
    if (gone.length) {
      await db.resource.updateMany({
        where: { tenantId, id: { in: gone.map((g) => g.id) } },
        data: { deletedAt: now },
      });
      for (const g of gone)
        changes.push({ tenantId, resourceId: g.id, scanId, type: "DELETED", at: now });
      summary.deleted = gone.length;
    }
  }

  if (changes.length) await db.resourceChange.createMany({ data: changes });
  await upsertCollectionState(db, { tenantId, scanId, collection, now });
  return summary;
}

/** Records the latest collection of (account, region, service): coverage gaps read it. */
export async function upsertCollectionState(
  db: TDbClient,
  opts: {
    tenantId: string;
    scanId: string | null;
    collection: Omit<TInventoryCollection, "resources" | "apiCalls">;
    now: Date;
  },
): Promise<void> {
  const { tenantId, scanId, collection: c, now } = opts;
  const firstError = c.errors[0];
  const errorCode =
    c.status === "COMPLETE" ? null : [...new Set(c.errors.map((e) => e.code))].join(", ") || null;
  const errorMessage =
    c.status === "COMPLETE"
      ? null
      : firstError
        ? `${firstError.operation}: ${firstError.message}`
        : null;
  await db.collectionState.upsert({
    where: {
      tenantId_accountId_region_service: {
        tenantId,
        accountId: c.accountId,
        region: c.region,
        service: c.service,
      },
    },
    create: {
      tenantId,
      accountId: c.accountId,
      region: c.region,
      service: c.service,
      status: c.status,
      errorCode,
      errorMessage,
      scanId,
      attemptedAt: now,
      lastCompleteAt: c.status === "COMPLETE" ? now : null,
    },
    update: {
      status: c.status,
      errorCode,
      errorMessage,
      scanId,
      attemptedAt: now,
      ...(c.status === "COMPLETE" ? { lastCompleteAt: now } : {}),
    },
  });
}

export interface TInventoryQueryOptions {
  tenantId: string;
  /** Batch size of the keyset pagination (default 2000). */
  batchSize?: number;
}

/** Streams the tenant's live resources (not deleted) in the collectors' resource shape. */
export async function* streamLiveResources(
  db: TDbClient,
  opts: TInventoryQueryOptions,
): AsyncGenerator<TInventoryResource & { id: string }> {
  const take = opts.batchSize ?? 2000;
  let cursor: string | undefined;
  for (;;) {
    const rows = await db.resource.findMany({
      where: {
        tenantId: opts.tenantId,
        deletedAt: null,
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: "asc" },
      take,
      select: {
        id: true,
        accountId: true,
        region: true,
        service: true,
        resourceType: true,
        resourceId: true,
        name: true,
        tags: true,
        configuration: true,
      },
    });
    for (const row of rows) {
      yield {
        ...row,
        tags: (row.tags ?? {}) as Record<string, string>,
        configuration: (row.configuration ?? {}) as Record<string, unknown>,
      };
    }
    if (rows.length < take) return;
    cursor = rows[rows.length - 1]!.id;
  }
}

/** Counts of the tenant's live resources by type (inventory pages, tests). */
export async function countLiveResourcesByType(
  db: TDbClient,
  tenantId: string,
): Promise<Record<string, number>> {
  const groups = await db.resource.groupBy({
    by: ["resourceType"],
    where: { tenantId, deletedAt: null },
    _count: { _all: true },
  });
  return Object.fromEntries(groups.map((g) => [g.resourceType, g._count._all]));
}
