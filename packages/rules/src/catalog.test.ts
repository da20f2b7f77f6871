import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RESOURCE_TYPES, SERVICE_KEYS } from "@guardrail/collectors";
import { RULE_CATALOG } from "./catalog";
import { FRAMEWORKS, RULE_ID_PATTERN, SEVERITIES } from "./rule";
import { findRule, listRules, toRuleMetadata } from "./rule-listing";

function listRuleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listRuleFiles(join(dir, e.name)) : e.name.endsWith(".rule.ts") ? [join(dir, e.name)] : [],
  );
}

const CONTROL_ID = {
  "CIS-AWS-3.0.0": /^\d+\.\d+(\.\d+)?$/,
  "AWS-FSBP": /^[A-Za-z0-9]+\.\d+$/,
  "NIST-800-53-r5": /^[A-Z]{2}-\d+(\(\d+\))?$/,
  "PCI-DSS-4.0": /^\d+\.\d+(\.\d+)*$/,
} as const;

describe("RULE_CATALOG", () => {
  it("has at least 80 rules", () => {
    expect(RULE_CATALOG.length).toBeGreaterThanOrEqual(80);
  });
  it("has unique, well-formed ids", () => {
    const ids = RULE_CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(RULE_ID_PATTERN);
  });
  it("includes every rule module under src/aws", () => {
    const exported = listRuleFiles(join(import.meta.dirname, "aws")).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/export const (\w+Rule) = define\w*Rule/g)].map((m) => m[1]),
    );
    expect(exported.length).toBe(RULE_CATALOG.length);
  });
  it.each(RULE_CATALOG.map((r) => [r.id, r] as const))("%s is complete", (_id, rule) => {
    expect(rule.title.length).toBeGreaterThan(10);
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.rationale.length).toBeGreaterThan(20);
    expect(SEVERITIES).toContain(rule.severity);
    expect(SERVICE_KEYS).toContain(rule.service);
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const t of rule.resourceTypes) expect(Object.values(RESOURCE_TYPES)).toContain(t);
    expect(rule.requires.length).toBeGreaterThan(0);
    expect(rule.remediation.console.length).toBeGreaterThan(0);
    expect(rule.remediation.cli.length).toBeGreaterThan(10);
    expect(rule.remediation.terraform.length).toBeGreaterThan(10);
    expect(rule.remediation.cloudformation.length).toBeGreaterThan(10);
    expect(rule.references.length).toBeGreaterThan(0);
    for (const ref of rule.references) expect(ref).toMatch(/^https:\/\//);
    if (rule.frameworks.length === 0) {
      // an explicit empty mapping must be justified in the description
      expect(rule.description).toMatch(/no (CIS|framework)|framework mapping|no .*control/i);
    }
    for (const f of rule.frameworks) {
      expect(FRAMEWORKS).toContain(f.framework);
      expect(f.controlId).toMatch(CONTROL_ID[f.framework]);
    }
  });
});

describe("listRules", () => {
  it("filters by framework and service", () => {
    const cis = listRules({ framework: "CIS-AWS-3.0.0" });
    expect(cis.length).toBeGreaterThan(20);
    expect(cis.every((r) => r.frameworks.some((f) => f.framework === "CIS-AWS-3.0.0"))).toBe(true);
    expect(listRules({ service: "s3" }).every((r) => r.service === "s3")).toBe(true);
  });
  it("finds a rule and serialises its metadata without evaluate", () => {
    const rule = findRule("aws.ec2.instance.imdsv2-required");
    expect(rule).toBeDefined();
    const meta = toRuleMetadata(rule!);
    expect(JSON.parse(JSON.stringify(meta))).toEqual(meta);
    expect(meta.frameworks).toContainEqual({ framework: "AWS-FSBP", controlId: "EC2.8" });
  });
});
