import type { TRuleDefinition, TRuleResult, TSeverity } from "@guardrail/rules";

export const SEVERITY_ORDER: readonly TSeverity[] = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];

export function severityAtLeast(severity: TSeverity, threshold: TSeverity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}

export function sortFindings(findings: TRuleResult[]): TRuleResult[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resourceId.localeCompare(b.resourceId),
  );
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function formatCsv(findings: TRuleResult[], rules: ReadonlyMap<string, TRuleDefinition>): string {
  const header = ["severity", "rule_id", "title", "account_id", "region", "resource_type", "resource_id", "message", "evidence"];
  const lines = [header.join(",")];
  for (const f of findings) {
    lines.push(
      [f.severity, f.ruleId, rules.get(f.ruleId)?.title ?? "", f.accountId, f.region, f.resourceType, f.resourceId, f.message, JSON.stringify(f.evidence)]
        .map(csvCell)
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}

export function formatTable(findings: TRuleResult[], rules: ReadonlyMap<string, TRuleDefinition>, width = 160): string {
  if (findings.length === 0) return "No failing checks.\n";
  const rows = findings.map((f) => [f.severity, f.accountId, f.region, f.ruleId, shorten(f.resourceId, 60), rules.get(f.ruleId)?.title ?? f.message]);
  const header = ["SEVERITY", "ACCOUNT", "REGION", "RULE", "RESOURCE", "TITLE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fixed = widths.slice(0, 5).reduce((a, b) => a + b + 2, 0);
  widths[5] = Math.max(20, Math.min(widths[5]!, width - fixed));
  const line = (cells: string[]) => cells.map((c, i) => shorten(c, widths[i]!).padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n") + "\n";
}

function shorten(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

const OCSF_SEVERITY: Record<TSeverity, { id: number; name: string }> = {
  INFO: { id: 1, name: "Informational" },
  LOW: { id: 2, name: "Low" },
  MEDIUM: { id: 3, name: "Medium" },
  HIGH: { id: 4, name: "High" },
  CRITICAL: { id: 5, name: "Critical" },
};

/** OCSF 1.1 Compliance Finding (class 2003), one object per failing check. */
export function toOcsf(findings: TRuleResult[], rules: ReadonlyMap<string, TRuleDefinition>, now: Date): object[] {
  const time = now.getTime();
  return findings.map((f) => {
    const rule = rules.get(f.ruleId);
    return {
      class_uid: 2003,
      class_name: "Compliance Finding",
      category_uid: 2,
      category_name: "Findings",
      activity_id: 1,
      activity_name: "Create",
      type_uid: 200301,
      severity_id: OCSF_SEVERITY[f.severity].id,
      severity: OCSF_SEVERITY[f.severity].name,
      status_id: 1,
      status: "New",
      time,
      message: f.message,
      metadata: { version: "1.1.0", product: { name: "Guardrail", vendor_name: "Guardrail" } },
      finding_info: {
        uid: `${f.ruleId}:${f.resourceId}`,
        title: rule?.title ?? f.ruleId,
        desc: rule?.description ?? f.message,
        types: [f.ruleId],
        created_time: time,
      },
      compliance: {
        status: "Fail",
        status_id: 3,
        control: f.ruleId,
        standards: (rule?.frameworks ?? []).map((m) => `${m.framework} ${m.controlId}`),
      },
      remediation: rule ? { desc: rule.remediation.console.join(" "), references: rule.references } : undefined,
      cloud: { provider: "AWS", region: f.region, account: { uid: f.accountId, type: "AWS Account" } },
      resources: [{ uid: f.resourceId, type: f.resourceType, region: f.region, cloud_partition: "aws", data: { evidence: f.evidence } }],
      unmapped: { evidence: f.evidence },
    };
  });
}
