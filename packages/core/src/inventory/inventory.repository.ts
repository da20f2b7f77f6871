import type { TInventoryResource } from "./inventory.types";
import type { TDbClient } from "./persist-collection.repository";

export {
  persistCollection,
  upsertCollectionState,
  type TDbClient,
  type TPersistCollectionOptions,
  type TPersistCollectionSummary,
} from "./persist-collection.repository";

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
