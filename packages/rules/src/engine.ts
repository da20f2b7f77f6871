import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "./context";
import {
  RULE_STATUSES,
  type TRuleDefinition,
  type TRuleStatus,
  type TRuleVerdict,
  type TSeverity,
} from "./rule";

export interface TRuleResult {
  ruleId: string;
  resourceId: string;
  accountId: string;
  region: string;
  resourceType: string;
  status: TRuleStatus;
  severity: TSeverity;
  /** Read-only: rules of one family may share an evidence object between results. */
  evidence: Record<string, unknown>;
  message: string;
}

export interface TRuleSetting {
  enabled: boolean;
  severityOverride?: TSeverity | null;
}

export interface TEvaluateRulesOptions {
  rules: readonly TRuleDefinition[];
  ctx: TRuleContext;
  /** Per-tenant settings keyed by rule id: disable a rule, override its severity. */
  settings?: ReadonlyMap<string, TRuleSetting>;
  /** Default: every resource in ctx. */
  resources?: Iterable<TCollectedResource>;
  /** Streaming: when given, results are not accumulated (memory stays bounded) and `results` is null. */
  onResult?: (result: TRuleResult) => void;
}

interface TActiveRule {
  rule: TRuleDefinition;
  severity: TSeverity;
}

function emptyCounts(): Record<TRuleStatus, number> {
  const counts = {} as Record<TRuleStatus, number>;
  for (const status of RULE_STATUSES) counts[status] = 0;
  return counts;
}

/** A rule that throws is a bug in the rule, not a verdict: record it, keep scanning. */
function runRule(rule: TRuleDefinition, resource: TCollectedResource, ctx: TRuleContext): TRuleVerdict {
  try {
    return rule.evaluate(resource, ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: "UNABLE_TO_EVALUATE",
      evidence: { ruleError: message },
      message: `The rule failed while evaluating this resource: ${message}`,
    };
  }
}

/** Index the active (enabled, not deprecated) rules by the resource types they evaluate. */
export function indexRulesByResourceType(
  rules: readonly TRuleDefinition[],
  settings?: ReadonlyMap<string, TRuleSetting>,
): Map<string, TActiveRule[]> {
  const byType = new Map<string, TActiveRule[]>();
  for (const rule of rules) {
    if (rule.deprecated) continue;
    const setting = settings?.get(rule.id);
    if (setting && !setting.enabled) continue;
    const active = { rule, severity: setting?.severityOverride ?? rule.severity };
    for (const type of rule.resourceTypes) {
      const list = byType.get(type);
      if (list) list.push(active);
      else byType.set(type, [active]);
    }
  }
  return byType;
}

export function evaluateRules(opts: TEvaluateRulesOptions): {
  results: TRuleResult[] | null;
  counts: Record<TRuleStatus, number>;
} {
  const { ctx, onResult } = opts;
  const byType = indexRulesByResourceType(opts.rules, opts.settings);
  const counts = emptyCounts();
  const results: TRuleResult[] | null = onResult ? null : [];
  for (const resource of opts.resources ?? ctx.all()) {
    const applicable = byType.get(resource.resourceType);
    if (!applicable) continue;
    for (const { rule, severity } of applicable) {
      const verdict = runRule(rule, resource, ctx);
      counts[verdict.status] += 1;
      const result: TRuleResult = {
        ruleId: rule.id,
        resourceId: resource.resourceId,
        accountId: resource.accountId,
        region: resource.region,
        resourceType: resource.resourceType,
        status: verdict.status,
        severity,
        evidence: verdict.evidence,
        message: verdict.message,
      };
      if (onResult) onResult(result);
      else results?.push(result);
    }
  }
  return { results, counts };
}
