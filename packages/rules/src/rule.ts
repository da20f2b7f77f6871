import type { TCollectedResource, TResourceType, TServiceKey } from "@guardrail/collectors";
import type { TRuleContext } from "./context";

export type TSeverity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW" | "INFO";
export type TRuleStatus = "PASS" | "FAIL" | "NOT_APPLICABLE" | "UNABLE_TO_EVALUATE";
export const SEVERITIES: readonly TSeverity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];
export const RULE_STATUSES: readonly TRuleStatus[] = [
  "PASS",
  "FAIL",
  "NOT_APPLICABLE",
  "UNABLE_TO_EVALUATE",
];

export type TFramework = "CIS-AWS-3.0.0" | "AWS-FSBP" | "NIST-800-53-r5" | "PCI-DSS-4.0";
export const FRAMEWORKS: readonly TFramework[] = [
  "CIS-AWS-3.0.0",
  "AWS-FSBP",
  "NIST-800-53-r5",
  "PCI-DSS-4.0",
];

export interface TFrameworkMapping {
  framework: TFramework;
  controlId: string;
}

export interface TRuleVerdict {
  status: TRuleStatus;
  /** The exact fields and values that decided the verdict. */
  evidence: Record<string, unknown>;
  /** One line for humans. */
  message: string;
}

export interface TRuleRemediation {
  console: string[];
  cli: string;
  terraform: string;
  cloudformation: string;
}

export interface TRuleDefinition {
  /** Stable id, e.g. "aws.ec2.instance.imdsv2-required". Never renamed: stored in findings. */
  id: string;
  title: string;
  description: string;
  rationale: string;
  severity: TSeverity;
  service: TServiceKey;
  resourceTypes: TResourceType[];
  /** Collector data the rule needs (for coverage). */
  requires: { service: TServiceKey; resourceTypes?: TResourceType[] }[];
  frameworks: TFrameworkMapping[];
  remediation: TRuleRemediation;
  references: string[];
  deprecated?: boolean;
  evaluate(resource: TCollectedResource, ctx: TRuleContext): TRuleVerdict;
}

export const RULE_ID_PATTERN = /^aws\.[a-z0-9-]+\.[a-z0-9-]+\.[a-z0-9-]+$/;

/** Identity function that type-checks a rule definition and rejects malformed ids early. */
export function defineRule(def: TRuleDefinition): TRuleDefinition {
  if (!RULE_ID_PATTERN.test(def.id)) {
    throw new Error(`Rule id "${def.id}" must look like aws.<service>.<subject>.<check>`);
  }
  return def;
}

export function pass(message: string, evidence: Record<string, unknown>): TRuleVerdict {
  return { status: "PASS", message, evidence };
}

export function fail(message: string, evidence: Record<string, unknown>): TRuleVerdict {
  return { status: "FAIL", message, evidence };
}

export function notApplicable(message: string, evidence: Record<string, unknown> = {}): TRuleVerdict {
  return { status: "NOT_APPLICABLE", message, evidence };
}

export function unable(message: string, evidence: Record<string, unknown>): TRuleVerdict {
  return { status: "UNABLE_TO_EVALUATE", message, evidence };
}
