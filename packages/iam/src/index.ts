// Public API of @guardrail/iam: IAM policy parsing, analysis and evaluation (pure, no I/O).
export type {
  TDecision,
  TEffect,
  TNamedPolicy,
  TParseResult,
  TPolicy,
  TPolicyInput,
  TPolicyStatement,
  TPrincipalBlock,
  TPrincipalRef,
  TTruth,
} from "./policy.types";
export { normalizeConditionOperator, parsePolicyDocument } from "./policy.parser";
export {
  globCovers,
  globsIntersect,
  matchAction,
  matchGlob,
  resourceCovers,
  resourceIntersects,
} from "./glob.matcher";
export { accountIdOfArn, accountIdOfPrincipal, listPrincipalRefs } from "./principal.matcher";
export type { TCaller } from "./principal.matcher";
export { analyzeTrustPolicy } from "./trust-policy.analyzer";
export type { TTrustAnalysis, TTrustContext, TTrustStatement } from "./trust-policy.analyzer";
export { analyzeResourcePolicyExposure } from "./resource-exposure.analyzer";
export type {
  TResourceExposureContext,
  TResourcePolicyExposure,
} from "./resource-exposure.analyzer";
export { isRestrictedStatement, listRestrictingKeys } from "./restricting-condition";
export {
  and3,
  createConditionContext,
  evaluateCondition,
  not3,
  or3,
  substituteVariables,
} from "./condition.evaluator";
export type {
  TConditionContext,
  TConditionContextOptions,
  TConditionOutcome,
  TContextValue,
} from "./condition.evaluator";
export { createPrincipalEvaluator, evaluateRequest } from "./request.evaluator";
export type {
  TEvaluationInput,
  TEvaluationPrincipal,
  TEvaluationReason,
  TEvaluationResource,
  TEvaluationResult,
  TPolicySource,
  TPrincipalEvaluator,
  TPrincipalEvaluatorInput,
  TPrincipalRequest,
  TPolicyType,
  TStatementRef,
} from "./request.evaluator";
export {
  createActionCatalog,
  describeAction,
  expandActionPattern,
  loadActionCatalog,
} from "./action-catalog";
export type {
  TAccessLevel,
  TActionCatalog,
  TActionInfo,
  TRawServiceActions,
} from "./action-catalog";
export {
  analyzePrincipalCapabilities,
  createCapabilityAnalyzer,
} from "./principal-capabilities.analyzer";
export type {
  TCapability,
  TCapabilityAnalyzer,
  TEscalationFinding,
  TPrincipalCapabilities,
  TPrincipalPolicies,
} from "./principal-capabilities.analyzer";
export { ESCALATION_METHODS } from "./escalation-methods";
export type {
  TEscalationMethod,
  TEscalationPermission,
  TEscalationTarget,
} from "./escalation-methods";
export { summarizeEffectivePermissions } from "./effective-permissions.analyzer";
export type { TEffectiveAction, TEffectiveService } from "./effective-permissions.analyzer";
export {
  ANYONE_NODE_ID,
  buildAccessGraph,
  buildAccessGraphAsync,
  GRAPH_ANALYZER_MAX_CACHED_CHECKS,
  INTENDED_ADMIN_TAG,
  INTERNET_NODE_ID,
} from "./graph/access-graph.builder";
export type { TBuildAccessGraphInput } from "./graph/access-graph.builder";
export { findReachable, indexAccessGraph } from "./graph/access-graph.paths";
export type { TGraphIndex, TReachable } from "./graph/access-graph.paths";
export {
  DATA_NODE_KINDS,
  GRAPH_EDGE_KINDS,
  PRINCIPAL_NODE_KINDS,
  WORKLOAD_NODE_KINDS,
} from "./graph/access-graph.types";
export type {
  TAccessGraph,
  TGraphEdge,
  TGraphEdgeKind,
  TGraphNode,
  TGraphNodeKind,
  TGraphResource,
  TPrincipalClass,
  TPrincipalClassification,
} from "./graph/access-graph.types";
export { listPrincipalReferences, readPrincipalPolicyInput } from "./graph/graph-inventory";
