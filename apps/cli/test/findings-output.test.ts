import { describe, expect, it } from "vitest";
import type { TRuleResult } from "@guardrail/rules";
import { formatCsv, severityAtLeast, sortFindings, toOcsf } from "../src/output/findings-output";

const finding = (over: Partial<TRuleResult>): TRuleResult => ({
  ruleId: "aws.ec2.instance.imdsv2-required",
  resourceId: "arn:aws:ec2:us-east-1:111111111111:instance/i-1",
  accountId: "111111111111",
  region: "us-east-1",
  resourceType: "AWS::EC2::Instance",
  status: "FAIL",
  severity: "HIGH",
  evidence: { "MetadataOptions.HttpTokens": "optional" },
  message: "IMDSv1 allowed",
  ...over,
});

describe("findings output", () => {
  it("orders by severity then rule", () => {
    const sorted = sortFindings([finding({ severity: "LOW" }), finding({ severity: "CRITICAL", ruleId: "z" }), finding({ severity: "CRITICAL", ruleId: "a" })]);
    expect(sorted.map((f) => `${f.severity}:${f.ruleId}`)).toEqual(["CRITICAL:a", "CRITICAL:z", "LOW:aws.ec2.instance.imdsv2-required"]);
  });
  it("compares severities for --fail-on", () => {
    expect(severityAtLeast("CRITICAL", "HIGH")).toBe(true);
    expect(severityAtLeast("MEDIUM", "HIGH")).toBe(false);
    expect(severityAtLeast("HIGH", "HIGH")).toBe(true);
  });
  it("escapes CSV cells", () => {
    const csv = formatCsv([finding({ message: 'has "quotes", commas' })], new Map());
    expect(csv.split("\n")[1]).toContain('"has ""quotes"", commas"');
  });
  it("maps severity to OCSF ids", () => {
    const [o] = toOcsf([finding({ severity: "CRITICAL" })], new Map(), new Date(0)) as { severity_id: number; type_uid: number }[];
    expect(o).toMatchObject({ severity_id: 5, type_uid: 200301 });
  });
});
