import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecords } from "../../lib/values";

export const guarddutyRegionalEnabledRule = defineRule({
  id: "aws.guardduty.regional.enabled",
  title: "GuardDuty is enabled in the region",
  description: "Fails when the region has no GuardDuty detector with Status = ENABLED.",
  rationale: "GuardDuty detects credential exfiltration, crypto-mining, and reconnaissance from CloudTrail, VPC and DNS logs; a disabled region is a blind spot.",
  severity: "HIGH",
  service: "guardduty",
  resourceTypes: ["AWS::GuardDuty::RegionalSettings"],
  requires: [{ service: "guardduty", resourceTypes: ["AWS::GuardDuty::RegionalSettings"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "GuardDuty.1" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(12)" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(1)" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(5)" },
    { framework: "NIST-800-53-r5", controlId: "CA-7" },
    { framework: "NIST-800-53-r5", controlId: "CM-8(3)" },
    { framework: "NIST-800-53-r5", controlId: "RA-3(4)" },
    { framework: "NIST-800-53-r5", controlId: "SA-11(1)" },
    { framework: "NIST-800-53-r5", controlId: "SA-11(6)" },
    { framework: "NIST-800-53-r5", controlId: "SA-15(2)" },
    { framework: "NIST-800-53-r5", controlId: "SA-15(8)" },
    { framework: "NIST-800-53-r5", controlId: "SA-8(19)" },
    { framework: "NIST-800-53-r5", controlId: "SA-8(21)" },
    { framework: "NIST-800-53-r5", controlId: "SA-8(25)" },
    { framework: "NIST-800-53-r5", controlId: "SC-5" },
    { framework: "NIST-800-53-r5", controlId: "SC-5(1)" },
    { framework: "NIST-800-53-r5", controlId: "SC-5(3)" },
    { framework: "NIST-800-53-r5", controlId: "SI-20" },
  ],
  remediation: {
    console: ["Open the GuardDuty console in the region → Get started → Enable GuardDuty (or enable it organization-wide from the delegated administrator)."],
    cli: "aws guardduty create-detector --enable --region <region>",
    terraform: 'resource "aws_guardduty_detector" "this" {\n  enable = true\n}',
    cloudformation: "Detector:\n  Type: AWS::GuardDuty::Detector\n  Properties:\n    Enable: true",
  },
  references: [
    "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1",
  ],
  evaluate(resource, ctx) {
    const detectors = asRecords(resource.configuration.Detectors).map((d) => ({ DetectorId: d.DetectorId ?? null, Status: d.Status ?? null }));
    return evaluateFields(resource, ctx, {
      operations: ["ListDetectors", "GetDetector"],
      evidence: { Detectors: detectors },
      ok: detectors.some((d) => d.Status === "ENABLED"),
      passMessage: "GuardDuty is enabled",
      failMessage: detectors.length ? "GuardDuty detector is suspended" : "GuardDuty is not enabled",
    });
  },
});
