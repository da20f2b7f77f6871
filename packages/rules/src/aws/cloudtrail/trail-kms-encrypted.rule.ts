import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";

export const cloudtrailTrailKmsEncryptedRule = defineRule({
  id: "aws.cloudtrail.trail.kms-encrypted",
  title: "CloudTrail logs are encrypted with a KMS key",
  description: "Fails when a trail has no KmsKeyId (logs use SSE-S3 only).",
  rationale: "SSE-KMS adds a key policy between readers and the logs, so access to the log bucket alone does not reveal the audit trail.",
  severity: "MEDIUM",
  service: "cloudtrail",
  resourceTypes: ["AWS::CloudTrail::Trail"],
  requires: [{ service: "cloudtrail", resourceTypes: ["AWS::CloudTrail::Trail"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "3.5" },
    { framework: "AWS-FSBP", controlId: "CloudTrail.2" },
    { framework: "NIST-800-53-r5", controlId: "AU-9" },
    { framework: "NIST-800-53-r5", controlId: "CA-9(1)" },
    { framework: "NIST-800-53-r5", controlId: "CM-3(6)" },
    { framework: "NIST-800-53-r5", controlId: "SC-13" },
    { framework: "NIST-800-53-r5", controlId: "SC-28" },
    { framework: "NIST-800-53-r5", controlId: "SC-28(1)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(10)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(6)" },
  ],
  remediation: {
    console: ["Open the CloudTrail console → Trails → the trail → General details → Edit → Log file SSE-KMS encryption Enabled, choose a key (its policy must allow cloudtrail.amazonaws.com) → Save."],
    cli: "aws cloudtrail update-trail --name <trail> --kms-key-id <kms-key-arn>",
    terraform: 'resource "aws_cloudtrail" "main" {\n  # ...\n  kms_key_id = aws_kms_key.trail.arn\n}',
    cloudformation: "Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    KMSKeyId: !Ref TrailKey",
  },
  references: [
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-2",
  ],
  evaluate: (resource, ctx) =>
    evaluateFields(resource, ctx, {
      evidence: { TrailARN: resource.resourceId, KmsKeyId: resource.configuration.KmsKeyId ?? null },
      ok: typeof resource.configuration.KmsKeyId === "string" && resource.configuration.KmsKeyId !== "",
      passMessage: "Trail logs are encrypted with KMS",
      failMessage: "Trail logs are not encrypted with KMS",
    }),
});
