import type { TDb } from "@guardrail/db";
import {
  buildAccessGraphAsync,
  type TAccessGraph,
  type TActionCatalog,
  type TCapabilityAnalyzer,
  type TGraphResource,
  type TPrincipalClassification,
} from "@guardrail/iam";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { streamLiveResources } from "../inventory/inventory.repository";
import {
  createGraphBuild,
  failGraphBuild,
  findCurrentGraphBuild,
  findEdgesFrom,
  findGraphNodes,
  findReachableNodeIds,
  finishGraphBuild,
  writeGraphPartitions,
  type TGraphWriteTimings,
  type TGraphBuildRow,
  type TGraphEdgeRow,
  type TGraphNodeRow,
} from "./access-graph.repository";

export type { TGraphBuildRow, TGraphEdgeRow, TGraphNodeRow, TGraphWriteTimings } from "./access-graph.repository";

export interface TRebuildAccessGraphResult {
  buildId: string;
  nodes: number;
  edges: number;
  evaluations: number;
  buildMs: number;
  writeMs: number;
}

/**
 * `graph.rebuild`: the tenant's live inventory → access graph (packages/iam) → a new build in
 * Postgres, which replaces the previous one once complete. Runs after each scan's evaluation.
 */
export async function rebuildAccessGraph(opts: {
  db: TDb;
  tenantId: string;
  scanId: string | null;
  now: Date;
  catalog?: TActionCatalog | null;
  analyzer?: TCapabilityAnalyzer | null;
}): Promise<TRebuildAccessGraphResult> {
  const { db, tenantId, scanId } = opts;
  const startedAt = opts.now;
  const resources: TGraphResource[] = [];
  for await (const r of streamLiveResources(db, { tenantId })) {
    resources.push({
      accountId: r.accountId,
      region: r.region,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      name: r.name,
      tags: r.tags,
      configuration: r.configuration,
    });
  }
  const graph = await buildAccessGraphAsync({ resources, catalog: opts.catalog ?? null, analyzer: opts.analyzer ?? null, now: opts.now });
  const stored = await storeAccessGraph({ db, tenantId, scanId, graph, startedAt });
  return {
    buildId: stored.buildId,
    nodes: graph.nodes.size,
    edges: graph.edges.length,
    evaluations: graph.stats.evaluations,
    buildMs: graph.stats.durationMs,
    writeMs: stored.writeMs,
  };
}

/**
 * Writes a built graph as a new build of the tenant (COPY into the build's own partitions,
 * indexes after the load) and makes it current; a failed write marks the build FAILED, drops
 * its tables and leaves the previous graph in place.
 */
export async function storeAccessGraph(opts: {
  db: TDb;
  tenantId: string;
  scanId: string | null;
  graph: TAccessGraph;
  startedAt: Date;
}): Promise<{ buildId: string; writeMs: number; timings: TGraphWriteTimings }> {
  const { db, tenantId, scanId, graph, startedAt } = opts;
  const buildId = await createGraphBuild(db, { tenantId, scanId, startedAt });
  const writeStarted = Date.now();
  let timings: TGraphWriteTimings;
  try {
    timings = await writeGraphPartitions(db, { tenantId, buildId, graph });
    await finishGraphBuild(db, { tenantId, buildId, graph, startedAt, now: new Date() });
  } catch (err) {
    await failGraphBuild(db, { buildId, error: (err as Error).message, now: new Date() });
    throw err;
  }
  return { buildId, writeMs: Date.now() - writeStarted, timings };
}

/** The current graph build of the tenant (null before the first scan finished). */
export async function getAccessGraphStatus(opts: { db: TDb; scope: TTenantScope }): Promise<TGraphBuildRow | null> {
  authorize(opts.scope, "inventory.read");
  return findCurrentGraphBuild(opts.db, opts.scope.tenantId);
}

export const ZBlastRadiusQuery = z.object({
  nodeId: z.string().trim().min(1).max(2048),
  maxDepth: z.coerce.number().int().min(1).max(10).default(6),
  /** reachable nodes listed with their path (counts always cover all of them) */
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type TBlastRadiusQuery = z.input<typeof ZBlastRadiusQuery>;

export type TBlastRadiusHop = TGraphEdgeRow;

export interface TBlastRadiusEntry {
  node: TGraphNodeRow;
  depth: number;
  /** start → … → node, one edge per hop with the permission that grants it */
  path: TBlastRadiusHop[];
}

export interface TBlastRadiusClassification extends TPrincipalClassification {
  /** the principal this class comes from (the start, or a role reached through runs-as/can-assume) */
  via: { nodeId: string; name: string } | null;
}

export interface TBlastRadius {
  build: TGraphBuildRow;
  start: TGraphNodeRow;
  classification: TBlastRadiusClassification[];
  total: number;
  byKind: { kind: string; count: number }[];
  byAccount: { accountId: string | null; count: number; byKind: { kind: string; count: number }[] }[];
  /** accounts whose administrator the start can become (an account root reached by escalation) */
  accountTakeover: { accountId: string; methodIds: string[] }[];
  reachable: TBlastRadiusEntry[];
  truncated: boolean;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): { kind: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

/**
 * Blast radius of a principal or workload: every node it can reach in the current graph
 * (recursive CTE), the path and permission of each hop, grouped by account and kind, and the
 * classification of the principal (its own, and that of the roles it runs as or can assume).
 * `nodeId` is a node id of the graph (an ARN for AWS resources and principals).
 */
export async function getBlastRadius(opts: { db: TDb; scope: TTenantScope; query: TBlastRadiusQuery }): Promise<TBlastRadius> {
  authorize(opts.scope, "inventory.read");
  const parsed = ZBlastRadiusQuery.safeParse(opts.query);
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  const { nodeId, maxDepth, limit } = parsed.data;
  const { db } = opts;
  const tenantId = opts.scope.tenantId;
  const build = await findCurrentGraphBuild(db, tenantId);
  if (!build) throw new AppError("NOT_FOUND", "The access graph has not been built yet: it is built after the first scan completes.");
  const [start] = await findGraphNodes(db, { tenantId, buildId: build.id, nodeIds: [nodeId] });
  if (!start) throw new AppError("NOT_FOUND", `No principal, workload or resource ${nodeId} in the access graph.`);

  const reached = await findReachableNodeIds(db, { tenantId, buildId: build.id, startId: nodeId, maxDepth });
  const depthOf = new Map(reached.map((r) => [r.nodeId, r.depth]));
  // Edges leaving the start and every reached node: enough to rebuild one shortest path each.
  const edges = await findEdgesFrom(db, { tenantId, buildId: build.id, sources: [nodeId, ...reached.map((r) => r.nodeId)] });
  const outgoing = new Map<string, TGraphEdgeRow[]>();
  for (const e of edges) {
    const list = outgoing.get(e.source);
    if (list) list.push(e);
    else outgoing.set(e.source, [e]);
  }
  const pathTo = new Map<string, TGraphEdgeRow[]>([[nodeId, []]]);
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      const path = pathTo.get(id) ?? [];
      for (const e of (outgoing.get(id) ?? []).sort((a, b) => (a.decision === b.decision ? 0 : a.decision === "ALLOWED" ? -1 : 1))) {
        if (pathTo.has(e.target) || !depthOf.has(e.target)) continue;
        pathTo.set(e.target, [...path, e]);
        next.push(e.target);
      }
    }
    frontier = next;
  }
  const ordered = [...depthOf.keys()].sort((a, b) => (pathTo.get(a)?.length ?? 99) - (pathTo.get(b)?.length ?? 99) || a.localeCompare(b));
  const nodeRows = new Map<string, TGraphNodeRow>();
  // Node rows of everything reached (for counts by kind/account); paths only for the first `limit`.
  for (let i = 0; i < ordered.length; i += 5000) {
    for (const row of await findGraphNodes(db, { tenantId, buildId: build.id, nodeIds: ordered.slice(i, i + 5000) })) {
      nodeRows.set(row.nodeId, row);
    }
  }
  const all = ordered.map((id) => nodeRows.get(id)).filter((n): n is TGraphNodeRow => n !== undefined);
  const byAccountMap = new Map<string | null, TGraphNodeRow[]>();
  for (const n of all) {
    const list = byAccountMap.get(n.accountId);
    if (list) list.push(n);
    else byAccountMap.set(n.accountId, [n]);
  }

  // Classification: the start's own, and the roles it runs as / can assume (transitively).
  const classification: TBlastRadiusClassification[] = [];
  const principalIds = [nodeId, ...ordered.filter((id) => (pathTo.get(id) ?? []).every((e) => e.kind === "runs-as" || e.kind === "can-assume"))];
  for (const id of principalIds) {
    const n = id === nodeId ? start : nodeRows.get(id);
    const own = (n?.properties.classification ?? []) as TPrincipalClassification[];
    for (const c of own) classification.push({ ...c, via: id === nodeId || !n ? null : { nodeId: id, name: n.name } });
  }
  const takeover = new Map<string, Set<string>>();
  for (const id of ordered) {
    const n = nodeRows.get(id);
    if (n?.kind !== "account-root" || !n.accountId) continue;
    const methods = (pathTo.get(id) ?? []).map((e) => e.methodId).filter((m): m is string => m !== null);
    takeover.set(n.accountId, new Set(methods));
  }
  return {
    build,
    start,
    classification,
    total: all.length,
    byKind: countBy(all, (n) => n.kind),
    byAccount: [...byAccountMap]
      .map(([accountId, nodes]) => ({ accountId, count: nodes.length, byKind: countBy(nodes, (n) => n.kind) }))
      .sort((a, b) => b.count - a.count),
    accountTakeover: [...takeover].map(([accountId, methods]) => ({ accountId, methodIds: [...methods] })),
    reachable: all.slice(0, limit).map((node) => ({ node, depth: pathTo.get(node.nodeId)?.length ?? depthOf.get(node.nodeId) ?? 0, path: pathTo.get(node.nodeId) ?? [] })),
    truncated: all.length > limit,
  };
}

/** One node of the current graph with its direct neighbours (the inspector of the graph view). */
export async function getGraphNode(opts: { db: TDb; scope: TTenantScope; nodeId: string }): Promise<{ node: TGraphNodeRow; outgoing: TGraphEdgeRow[] }> {
  authorize(opts.scope, "inventory.read");
  const build = await findCurrentGraphBuild(opts.db, opts.scope.tenantId);
  if (!build) throw new AppError("NOT_FOUND", "The access graph has not been built yet.");
  const [node] = await findGraphNodes(opts.db, { tenantId: opts.scope.tenantId, buildId: build.id, nodeIds: [opts.nodeId] });
  if (!node) throw new AppError("NOT_FOUND", `No node ${opts.nodeId} in the access graph.`);
  const outgoing = await findEdgesFrom(opts.db, { tenantId: opts.scope.tenantId, buildId: build.id, sources: [opts.nodeId] });
  return { node, outgoing };
}
