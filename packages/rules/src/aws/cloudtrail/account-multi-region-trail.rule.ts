import { defineRule, fail, pass } from "../../rule";
import { checkAccountServiceComplete } from "../../lib/guard";
import { asRecord } from "../../lib/values";

export const cloudtrailAccountMultiRegionTrailRule = defineRule({
  id: "aws.cloudtrail.account.multi-region-trail",
  title: "At least one multi-region CloudTrail trail is logging",
  description:
    "Evaluated once per account (on its AWS::IAM::AccountSettings subject): fails when no trail has IsMultiRegionTrail = true and Status.IsLogging = true. An organization trail created in the management account counts for member accounts only when it is collected in the account itself.",
  rationale: "Without an account-wide trail, API activity in some regions goes unrecorded: attackers use unmonitored regions.",
  severity: "HIGH",
  service: "cloudtrail",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "cloudtrail", resourceTypes: ["AWS::CloudTrail::Trail"] }, { service: "iam", resourceTypes: ["AWS::IAM::AccountSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "3.1" },
    { framework: "AWS-FSBP", controlId: "CloudTrail.1" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(4)" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(26)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(9)" },
    { framework: "NIST-800-53-r5", controlId: "AU-10" },
    { framework: "NIST-800-53-r5", controlId: "AU-12" },
    { framework: "NIST-800-53-r5", controlId: "AU-2" },
    { framework: "NIST-800-53-r5", controlId: "AU-3" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(3)" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(4)" },
    { framework: "NIST-800-53-r5", controlId: "AU-14(1)" },
    { framework: "NIST-800-53-r5", controlId: "CA-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(9)" },
    { framework: "NIST-800-53-r5", controlId: "SI-3(8)" },
    { framework: "NIST-800-53-r5", controlId: "SI-4(20)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(8)" },
    { framework: "NIST-800-53-r5", controlId: "SA-8(22)" },
  ],
  remediation: {
    console: ["Open the CloudTrail console → Trails → Create trail; apply to all regions (default), choose an S3 bucket and KMS key, enable log file validation → Create."],
    cli: "aws cloudtrail create-trail --name org-trail --s3-bucket-name <bucket> --is-multi-region-trail --enable-log-file-validation --kms-key-id <kms-key-arn>\naws cloudtrail start-logging --name org-trail",
    terraform: 'resource "aws_cloudtrail" "main" {\n  name                       = "main"\n  s3_bucket_name             = aws_s3_bucket.trail.id\n  is_multi_region_trail      = true\n  enable_log_file_validation = true\n  kms_key_id                 = aws_kms_key.trail.arn\n}',
    cloudformation: "Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    IsLogging: true\n    IsMultiRegionTrail: true\n    EnableLogFileValidation: true\n    S3BucketName: !Ref TrailBucket\n    KMSKeyId: !Ref TrailKey",
  },
  references: [
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-1",
  ],
  evaluate(resource, ctx) {
    const trails = ctx.byType("AWS::CloudTrail::Trail", { accountId: resource.accountId });
    const multiRegion = trails
      .filter((t) => t.configuration.IsMultiRegionTrail === true)
      .map((t) => ({ TrailARN: t.resourceId, IsLogging: asRecord(t.configuration.Status)?.IsLogging ?? null, HomeRegion: t.configuration.HomeRegion ?? t.region }));
    const logging = multiRegion.filter((t) => t.IsLogging === true);
    const evidence = { multiRegionTrails: multiRegion };
    if (logging.length > 0) return pass("A multi-region trail is logging", evidence);
    const missing = checkAccountServiceComplete(ctx, resource.accountId, "cloudtrail");
    if (missing) return missing;
    return fail(multiRegion.length ? "Multi-region trails exist but none is logging" : "No multi-region trail", evidence);
  },
});
