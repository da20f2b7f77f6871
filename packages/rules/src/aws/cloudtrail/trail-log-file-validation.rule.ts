import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";

export const cloudtrailTrailLogFileValidationRule = defineRule({
  id: "aws.cloudtrail.trail.log-file-validation",
  title: "CloudTrail log file validation is enabled",
  description: "Fails when a trail has LogFileValidationEnabled = false.",
  rationale: "Digest files prove that log files were not modified or deleted after delivery, which investigations rely on.",
  severity: "MEDIUM",
  service: "cloudtrail",
  resourceTypes: ["AWS::CloudTrail::Trail"],
  requires: [{ service: "cloudtrail", resourceTypes: ["AWS::CloudTrail::Trail"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "3.2" },
    { framework: "AWS-FSBP", controlId: "CloudTrail.4" },
    { framework: "NIST-800-53-r5", controlId: "AU-9" },
    { framework: "NIST-800-53-r5", controlId: "SI-4" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(1)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(3)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(7)" },
  ],
  remediation: {
    console: ["Open the CloudTrail console → Trails → the trail → General details → Edit → Log file validation Enabled → Save."],
    cli: "aws cloudtrail update-trail --name <trail> --enable-log-file-validation",
    terraform: 'resource "aws_cloudtrail" "main" {\n  # ...\n  enable_log_file_validation = true\n}',
    cloudformation: "Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    EnableLogFileValidation: true",
  },
  references: [
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-4",
  ],
  evaluate: (resource, ctx) =>
    evaluateFields(resource, ctx, {
      evidence: { TrailARN: resource.resourceId, LogFileValidationEnabled: resource.configuration.LogFileValidationEnabled ?? null },
      ok: resource.configuration.LogFileValidationEnabled === true,
      passMessage: "Log file validation is enabled",
      failMessage: "Log file validation is disabled",
    }),
});
