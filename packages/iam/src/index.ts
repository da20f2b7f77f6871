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
