import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecords } from "../../lib/values";

export const s3BucketLifecycleConfiguredRule = defineRule({
  id: "aws.s3.bucket.lifecycle-configured",
  title: "S3 buckets have a lifecycle configuration",
  description: "Fails when GetBucketLifecycleConfiguration returns no enabled rule.",
  rationale: "Lifecycle rules expire data that is no longer needed (and old versions), limiting what a breach can expose and what storage costs.",
  severity: "LOW",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "S3.13" },
    { framework: "NIST-800-53-r5", controlId: "CP-10" },
    { framework: "NIST-800-53-r5", controlId: "CP-6(2)" },
    { framework: "NIST-800-53-r5", controlId: "CP-9" },
    { framework: "NIST-800-53-r5", controlId: "SC-5(2)" },
    { framework: "NIST-800-53-r5", controlId: "SI-13(5)" },
  ],
  remediation: {
    console: ["Open the S3 console → the bucket → Management → Create lifecycle rule; choose expiration and noncurrent-version expiration that match the retention policy."],
    cli: "aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration '{\"Rules\":[{\"ID\":\"retention\",\"Status\":\"Enabled\",\"Filter\":{},\"NoncurrentVersionExpiration\":{\"NoncurrentDays\":90}}]}'",
    terraform: 'resource "aws_s3_bucket_lifecycle_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    id     = "retention"\n    status = "Enabled"\n    filter {}\n    noncurrent_version_expiration {\n      noncurrent_days = 90\n    }\n  }\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    LifecycleConfiguration:\n      Rules:\n        - Id: retention\n          Status: Enabled\n          NoncurrentVersionExpiration:\n            NoncurrentDays: 90",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-13",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetBucketLifecycleConfiguration"] });
    if (missing) return missing;
    const rules = asRecords(resource.configuration.LifecycleRules);
    const enabled = rules.filter((r) => r.Status === "Enabled").map((r) => r.ID ?? null);
    const evidence = { "LifecycleRules.length": rules.length, enabledRuleIds: enabled };
    return enabled.length > 0 ? pass("Lifecycle configuration is present", evidence) : fail("No enabled lifecycle rule", evidence);
  },
});
