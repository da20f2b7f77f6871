import { RULE_CATALOG } from "./catalog";
import type { TFrameworkMapping, TRuleDefinition, TRuleRemediation, TSeverity } from "./rule";

/** A rule's metadata without its evaluate function: what the CLI and web app list. */
export interface TRuleMetadata {
  id: string;
  title: string;
  description: string;
  rationale: string;
  severity: TSeverity;
  service: string;
  resourceTypes: string[];
  requires: { service: string; resourceTypes?: string[] }[];
  frameworks: TFrameworkMapping[];
  remediation: TRuleRemediation;
  references: string[];
  deprecated: boolean;
}

export function toRuleMetadata(rule: TRuleDefinition): TRuleMetadata {
  return {
    id: rule.id,
    title: rule.title,
    description: rule.description,
    rationale: rule.rationale,
    severity: rule.severity,
    service: rule.service,
    resourceTypes: [...rule.resourceTypes],
    requires: rule.requires.map((r) => ({ ...r, ...(r.resourceTypes ? { resourceTypes: [...r.resourceTypes] } : {}) })),
    frameworks: rule.frameworks.map((f) => ({ ...f })),
    remediation: { ...rule.remediation, console: [...rule.remediation.console] },
    references: [...rule.references],
    deprecated: rule.deprecated === true,
  };
}

/** Rules of the catalog, optionally those mapped to a framework and/or of a service. */
export function listRules(
  filter: { framework?: string; service?: string; includeDeprecated?: boolean } = {},
  rules: readonly TRuleDefinition[] = RULE_CATALOG,
): TRuleDefinition[] {
  return rules.filter(
    (r) =>
      (filter.includeDeprecated || !r.deprecated) &&
      (!filter.service || r.service === filter.service) &&
      (!filter.framework || r.frameworks.some((f) => f.framework === filter.framework)),
  );
}

export function findRule(id: string, rules: readonly TRuleDefinition[] = RULE_CATALOG): TRuleDefinition | undefined {
  return rules.find((r) => r.id === id);
}
