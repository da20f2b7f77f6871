import type { TActionCatalog } from "../action-catalog";
import type { TPolicyInput } from "../policy.types";
import type { TCapabilityAnalyzer, TPrincipalCapabilities } from "../principal-capabilities.analyzer";
import type { TEvaluationResult, TPrincipalEvaluator, TStatementRef } from "../request.evaluator";
import type { TTrustAnalysis } from "../trust-policy.analyzer";
import type { TGraphEdge, TGraphEdgeKind, TGraphNode, TGraphResource } from "./access-graph.types";
import { asRecord, asRecords, asString, readDefaultPolicyDocument, type TGraphOrganization } from "./graph-inventory";

// The state one graph build shares between its edge families (build-state → principals →
// can-escalate → can-assume → runs-as/exposure → lateral movement → data access).

export const INTERNET_NODE_ID = "internet";
export const ANYONE_NODE_ID = "anyone";

export interface TPrincipalEntry {
  resource: TGraphResource;
  arn: string;
  evaluator: TPrincipalEvaluator;
  /**
   * What the later steps read of the capability analysis, kept small (a principal's denied
   * checks are dropped once classified: 25,000 principals hold the heap through the build):
   * the escalation methods it holds (none for administrators) and its allowed lateral moves.
   */
  escalation: TPrincipalCapabilities["privilegeEscalation"];
  lateralMovement: TPrincipalCapabilities["lateralMovement"];
  isAdmin: boolean;
  /** identity side grants sts:AssumeRole on some role */
  mayAssume: boolean;
  identityPolicies: readonly { document: TPolicyInput }[];
  /** action → resource patterns of the identity Allow statements that name it ("*" when unsure) */
  allowPatterns: Map<string, readonly string[]>;
  /** action → does the identity side grant it on some resource of its type (probe) */
  identityGrants: Map<string, boolean>;
}

export interface TBuildState {
  now: Date;
  catalog: TActionCatalog | undefined;
  analyzer: TCapabilityAnalyzer;
  org: TGraphOrganization;
  nodes: Map<string, TGraphNode>;
  edges: TGraphEdge[];
  edgeKeys: Set<string>;
  /** request evaluations made (a figure of the build's work) */
  evaluations: number;
  // inventory indexes
  byType: Map<string, TGraphResource[]>;
  policies: Map<string, TGraphResource>;
  policyDocs: Map<string, TPolicyInput | null>;
  groupsByName: Map<string, TGraphResource>;
  roles: TGraphResource[];
  users: TGraphResource[];
  instanceProfiles: Map<string, TGraphResource>;
  securityGroups: Map<string, TGraphResource>;
  clusters: Map<string, TGraphResource>;
  accountPab: Map<string, Record<string, unknown> | null>;
  /** accounts of the organization, and accounts whose inventory was collected (no org data) */
  organizationAccountIds: ReadonlySet<string>;
  // principals (filled by the principals step)
  principals: Map<string, TPrincipalEntry>;
  principalsByAccount: Map<string, TPrincipalEntry[]>;
  adminRolesByAccount: Map<string, string[]>;
  trusts: Map<string, TTrustAnalysis>;
  /** running instances per account (filled by the workloads step) */
  instancesByAccount: Map<string, string[]>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
export { pushTo };

export function createBuildState(opts: {
  resources: readonly TGraphResource[];
  org: TGraphOrganization;
  catalog: TActionCatalog | undefined;
  analyzer: TCapabilityAnalyzer;
  now: Date;
}): TBuildState {
  const state: TBuildState = {
    now: opts.now,
    catalog: opts.catalog,
    analyzer: opts.analyzer,
    org: opts.org,
    nodes: new Map(),
    edges: [],
    edgeKeys: new Set(),
    evaluations: 0,
    byType: new Map(),
    policies: new Map(),
    policyDocs: new Map(),
    groupsByName: new Map(),
    roles: [],
    users: [],
    instanceProfiles: new Map(),
    securityGroups: new Map(),
    clusters: new Map(),
    accountPab: new Map(),
    organizationAccountIds: new Set(),
    principals: new Map(),
    principalsByAccount: new Map(),
    adminRolesByAccount: new Map(),
    trusts: new Map(),
    instancesByAccount: new Map(),
  };
  const known = new Set<string>(opts.org.accountIds);
  for (const r of opts.resources) {
    known.add(r.accountId);
    pushTo(state.byType, r.resourceType, r);
    switch (r.resourceType) {
      case "AWS::IAM::Policy":
        state.policies.set(asString(r.configuration.Arn) ?? r.resourceId, r);
        break;
      case "AWS::IAM::Group":
        state.groupsByName.set(`${r.accountId}|${asString(r.configuration.GroupName) ?? r.name ?? ""}`, r);
        break;
      case "AWS::IAM::Role":
        state.roles.push(r);
        for (const p of asRecords(r.configuration.InstanceProfileList)) {
          const arn = asString(p.Arn);
          if (arn) state.instanceProfiles.set(arn, r);
        }
        break;
      case "AWS::IAM::User":
        state.users.push(r);
        break;
      case "AWS::EC2::SecurityGroup":
        state.securityGroups.set(`${r.accountId}|${r.region}|${asString(r.configuration.GroupId) ?? ""}`, r);
        break;
      case "AWS::EKS::Cluster":
        state.clusters.set(`${r.accountId}|${r.region}|${asString(r.configuration.name) ?? r.name ?? ""}`, r);
        break;
      case "AWS::S3::AccountPublicAccessBlock":
        state.accountPab.set(r.accountId, asRecord(r.configuration.PublicAccessBlockConfiguration));
        break;
      default:
        break;
    }
  }
  state.organizationAccountIds = known;
  return state;
}

export function lookupPolicy(state: TBuildState, arn: string): TPolicyInput | null {
  const cached = state.policyDocs.get(arn);
  if (cached !== undefined) return cached;
  const r = state.policies.get(arn);
  const doc = r ? readDefaultPolicyDocument(r) : null;
  state.policyDocs.set(arn, doc);
  return doc;
}

export function addNode(state: TBuildState, node: TGraphNode): TGraphNode {
  const existing = state.nodes.get(node.id);
  if (existing) return existing;
  state.nodes.set(node.id, node);
  return node;
}

const NO_CONDITIONS: string[] = [];

export interface TEdgeDetails {
  methodId?: string | null;
  action?: string | null;
  conditions?: string[];
  reasons: string[];
}

/**
 * Adds an edge once per (source, target, kind, method). `unique`: the caller knows the edge
 * cannot repeat (the bulk kinds), so no key is built. Every edge has the same shape (one
 * hidden class for a million objects).
 */
export function addEdge(
  state: TBuildState,
  source: string,
  target: string,
  kind: TGraphEdgeKind,
  decision: TGraphEdge["decision"],
  details: TEdgeDetails,
  unique = false,
): void {
  const methodId = details.methodId ?? null;
  if (!unique) {
    const key = `${source}\u0000${target}\u0000${kind}\u0000${methodId ?? ""}`;
    if (state.edgeKeys.has(key)) return;
    state.edgeKeys.add(key);
  }
  state.edges.push({
    source,
    target,
    kind,
    decision,
    methodId,
    action: details.action ?? null,
    conditions: details.conditions ?? NO_CONDITIONS,
    reasons: details.reasons,
  });
}

export function accountNode(state: TBuildState, accountId: string): string {
  const id = `arn:aws:iam::${accountId}:root`;
  if (state.nodes.has(id)) return id;
  const inOrg = state.organizationAccountIds.has(accountId);
  addNode(state, {
    id,
    kind: inOrg ? "account-root" : "external-account",
    accountId,
    region: null,
    name: inOrg ? `${state.org.accountNames.get(accountId) ?? accountId} (account root)` : `External account ${accountId}`,
    properties: inOrg ? { isManagementAccount: state.org.managementAccountId === accountId } : {},
  });
  return id;
}

export function internetNode(state: TBuildState): string {
  if (!state.nodes.has(INTERNET_NODE_ID)) {
    addNode(state, { id: INTERNET_NODE_ID, kind: "internet", accountId: null, region: null, name: "The internet", properties: {} });
  }
  return INTERNET_NODE_ID;
}

export function anyoneNode(state: TBuildState): string {
  if (!state.nodes.has(ANYONE_NODE_ID)) {
    addNode(state, { id: ANYONE_NODE_ID, kind: "anyone", accountId: null, region: null, name: "Anyone (any AWS principal)", properties: {} });
  }
  return ANYONE_NODE_ID;
}

function describeRef(ref: TStatementRef): string {
  const where = ref.policyName ?? ref.policyArn ?? `${ref.policyType} policy`;
  const statement = ref.sid !== undefined ? `statement "${ref.sid}"` : `statement #${ref.statementIndex}`;
  const level = ref.level !== undefined ? ` (level ${ref.level})` : "";
  return `${ref.policyType} ${where}${level} ${statement}: ${ref.effect}${ref.conditional ? " under conditions" : ""}`;
}

/** "action on target: allowed", then the statements that allowed it, in words. */
export function reasonsOf(action: string, target: string, result: TEvaluationResult): string[] {
  const head = `${action} on ${target}: ${result.decision === "ALLOWED" ? "allowed" : "allowed under conditions"}`;
  const out = [head];
  const seen = new Set<string>();
  for (const e of result.explanations) {
    if (e.effect !== "Allow") continue;
    const line = describeRef(e);
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(line);
  }
  return out;
}

export function lastSegment(arn: string): string {
  const tail = arn.slice(arn.lastIndexOf(":") + 1);
  return tail.slice(tail.lastIndexOf("/") + 1) || arn;
}
