// Public API of @guardrail/rules: the rule engine, the rule catalog and the posture score (pure, no I/O).
export * from "./rule";
export * from "./context";
export * from "./organization";
export * from "./engine";
export * from "./score";
export { RULE_CATALOG } from "./catalog";
export { findRule, listRules, toRuleMetadata } from "./rule-listing";
export type { TRuleMetadata } from "./rule-listing";
