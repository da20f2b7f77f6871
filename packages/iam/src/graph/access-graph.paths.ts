import type { TAccessGraph, TGraphEdge, TGraphNode } from "./access-graph.types";

// In-memory traversal of an access graph (rules and tests; the stored graph is queried with a
// recursive CTE in packages/core).

export interface TGraphIndex {
  outgoing(nodeId: string): readonly TGraphEdge[];
  incoming(nodeId: string): readonly TGraphEdge[];
  node(nodeId: string): TGraphNode | undefined;
}

const NONE: readonly TGraphEdge[] = Object.freeze([]);

export function indexAccessGraph(graph: TAccessGraph): TGraphIndex {
  const out = new Map<string, TGraphEdge[]>();
  const inc = new Map<string, TGraphEdge[]>();
  for (const e of graph.edges) {
    const o = out.get(e.source);
    if (o) o.push(e);
    else out.set(e.source, [e]);
    const i = inc.get(e.target);
    if (i) i.push(e);
    else inc.set(e.target, [e]);
  }
  return {
    outgoing: (id) => out.get(id) ?? NONE,
    incoming: (id) => inc.get(id) ?? NONE,
    node: (id) => graph.nodes.get(id),
  };
}

export interface TReachable {
  nodeId: string;
  /** the hops from the start, shortest first found (breadth-first) */
  path: TGraphEdge[];
}

/**
 * Every node reachable from `startId` with one shortest path each. `follow` filters the edges
 * (e.g. skip member-of); the start itself is not returned.
 */
export function findReachable(
  index: TGraphIndex,
  startId: string,
  opts: { maxDepth?: number; follow?: (edge: TGraphEdge) => boolean } = {},
): TReachable[] {
  const maxDepth = opts.maxDepth ?? 8;
  const seen = new Map<string, TGraphEdge[]>([[startId, []]]);
  let frontier = [startId];
  const result: TReachable[] = [];
  for (let depth = 0; depth < maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const id of frontier) {
      const path = seen.get(id) ?? [];
      for (const edge of index.outgoing(id)) {
        if (opts.follow && !opts.follow(edge)) continue;
        if (seen.has(edge.target)) continue;
        const p = [...path, edge];
        seen.set(edge.target, p);
        result.push({ nodeId: edge.target, path: p });
        next.push(edge.target);
      }
    }
    frontier = next;
  }
  return result;
}
