import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { readBucketEncryption } from "../../lib/s3-encryption";

export const s3BucketDefaultEncryptionRule = defineRule({
  id: "aws.s3.bucket.default-encryption",
  title: "S3 buckets have a default encryption configuration",
  description:
    "Fails when GetBucketEncryption returns no default encryption rule. S3 applies SSE-S3 to new objects since January 2023, so no current CIS v3.0.0 or FSBP control requires this setting; the rule (with no framework mapping) catches buckets whose configuration was removed or never read.",
  rationale: "An explicit default encryption rule documents intent and is the place where KMS keys are enforced.",
  severity: "LOW",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [],
  remediation: {
    console: ["Open the S3 console → the bucket → Properties → Default encryption → Edit → SSE-KMS (or SSE-S3) → Save."],
    cli: "aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"<kms-key-arn>\"},\"BucketKeyEnabled\":true}]}'",
    terraform: 'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.s3.arn\n    }\n    bucket_key_enabled = true\n  }\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketEncryption:\n      ServerSideEncryptionConfiguration:\n        - ServerSideEncryptionByDefault:\n            SSEAlgorithm: aws:kms\n            KMSMasterKeyID: !Ref S3Key\n          BucketKeyEnabled: true",
  },
  references: ["https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html"],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetBucketEncryption"] });
    if (missing) return missing;
    const enc = readBucketEncryption(resource);
    const evidence = { "ServerSideEncryptionConfiguration.Rules[].SSEAlgorithm": enc.algorithms };
    return enc.algorithms.length > 0
      ? pass(`Default encryption: ${enc.algorithms.join(", ")}`, evidence)
      : fail("Bucket has no default encryption configuration", evidence);
  },
});
