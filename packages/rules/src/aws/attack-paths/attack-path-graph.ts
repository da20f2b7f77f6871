import {
  buildAccessGraph,
  createCapabilityAnalyzer,
  findReachable,
  indexAccessGraph,
  type TAccessGraph,
  type TGraphEdge,
  type TGraphIndex,
  type TGraphNode,
  type TPrincipalClassification,
} from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../../context";
import { checkDataAvailable } from "../../lib/guard";
import { notApplicable, unable, type TRuleVerdict } from "../../rule";

// Shared by the attack-path rules: the access graph of the whole context (built once per
// context by @guardrail/iam), paths as evidence, and what counts as "privileged".

export interface TContextGraph {
  graph: TAccessGraph;
  index: TGraphIndex;
}

/**
 * The context's access graph: the one the caller built (the scan evaluation builds the full
 * graph once, for these rules and for storage), else a lighter one built here (CLI, tests).
 */
export function readAccessGraph(ctx: TRuleContext): TContextGraph {
  return ctx.memo("attack-path:access-graph", () => {
    if (ctx.accessGraph) return { graph: ctx.accessGraph, index: indexAccessGraph(ctx.accessGraph) };
    const graph = buildAccessGraph({
      resources: ctx.all(),
      catalog: ctx.iamActionCatalog,
      // the same analyzer (and memo) as the workload-role rules (lib/role-capabilities)
      analyzer:
        ctx.iamCapabilityAnalyzer ??
        ctx.memo("iam-capability-analyzer", () => createCapabilityAnalyzer(ctx.iamActionCatalog ? { catalog: ctx.iamActionCatalog } : {})),
      now: ctx.now,
      // the rules read exposure, runs-as, assume, escalation and the data reach of external roles
      edges: { lateralMovement: false, dataAccess: "externally-assumable" },
    });
    return { graph, index: indexAccessGraph(graph) };
  });
}

export interface TPathHop {
  from: string;
  fromName: string;
  edge: TGraphEdge["kind"];
  to: string;
  toName: string;
  decision: TGraphEdge["decision"];
  action: string | null;
  methodId: string | null;
  conditions: string[];
  reason: string | null;
}

export function describePath(index: TGraphIndex, path: readonly TGraphEdge[]): TPathHop[] {
  return path.map((e) => ({
    from: e.source,
    fromName: index.node(e.source)?.name ?? e.source,
    edge: e.kind,
    to: e.target,
    toName: index.node(e.target)?.name ?? e.target,
    decision: e.decision,
    action: e.action,
    methodId: e.methodId,
    conditions: e.conditions,
    reason: e.reasons[0] ?? null,
  }));
}

/** "allowed" only when every hop is; a single conditional hop makes the path conditional. */
export function pathDecision(path: readonly TGraphEdge[]): "ALLOWED" | "CONDITIONAL" {
  return path.every((e) => e.decision === "ALLOWED") ? "ALLOWED" : "CONDITIONAL";
}

export function classificationOf(node: TGraphNode | undefined): TPrincipalClassification[] {
  return (node?.properties.classification ?? []) as TPrincipalClassification[];
}

export function hasClass(node: TGraphNode | undefined, ...kinds: TPrincipalClassification["kind"][]): TPrincipalClassification | undefined {
  return classificationOf(node).find((c) => kinds.includes(c.kind));
}

/**
 * From a principal (a workload's role, a third-party role…), the shortest path to administrator
 * access: the principal itself, or a role it can assume, that is an administrator or can escalate
 * to one (the escalation edge is then the last hop).
 */
export function findPrivilegedPath(
  index: TGraphIndex,
  principalId: string,
): { path: TGraphEdge[]; principal: TGraphNode; classification: TPrincipalClassification } | null {
  const candidates = [
    { nodeId: principalId, path: [] as TGraphEdge[] },
    ...findReachable(index, principalId, { maxDepth: 4, follow: (e) => e.kind === "can-assume" }),
  ];
  for (const want of ["administrator", "escalation-to-administrator"] as const) {
    for (const c of candidates) {
      const node = index.node(c.nodeId);
      const cls = hasClass(node, want);
      if (!node || !cls) continue;
      const escalation = want === "escalation-to-administrator"
        ? index.outgoing(c.nodeId).find((e) => e.kind === "can-escalate")
        : undefined;
      return { path: escalation ? [...c.path, escalation] : c.path, principal: node, classification: cls };
    }
  }
  return null;
}

/** The graph node of a rule's resource, or the verdict when it cannot be judged. */
export function resolveNode(resource: TCollectedResource, ctx: TRuleContext): { node: TGraphNode; g: TContextGraph } | TRuleVerdict {
  const missing = checkDataAvailable(resource, ctx);
  if (missing) return missing;
  const g = readAccessGraph(ctx);
  const node = g.graph.nodes.get(resource.resourceId) ?? g.graph.nodes.get(String(resource.configuration.Arn ?? ""));
  if (!node) return notApplicable("Not part of the access graph (terminated, or not a principal or workload)", { resourceId: resource.resourceId });
  const missingPolicies = node.properties.missingPolicies;
  if (Array.isArray(missingPolicies) && missingPolicies.length > 0) {
    return unable("Policies of the principal were not found in the inventory", { missingPolicies });
  }
  return { node, g };
}

export function isVerdict(value: unknown): value is TRuleVerdict {
  return typeof value === "object" && value !== null && "status" in value && "evidence" in value;
}

export const ATTACK_PATH_REFERENCES = [
  "https://pathfinding.cloud",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
];

/** Appended to each description: the catalog requires an empty mapping to be justified. */
export const NO_FRAMEWORK_NOTE =
  " No CIS v3.0.0 or FSBP control evaluates combinations across resources (attack paths), hence no framework mapping.";
