import { describe, expect, it } from "vitest";
import { ec2Instance, makeContext, securityGroup, tcpRule } from "../test/fixtures";
import { RULE_CATALOG } from "./catalog";
import { evaluateRules, type TRuleResult } from "./engine";
import { defineRule, pass } from "./rule";
import { ec2InstanceImdsv2RequiredRule } from "./aws/ec2/instance-imdsv2-required.rule";
import { ec2SecurityGroupNoPublicSshRule } from "./aws/ec2/security-group-no-public-ssh.rule";

const v1 = ec2Instance({ MetadataOptions: { HttpTokens: "optional" } });
const v2 = ec2Instance();
const sg = securityGroup("sg-1", [tcpRule(22)]);
const rules = [ec2InstanceImdsv2RequiredRule, ec2SecurityGroupNoPublicSshRule];

describe("evaluateRules", () => {
  it("runs each rule on the resources of its types and counts statuses", () => {
    const { results, counts } = evaluateRules({ rules, ctx: makeContext([v1, v2, sg]) });
    expect(results).toHaveLength(3);
    expect(counts).toEqual({ PASS: 1, FAIL: 2, NOT_APPLICABLE: 0, UNABLE_TO_EVALUATE: 0 });
    const failing = results?.find((r) => r.resourceId === v1.resourceId);
    expect(failing).toMatchObject({
      ruleId: "aws.ec2.instance.imdsv2-required",
      accountId: v1.accountId,
      region: v1.region,
      resourceType: "AWS::EC2::Instance",
      status: "FAIL",
      severity: "HIGH",
      evidence: { "MetadataOptions.HttpTokens": "optional" },
    });
  });
  it("applies tenant settings: disabled rules and severity overrides", () => {
    const settings = new Map([
      ["aws.ec2.security-group.no-public-ssh", { enabled: false }],
      ["aws.ec2.instance.imdsv2-required", { enabled: true, severityOverride: "CRITICAL" as const }],
    ]);
    const { results } = evaluateRules({ rules, ctx: makeContext([v1, sg]), settings });
    expect(results).toEqual([expect.objectContaining({ ruleId: "aws.ec2.instance.imdsv2-required", severity: "CRITICAL" })]);
  });
  it("streams results without accumulating them", () => {
    const seen: TRuleResult[] = [];
    const { results, counts } = evaluateRules({ rules, ctx: makeContext([v1, v2, sg]), resources: [v1], onResult: (r) => seen.push(r) });
    expect(results).toBeNull();
    expect(seen).toHaveLength(1);
    expect(counts.FAIL).toBe(1);
  });
  it("skips deprecated rules", () => {
    const deprecated = { ...ec2InstanceImdsv2RequiredRule, deprecated: true };
    expect(evaluateRules({ rules: [deprecated], ctx: makeContext([v1]) }).results).toEqual([]);
  });
  it("turns a rule that throws into UNABLE_TO_EVALUATE with the error as evidence", () => {
    const broken = defineRule({
      ...ec2InstanceImdsv2RequiredRule,
      id: "aws.ec2.instance.broken-test",
      evaluate: () => {
        throw new Error("boom");
      },
    });
    const { results } = evaluateRules({ rules: [broken], ctx: makeContext([v1]) });
    expect(results?.[0]).toMatchObject({ status: "UNABLE_TO_EVALUATE", evidence: { ruleError: "boom" } });
  });
  it("rejects malformed rule ids", () => {
    expect(() => defineRule({ ...ec2InstanceImdsv2RequiredRule, id: "Not An Id", evaluate: () => pass("x", {}) })).toThrow(/must look like/);
  });
  it("evaluates the whole catalog on a mixed inventory without throwing", () => {
    const { results } = evaluateRules({ rules: RULE_CATALOG, ctx: makeContext([v1, v2, sg]) });
    expect(results?.every((r) => !("ruleError" in r.evidence))).toBe(true);
  });
});
