import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_CATALOG } from "../catalog";
import { findRule } from "../rule-listing";
import { FRAMEWORKS } from "../rule";
import { FRAMEWORK_CONTROLS, getFrameworkControlTitle } from "./index";
import { renderFrameworkMappingsMarkdown } from "./render-mappings";

const mapped = RULE_CATALOG.flatMap((rule) => rule.frameworks.map((f) => ({ rule: rule.id, ...f })));

describe("framework control lists", () => {
  it("cover every framework, with well-formed ids and titles", () => {
    expect(Object.keys(FRAMEWORK_CONTROLS).sort()).toEqual([...FRAMEWORKS].sort());
    for (const list of Object.values(FRAMEWORK_CONTROLS)) {
      expect(Object.keys(list.controls).length).toBeGreaterThan(5);
      for (const [id, title] of Object.entries(list.controls)) {
        expect(id, `${list.framework} ${id}`).toMatch(list.idPattern);
        expect(title.length).toBeGreaterThan(5);
      }
      for (const source of list.sources) expect(source).toMatch(/^https:\/\//);
    }
  });
  it("reject ids of another framework's shape", () => {
    expect("IAM.4").not.toMatch(FRAMEWORK_CONTROLS["CIS-AWS-3.0.0"].idPattern);
    expect("1.4").not.toMatch(FRAMEWORK_CONTROLS["AWS-FSBP"].idPattern);
    expect("AC-2(1)").not.toMatch(FRAMEWORK_CONTROLS["PCI-DSS-4.0"].idPattern);
    expect("8.4.2").not.toMatch(FRAMEWORK_CONTROLS["NIST-800-53-r5"].idPattern);
  });
});

describe("rule framework mappings", () => {
  it.each(mapped.map((m) => [`${m.rule} → ${m.framework} ${m.controlId}`, m] as const))(
    "%s has the framework's shape and is in its checked-in list",
    (_label, m) => {
      expect(m.controlId).toMatch(FRAMEWORK_CONTROLS[m.framework].idPattern);
      expect(getFrameworkControlTitle(m.framework, m.controlId)).not.toBeNull();
    },
  );
  it("lists no control twice for a rule", () => {
    for (const rule of RULE_CATALOG) {
      const keys = rule.frameworks.map((f) => `${f.framework} ${f.controlId}`);
      expect(new Set(keys).size, rule.id).toBe(keys.length);
    }
  });
  it("maps NIST and PCI only through an FSBP control (AWS's related requirements)", () => {
    for (const rule of RULE_CATALOG) {
      const viaFsbp = rule.frameworks.some((f) => f.framework === "AWS-FSBP");
      const nistOrPci = rule.frameworks.some((f) => f.framework === "NIST-800-53-r5" || f.framework === "PCI-DSS-4.0");
      if (nistOrPci) expect(viaFsbp, rule.id).toBe(true);
    }
  });
  it("keeps the looked-up correspondences of CIS v3.0.0 and FSBP", () => {
    const expectations: [string, string, string][] = [
      ["aws.iam.root.no-access-keys", "1.4", "IAM.4"],
      ["aws.iam.root.mfa-enabled", "1.5", "IAM.9"],
      ["aws.iam.root.hardware-mfa", "1.6", "IAM.6"],
      ["aws.iam.user.console-mfa", "1.10", "IAM.5"],
      ["aws.iam.user.credentials-unused-45-days", "1.12", "IAM.22"],
      ["aws.iam.user.access-keys-rotated", "1.14", "IAM.3"],
      ["aws.accessanalyzer.regional.analyzer-enabled", "1.20", "IAM.28"],
      ["aws.s3.bucket.deny-insecure-transport", "2.1.1", "S3.5"],
      ["aws.ec2.regional.ebs-default-encryption", "2.2.1", "EC2.7"],
      ["aws.rds.instance.not-public", "2.3.3", "RDS.2"],
      ["aws.config.regional.recording", "3.3", "Config.1"],
      ["aws.kms.key.rotation-enabled", "3.6", "KMS.4"],
      ["aws.ec2.vpc.flow-logs-enabled", "3.7", "EC2.6"],
      ["aws.ec2.security-group.default-restricts-all", "5.4", "EC2.2"],
      ["aws.ec2.instance.imdsv2-required", "5.6", "EC2.8"],
    ];
    for (const [ruleId, cis, fsbp] of expectations) {
      const rule = findRule(ruleId);
      expect(rule, ruleId).toBeDefined();
      expect(rule!.frameworks).toContainEqual({ framework: "CIS-AWS-3.0.0", controlId: cis });
      expect(rule!.frameworks).toContainEqual({ framework: "AWS-FSBP", controlId: fsbp });
    }
    expect(findRule("aws.iam.user.console-mfa")!.frameworks).toContainEqual({ framework: "PCI-DSS-4.0", controlId: "8.4.2" });
    expect(findRule("aws.iam.policy.no-full-admin")!.frameworks).toContainEqual({ framework: "NIST-800-53-r5", controlId: "AC-6(10)" });
  });
  it("docs/framework-mappings.md is the rendering of the catalog", () => {
    const doc = readFileSync(join(import.meta.dirname, "..", "..", "..", "..", "docs", "framework-mappings.md"), "utf8");
    expect(doc, "regenerate it: npm run docs:frameworks -w @guardrail/rules").toBe(renderFrameworkMappingsMarkdown(RULE_CATALOG));
  });
});
