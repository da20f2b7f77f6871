import { Prisma, type TDb } from "@guardrail/db";
import type { TAccessGraph } from "@guardrail/iam";

// Storage of access-graph builds: rows written set-based (one INSERT … SELECT FROM unnest per
// chunk), a build becomes the current graph when it is READY, older builds are then deleted
// (their nodes and edges cascade). Readers always see one complete build.

const CHUNK = 5000;

export interface TWriteGraphBuildOptions {
  tenantId: string;
  scanId: string | null;
  graph: TAccessGraph;
  startedAt: Date;
  now: Date;
}

export async function createGraphBuild(
  db: TDb,
  opts: { tenantId: string; scanId: string | null; startedAt: Date },
): Promise<string> {
  const build = await db.accessGraphBuild.create({
    data: { tenantId: opts.tenantId, scanId: opts.scanId, status: "BUILDING", startedAt: opts.startedAt },
    select: { id: true },
  });
  return build.id;
}

export async function insertGraphRows(
  db: TDb,
  opts: { tenantId: string; buildId: string; graph: TAccessGraph },
): Promise<void> {
  const { tenantId, buildId, graph } = opts;
  const nodes = [...graph.nodes.values()];
  for (let i = 0; i < nodes.length; i += CHUNK) {
    const chunk = nodes.slice(i, i + CHUNK);
    await db.$executeRaw`
      INSERT INTO "AccessGraphNode" ("tenantId", "buildId", "nodeId", "kind", "accountId", "region", "name", "properties")
      SELECT ${tenantId}::uuid, ${buildId}::uuid, n.id, n.kind, n.account, n.region, n.name, n.props::jsonb
      FROM unnest(
        ${chunk.map((n) => n.id)}::text[], ${chunk.map((n) => n.kind)}::text[],
        ${chunk.map((n) => n.accountId)}::text[], ${chunk.map((n) => n.region)}::text[],
        ${chunk.map((n) => n.name)}::text[], ${chunk.map((n) => JSON.stringify(n.properties))}::text[]
      ) AS n(id, kind, account, region, name, props)`;
  }
  for (let i = 0; i < graph.edges.length; i += CHUNK) {
    const chunk = graph.edges.slice(i, i + CHUNK);
    await db.$executeRaw`
      INSERT INTO "AccessGraphEdge" ("tenantId", "buildId", "source", "target", "kind", "decision", "methodId", "action", "conditions", "reasons")
      SELECT ${tenantId}::uuid, ${buildId}::uuid, e.source, e.target, e.kind, e.decision, e.method, e.action,
        ARRAY(SELECT jsonb_array_elements_text(e.conditions::jsonb)),
        ARRAY(SELECT jsonb_array_elements_text(e.reasons::jsonb))
      FROM unnest(
        ${chunk.map((e) => e.source)}::text[], ${chunk.map((e) => e.target)}::text[],
        ${chunk.map((e) => e.kind)}::text[], ${chunk.map((e) => e.decision)}::text[],
        ${chunk.map((e) => e.methodId)}::text[], ${chunk.map((e) => e.action)}::text[],
        ${chunk.map((e) => JSON.stringify(e.conditions))}::text[], ${chunk.map((e) => JSON.stringify(e.reasons))}::text[]
      ) AS e(source, target, kind, decision, method, action, conditions, reasons)`;
  }
}

/** Marks the build READY and deletes the tenant's older builds (a newer concurrent one stays). */
export async function finishGraphBuild(
  db: TDb,
  opts: { tenantId: string; buildId: string; graph: TAccessGraph; startedAt: Date; now: Date },
): Promise<void> {
  await db.accessGraphBuild.update({
    where: { id: opts.buildId },
    data: {
      status: "READY",
      finishedAt: opts.now,
      nodeCount: opts.graph.nodes.size,
      edgeCount: opts.graph.edges.length,
      evaluations: opts.graph.stats.evaluations,
      durationMs: opts.graph.stats.durationMs,
    },
  });
  await db.$executeRaw`
    DELETE FROM "AccessGraphBuild"
     WHERE "tenantId" = ${opts.tenantId}::uuid AND id <> ${opts.buildId}::uuid
       AND ("startedAt" <= ${opts.startedAt} OR status <> 'BUILDING')`;
}

export async function failGraphBuild(
  db: TDb,
  opts: { buildId: string; error: string; now: Date },
): Promise<void> {
  await db.accessGraphEdge.deleteMany({ where: { buildId: opts.buildId } });
  await db.accessGraphNode.deleteMany({ where: { buildId: opts.buildId } });
  await db.accessGraphBuild.update({
    where: { id: opts.buildId },
    data: { status: "FAILED", finishedAt: opts.now, error: opts.error.slice(0, 2000) },
  });
}

export interface TGraphBuildRow {
  id: string;
  scanId: string | null;
  finishedAt: Date | null;
  nodeCount: number;
  edgeCount: number;
  durationMs: number | null;
}

/** The tenant's current graph: its latest READY build, or null before the first one. */
export async function findCurrentGraphBuild(db: TDb, tenantId: string): Promise<TGraphBuildRow | null> {
  return db.accessGraphBuild.findFirst({
    where: { tenantId, status: "READY" },
    orderBy: { finishedAt: "desc" },
    select: { id: true, scanId: true, finishedAt: true, nodeCount: true, edgeCount: true, durationMs: true },
  });
}

export interface TGraphNodeRow {
  nodeId: string;
  kind: string;
  accountId: string | null;
  region: string | null;
  name: string;
  properties: Record<string, unknown>;
}

export interface TGraphEdgeRow {
  source: string;
  target: string;
  kind: string;
  decision: "ALLOWED" | "CONDITIONAL";
  methodId: string | null;
  action: string | null;
  conditions: string[];
  reasons: string[];
}

export async function findGraphNodes(
  db: TDb,
  opts: { tenantId: string; buildId: string; nodeIds: readonly string[] },
): Promise<TGraphNodeRow[]> {
  if (opts.nodeIds.length === 0) return [];
  const rows = await db.accessGraphNode.findMany({
    where: { tenantId: opts.tenantId, buildId: opts.buildId, nodeId: { in: [...opts.nodeIds] } },
    select: { nodeId: true, kind: true, accountId: true, region: true, name: true, properties: true },
  });
  return rows.map((r) => ({ ...r, properties: (r.properties ?? {}) as Record<string, unknown> }));
}

/**
 * Every node reachable from `startId` within `maxDepth` hops (recursive CTE). UNION keeps each
 * (node, depth) pair once, so cycles and fans end and the work is bounded by nodes × depth.
 */
export async function findReachableNodeIds(
  db: TDb,
  opts: { tenantId: string; buildId: string; startId: string; maxDepth: number },
): Promise<{ nodeId: string; depth: number }[]> {
  return db.$queryRaw<{ nodeId: string; depth: number }[]>(Prisma.sql`
    WITH RECURSIVE reach(node, depth) AS (
      SELECT ${opts.startId}::text, 0
      UNION
      SELECT e.target, r.depth + 1 FROM reach r
        JOIN "AccessGraphEdge" e ON e."buildId" = ${opts.buildId}::uuid AND e.source = r.node
       WHERE r.depth < ${opts.maxDepth} AND e."tenantId" = ${opts.tenantId}::uuid AND e.kind <> 'member-of'
    )
    SELECT node AS "nodeId", min(depth)::int AS depth FROM reach
     WHERE node <> ${opts.startId}::text GROUP BY node`);
}

/** The edges between a set of nodes (the reachable subgraph, for paths per hop). */
export async function findEdgesFrom(
  db: TDb,
  opts: { tenantId: string; buildId: string; sources: readonly string[] },
): Promise<TGraphEdgeRow[]> {
  if (opts.sources.length === 0) return [];
  return db.$queryRaw<TGraphEdgeRow[]>(Prisma.sql`
    SELECT source, target, kind, decision, "methodId", action, conditions, reasons
      FROM "AccessGraphEdge"
     WHERE "buildId" = ${opts.buildId}::uuid AND "tenantId" = ${opts.tenantId}::uuid
       AND source = ANY(${[...opts.sources]}::text[]) AND kind <> 'member-of'`);
}
