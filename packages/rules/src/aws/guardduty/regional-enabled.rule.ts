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
  frameworks: [{ framework: "AWS-FSBP", controlId: "GuardDuty.1" }],
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
