import type { TDecision } from "../policy.types";

// The access graph: who (principals, workloads, the internet, third parties) can reach what
// (roles, data stores, hosts) and how. Every edge carries the evaluated permission.

/**
 * A collected inventory item, structurally the `TCollectedResource` of `@guardrail/collectors`
 * (this package does no I/O and imports no collector code).
 */
export interface TGraphResource {
  accountId: string;
  region: string;
  resourceType: string;
  /** ARN where AWS has one */
  resourceId: string;
  name: string | null;
  tags: Record<string, string>;
  configuration: Record<string, unknown>;
}

export type TGraphNodeKind =
  | "iam-user"
  | "iam-role"
  | "iam-group"
  | "account-root"
  | "external-account"
  | "service"
  | "anyone"
  | "internet"
  | "ec2-instance"
  | "lambda-function"
  | "eks-nodegroup"
  | "ecs-task"
  | "s3-bucket"
  | "rds-instance"
  | "kms-key"
  | "sqs-queue"
  | "sns-topic"
  | "secret";

export const PRINCIPAL_NODE_KINDS: readonly TGraphNodeKind[] = ["iam-user", "iam-role"];
export const WORKLOAD_NODE_KINDS: readonly TGraphNodeKind[] = [
  "ec2-instance",
  "lambda-function",
  "eks-nodegroup",
  "ecs-task",
];
export const DATA_NODE_KINDS: readonly TGraphNodeKind[] = [
  "s3-bucket",
  "rds-instance",
  "kms-key",
  "sqs-queue",
  "sns-topic",
  "secret",
];

export type TPrincipalClass =
  | "administrator"
  | "escalation-to-administrator"
  | "lateral-movement"
  | "broad-data-access"
  | "credentials-exposure"
  | "resource-exposure";

export interface TPrincipalClassification {
  kind: TPrincipalClass;
  decision: Exclude<TDecision, "DENIED">;
  reasons: string[];
  /** escalation methods (pathfinding.cloud ids) for escalation-to-administrator */
  methodIds?: string[];
}

export interface TGraphNode {
  /** ARN for AWS resources and principals; "internet", "anyone", "service:<name>" otherwise */
  id: string;
  kind: TGraphNodeKind;
  accountId: string | null;
  region: string | null;
  name: string;
  /** kind-specific facts (public IP, IMDS setting, tags, classification of principals…) */
  properties: Record<string, unknown>;
}

export type TGraphEdgeKind =
  | "runs-as"
  | "can-assume"
  | "can-escalate"
  | "can-move-laterally"
  | "can-read"
  | "can-write"
  | "exposed-to-internet"
  | "member-of";

export const GRAPH_EDGE_KINDS: readonly TGraphEdgeKind[] = [
  "runs-as",
  "can-assume",
  "can-escalate",
  "can-move-laterally",
  "can-read",
  "can-write",
  "exposed-to-internet",
  "member-of",
];

export interface TGraphEdge {
  source: string;
  target: string;
  kind: TGraphEdgeKind;
  /** "allowed" or "allowed under conditions" (denied edges are not part of the graph) */
  decision: Exclude<TDecision, "DENIED">;
  /** escalation method id (pathfinding.cloud) for can-escalate */
  methodId: string | null;
  /** the AWS action that grants the hop, when there is one */
  action: string | null;
  /** condition keys the engine could not decide (decision CONDITIONAL) */
  conditions: string[];
  /** which statements of which policies decided, in words */
  reasons: string[];
}

export interface TAccessGraph {
  nodes: Map<string, TGraphNode>;
  edges: TGraphEdge[];
  stats: {
    principals: number;
    evaluations: number;
    durationMs: number;
    byEdgeKind: Record<string, number>;
  };
}
