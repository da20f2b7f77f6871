import type { TFramework, TRuleDefinition } from "../rule";
import { FRAMEWORK_CONTROLS } from "./index";

const SHORT: Record<TFramework, string> = {
  "CIS-AWS-3.0.0": "CIS v3.0.0",
  "AWS-FSBP": "FSBP",
  "NIST-800-53-r5": "NIST 800-53 r5",
  "PCI-DSS-4.0": "PCI DSS v4.0",
};

/** The AWS Security Hub CSPM reference page of an FSBP control, e.g. IAM.4 → iam-controls.html#iam-4. */
export function fsbpControlUrl(controlId: string): string {
  const [service = "", number = ""] = controlId.split(".");
  const s = service.toLowerCase();
  return `https://docs.aws.amazon.com/securityhub/latest/userguide/${s}-controls.html#${s}-${number}`;
}

/** The CIS v3.0.0 control page of Steampipe's AWS compliance mod, e.g. 2.1.4 → control.cis_v300_2_1_4. */
export function cisControlUrl(controlId: string): string {
  return `https://hub.steampipe.io/mods/turbot/aws_compliance/controls/control.cis_v300_${controlId.replaceAll(".", "_")}`;
}

/**
 * docs/framework-mappings.md: one row per rule with its control ids per framework and where
 * each mapping was read. Generated from the catalog (`npm run docs:frameworks -w
 * @guardrail/rules`) so the document cannot drift from the code (a test compares them).
 */
export function renderFrameworkMappingsMarkdown(rules: readonly TRuleDefinition[]): string {
  const lines: string[] = [
    "# Framework mappings",
    "",
    "Generated from `packages/rules` by `npm run docs:frameworks -w @guardrail/rules`; do not edit by hand",
    "(a test fails when this file and the rule catalog disagree).",
    "",
    "How the ids were looked up, not guessed:",
    "",
    "- **AWS FSBP** control ids and titles: the AWS Security Hub CSPM control reference",
    "  (`awsdocs/aws-security-hub-user-guide`, `doc_source/<service>-controls.md`) and Prowler's",
    "  `prowler/compliance/aws/aws_foundational_security_best_practices_aws.json`.",
    "- **CIS AWS Foundations Benchmark v3.0.0**: the \"Related requirements: CIS AWS Foundations Benchmark",
    "  v3.0.0/…\" of the matching Security Hub control where AWS lists it, and the benchmark's recommendation",
    "  list (Steampipe `turbot/steampipe-mod-aws-compliance`, `cis_v300/section_*.pp`) for the others.",
    "- **NIST SP 800-53 r5** and **PCI DSS v4.0**: only through the FSBP control a rule implements, copied from",
    "  that control's \"Related requirements\" (`NIST.800-53.r5 …`, `PCI DSS v4.0.1/…`). A rule without an",
    "  FSBP control has no NIST/PCI mapping rather than a guessed one. Where AWS's excerpt was cut, only the",
    "  ids actually read are listed.",
    "- Every id must be in the checked-in lists `packages/rules/src/frameworks/*.ts` (id + title) and have",
    "  its framework's shape (`frameworks.test.ts`).",
    "",
    "Known gaps: EKS and S3.17 controls carry no NIST ids (their reference pages were not readable",
    "here; CloudTrail.1 / .2 / .4 were read from `doc_source/cloudtrail-controls.md`); SNS.4 / SQS.3 (public topics and queues) and EC2.53 / EC2.54 were not confirmed and are",
    "not mapped; IAM.20 (root user use) was retired by AWS in April 2024, so `aws.iam.root.not-recently-used`",
    "maps to CIS 1.7 only.",
    "",
    "Rules not listed map to no control of these frameworks; their description says why (e.g. no CIS or",
    "FSBP control evaluates what a workload's role can do).",
    "",
    "| Rule | CIS v3.0.0 | AWS FSBP | NIST SP 800-53 r5 | PCI DSS v4.0 | Source |",
    "|---|---|---|---|---|---|",
  ];
  const mappedRules = rules.filter((r) => r.frameworks.length > 0).sort((a, b) => a.id.localeCompare(b.id));
  for (const rule of mappedRules) {
    const ids = (framework: TFramework) =>
      rule.frameworks.filter((f) => f.framework === framework).map((f) => f.controlId);
    const cis = ids("CIS-AWS-3.0.0");
    const fsbp = ids("AWS-FSBP");
    const sources = [
      ...fsbp.map((id) => `[Security Hub ${id}](${fsbpControlUrl(id)})`),
      ...cis.map((id) => `[CIS ${id}](${cisControlUrl(id)})`),
    ];
    const cell = (values: string[]) => (values.length ? values.join(", ") : "—");
    lines.push(
      `| \`${rule.id}\` | ${cell(cis)} | ${cell(fsbp)} | ${cell(ids("NIST-800-53-r5"))} | ${cell(ids("PCI-DSS-4.0"))} | ${sources.join("<br>")} |`,
    );
  }
  lines.push("", "## Control lists", "");
  for (const list of Object.values(FRAMEWORK_CONTROLS)) {
    lines.push(`### ${list.name} (\`${list.framework}\`)`, "", `Sources: ${list.sources.join(", ")}`, "");
    const used = new Set(rules.flatMap((r) => r.frameworks.filter((f) => f.framework === list.framework).map((f) => f.controlId)));
    lines.push(`| ${SHORT[list.framework]} id | Title | Rules |`, "|---|---|---|");
    for (const [id, title] of Object.entries(list.controls)) {
      const n = rules.filter((r) => r.frameworks.some((f) => f.framework === list.framework && f.controlId === id)).length;
      lines.push(`| ${id} | ${title.replaceAll("|", "\\|")} | ${used.has(id) ? n : "—"} |`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
