import { loadRuleCatalog, type TRuleCatalogView } from "@guardrail/core";

/** The rule catalog as the findings pages need it: titles and framework mappings by rule id. */
export function getFindingsCatalog(): { view: TRuleCatalogView; titles: Map<string, string> } {
  const rules = loadRuleCatalog();
  return {
    view: rules.map((r) => ({
      id: r.id,
      frameworks: r.frameworks.map((f) => ({ framework: f.framework, controlId: f.controlId })),
    })),
    titles: new Map(rules.map((r) => [r.id, r.title])),
  };
}

export const FRAMEWORK_LABEL: Record<string, string> = {
  "CIS-AWS-3.0.0": "CIS AWS Foundations 3.0.0",
  "AWS-FSBP": "AWS Foundational Security Best Practices",
  "NIST-800-53-r5": "NIST SP 800-53 Rev. 5",
  "PCI-DSS-4.0": "PCI DSS 4.0",
};
