import { copyRows, Prisma, withPgConnection, type TDb } from "@guardrail/db";
import type { TAccessGraph } from "@guardrail/iam";

// Storage of access-graph builds. AccessGraphNode and AccessGraphEdge are partitioned by build
// (LIST on "buildId"): a build is COPYed into two tables of its own, indexed and analyzed after
// the load (cheaper than maintaining indexes row by row), then attached as one partition of each
// table. It becomes the current graph when it is READY; older builds are then dropped as tables.
// Readers always see one complete build.

type TPgClient = Parameters<Parameters<typeof withPgConnection>[1]>[0];

/** The tables of one build (a partition of each graph table once attached). */
export function graphPartitionNames(buildId: string): { nodes: string; edges: string } {
  if (!/^[0-9a-f-]{36}$/i.test(buildId)) throw new Error(`not a build id: ${buildId}`);
  const hex = buildId.replace(/-/g, "").toLowerCase();
  return { nodes: `"AccessGraphNode_${hex}"`, edges: `"AccessGraphEdge_${hex}"` };
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

export interface TGraphWriteTimings {
  /** COPY of nodes and edges into the build's tables */
  copyMs: number;
  /** indexes built after the load, and ANALYZE */
  indexMs: number;
  /** ATTACH PARTITION of both tables */
  attachMs: number;
}

/**
 * A Postgres text[] literal (`{"a","b"}`) per array, memoised by identity. copyRows escapes it
 * for COPY like any text value (the same bytes as it writes for an array).
 */
function textArrayLiteralCache(): (values: readonly string[]) => string {
  const cache = new WeakMap<readonly string[], string>();
  return (values) => {
    let out = cache.get(values);
    if (out === undefined) {
      out = `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
      cache.set(values, out);
    }
    return out;
  };
}

const NODE_COLUMNS = ['"tenantId"', '"buildId"', '"nodeId"', "kind", '"accountId"', "region", "name", "properties"];
const EDGE_COLUMNS = ["id", '"tenantId"', '"buildId"', "source", "target", "kind", "decision", '"methodId"', "action", "conditions", "reasons"];

/** Below this many edges a build is written, indexed and attached in one transaction. */
const PARALLEL_INDEX_EDGES = 100_000;

/**
 * Writes a graph into the build's own tables and attaches them as partitions (the build stays
 * BUILDING: readers do not see it until `finishGraphBuild`). Edge ids are numbered within the
 * build (the primary key is buildId + id). A small graph takes one transaction on one
 * connection; a large one is committed after the COPY and its index builds run on two
 * connections at once.
 */
export async function writeGraphPartitions(
  db: TDb,
  opts: { tenantId: string; buildId: string; graph: TAccessGraph },
): Promise<TGraphWriteTimings> {
  const { tenantId, buildId, graph } = opts;
  const t = graphPartitionNames(buildId);
  // The same definitions as the partitioned tables' indexes, so ATTACH adopts them.
  const edgeIndexes = [
    [`CREATE INDEX ON ${t.edges} ("buildId", source)`, `ALTER TABLE ${t.edges} ADD PRIMARY KEY ("buildId", id)`],
    [`CREATE INDEX ON ${t.edges} ("buildId", target)`],
  ];
  const nodeIndexes = [
    `ALTER TABLE ${t.nodes} ADD PRIMARY KEY ("buildId", "nodeId")`,
    `CREATE INDEX ON ${t.nodes} ("tenantId", "buildId", kind)`,
  ];
  const attach = [
    `ALTER TABLE "AccessGraphNode" ATTACH PARTITION ${t.nodes} FOR VALUES IN ('${buildId}')`,
    `ALTER TABLE "AccessGraphEdge" ATTACH PARTITION ${t.edges} FOR VALUES IN ('${buildId}')`,
  ];
  const copy = async (client: TPgClient) => {
    await client.query(`CREATE TABLE ${t.nodes} (LIKE "AccessGraphNode")`);
    await client.query(`CREATE TABLE ${t.edges} (LIKE "AccessGraphEdge")`);
    await copyRows(client, {
      table: t.nodes,
      columns: NODE_COLUMNS,
      rows: (function* () {
        for (const n of graph.nodes.values()) yield [tenantId, buildId, n.id, n.kind, n.accountId, n.region, n.name, n.properties];
      })(),
    });
    // Many edges share one reasons array (a principal's lateral-movement edges, its wide data
    // grants): each array is encoded once.
    const literal = textArrayLiteralCache();
    await copyRows(client, {
      table: t.edges,
      columns: EDGE_COLUMNS,
      rows: (function* () {
        let id = 0;
        for (const e of graph.edges) yield [++id, tenantId, buildId, e.source, e.target, e.kind, e.decision, e.methodId, e.action, literal(e.conditions), literal(e.reasons)];
      })(),
    });
  };
  const started = Date.now();
  if (graph.edges.length < PARALLEL_INDEX_EDGES) {
    let copied = started;
    let indexed = started;
    await withPgConnection(db, (client) =>
      withLockRetry(client, async () => {
        await client.query("BEGIN");
        await copy(client);
        copied = Date.now();
        for (const sql of [...edgeIndexes.flat(), ...nodeIndexes, `ANALYZE ${t.nodes}`, `ANALYZE ${t.edges}`]) await client.query(sql);
        indexed = Date.now();
        await client.query("SET LOCAL lock_timeout = '5s'");
        for (const sql of attach) await client.query(sql);
        await client.query("COMMIT");
      }),
    );
    return { copyMs: copied - started, indexMs: indexed - copied, attachMs: Date.now() - indexed };
  }
  await withPgConnection(db, copy);
  const copied = Date.now();
  const run = (statements: string[]) =>
    withPgConnection(db, async (client) => {
      for (const sql of statements) await client.query(sql);
    });
  await Promise.all([
    run([...(edgeIndexes[0] ?? []), ...nodeIndexes]),
    run([...(edgeIndexes[1] ?? []), `ANALYZE ${t.nodes}`]),
  ]);
  await run([`ANALYZE ${t.edges}`]);
  const indexed = Date.now();
  await withPgConnection(db, (client) =>
    withLockRetry(client, async () => {
      await client.query("BEGIN");
      await client.query("SET LOCAL lock_timeout = '5s'");
      for (const sql of attach) await client.query(sql);
      await client.query("COMMIT");
    }),
  );
  return { copyMs: copied - started, indexMs: indexed - copied, attachMs: Date.now() - indexed };
}

/**
 * Runs a short DDL transaction that needs a lock on a graph table (ATTACH, DROP), retrying when
 * it waited longer than its lock_timeout for readers (a queued ACCESS EXCLUSIVE request would
 * otherwise hold every new reader behind it).
 */
async function withLockRetry(client: TPgClient, fn: () => Promise<void>, attempts = 5): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fn();
      return;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => undefined);
      const lockTimeout = (err as { code?: string }).code === "55P03";
      if (!lockTimeout || attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** Drops a build's tables (attached or not) and then its row. */
async function dropGraphBuild(client: TPgClient, buildId: string): Promise<void> {
  const t = graphPartitionNames(buildId);
  await withLockRetry(client, async () => {
    await client.query("BEGIN");
    await client.query("SET LOCAL lock_timeout = '5s'");
    await client.query(`DROP TABLE IF EXISTS ${t.edges}, ${t.nodes}`);
    await client.query(`DELETE FROM "AccessGraphBuild" WHERE id = $1::uuid`, [buildId]);
    await client.query("COMMIT");
  });
}

/**
 * Marks the build READY, then drops the tenant's older builds (a newer concurrent one stays):
 * their partitions go as tables, which costs no per-row work.
 */
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
  const older = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "AccessGraphBuild"
     WHERE "tenantId" = ${opts.tenantId}::uuid AND id <> ${opts.buildId}::uuid
       AND ("startedAt" <= ${opts.startedAt} OR status <> 'BUILDING')`;
  if (older.length === 0) return;
  await withPgConnection(db, async (client) => {
    for (const b of older) await dropGraphBuild(client, b.id);
  });
}

/** A failed build: its tables are dropped and it is kept as FAILED with the error. */
export async function failGraphBuild(
  db: TDb,
  opts: { buildId: string; error: string; now: Date },
): Promise<void> {
  const t = graphPartitionNames(opts.buildId);
  await withPgConnection(db, (client) =>
    withLockRetry(client, async () => {
      await client.query("BEGIN");
      await client.query("SET LOCAL lock_timeout = '5s'");
      await client.query(`DROP TABLE IF EXISTS ${t.edges}, ${t.nodes}`);
      await client.query("COMMIT");
    }),
  );
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
