import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecords } from "../../lib/values";

export const EXTERNAL_ACCESS_ANALYZER_TYPES = ["ACCOUNT", "ORGANIZATION"];

export const accessanalyzerRegionalAnalyzerEnabledRule = defineRule({
  id: "aws.accessanalyzer.regional.analyzer-enabled",
  title: "IAM Access Analyzer (external access) is enabled in the region",
  description: "Fails when the region has no ACTIVE analyzer of type ACCOUNT or ORGANIZATION (unused-access analyzers do not count).",
  rationale: "Access Analyzer continuously proves which buckets, keys, roles and queues are reachable from outside the zone of trust.",
  severity: "MEDIUM",
  service: "accessanalyzer",
  resourceTypes: ["AWS::AccessAnalyzer::RegionalSettings"],
  requires: [{ service: "accessanalyzer", resourceTypes: ["AWS::AccessAnalyzer::RegionalSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.20" },
    { framework: "AWS-FSBP", controlId: "IAM.28" },
  ],
  remediation: {
    console: ["Open the IAM console in the region → Access analyzer → Analyzer settings → Create analyzer → Resource analysis - External access, zone of trust account or organization."],
    cli: "aws accessanalyzer create-analyzer --analyzer-name external-access --type ACCOUNT --region <region>",
    terraform: 'resource "aws_accessanalyzer_analyzer" "external" {\n  analyzer_name = "external-access"\n  type          = "ACCOUNT"\n}',
    cloudformation: "Analyzer:\n  Type: AWS::AccessAnalyzer::Analyzer\n  Properties:\n    AnalyzerName: external-access\n    Type: ACCOUNT",
  },
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-create-external.html"],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["ListAnalyzers"] });
    if (missing) return missing;
    const analyzers = asRecords(resource.configuration.Analyzers).map((a) => ({ name: a.name ?? null, type: a.type ?? null, status: a.status ?? null }));
    const active = analyzers.filter((a) => a.status === "ACTIVE" && EXTERNAL_ACCESS_ANALYZER_TYPES.includes(String(a.type)));
    const evidence = { Analyzers: analyzers };
    return active.length > 0
      ? pass("An external access analyzer is active", evidence)
      : fail("No active external access analyzer in this region", evidence);
  },
});
