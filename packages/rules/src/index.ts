// Public API of @guardrail/rules: the rule engine, the rule catalog and the posture score (pure, no I/O).
export * from "./rule";
export * from "./context";
export * from "./organization";
export * from "./engine";
export * from "./score";
export { RULE_CATALOG } from "./catalog";
export { findRule, listRules, toRuleMetadata } from "./rule-listing";
export type { TRuleMetadata } from "./rule-listing";
export {
  FRAMEWORK_CONTROLS,
  AWS_FSBP,
  CIS_AWS_3_0_0,
  NIST_800_53_R5,
  PCI_DSS_4_0,
  getFrameworkControlTitle,
} from "./frameworks";
export type { TFrameworkControlList } from "./frameworks";
