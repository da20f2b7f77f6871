import { defineRule, fail, notApplicable, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { KMS_REQUIRED_TAG_KEYS, KMS_REQUIRED_TAG_VALUES, readBucketEncryption } from "../../lib/s3-encryption";

export const s3BucketKmsEncryptionRule = defineRule({
  id: "aws.s3.bucket.kms-encryption",
  title: "Buckets holding classified data are encrypted with AWS KMS",
  description: `Applies to buckets tagged ${KMS_REQUIRED_TAG_KEYS.join("/")} = ${KMS_REQUIRED_TAG_VALUES.join("|")} (case-insensitive); fails when their default encryption is not aws:kms or aws:kms:dsse.`,
  rationale: "KMS adds a second, auditable authorization layer (key policy, CloudTrail of every decrypt) that SSE-S3 does not have.",
  severity: "MEDIUM",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "S3.17" },
  ],
  remediation: {
    console: ["Open the S3 console → the bucket → Properties → Default encryption → Edit → Server-side encryption with AWS KMS keys (SSE-KMS), choose a customer managed key, enable Bucket Key → Save."],
    cli: "aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration '{\"Rules\":[{\"ApplyServerSideEncryptionByDefault\":{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"<kms-key-arn>\"},\"BucketKeyEnabled\":true}]}'",
    terraform: 'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.s3.arn\n    }\n    bucket_key_enabled = true\n  }\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketEncryption:\n      ServerSideEncryptionConfiguration:\n        - ServerSideEncryptionByDefault:\n            SSEAlgorithm: aws:kms\n            KMSMasterKeyID: !Ref S3Key\n          BucketKeyEnabled: true",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17",
  ],
  evaluate(resource, ctx) {
    const tag = Object.entries(resource.tags).find(([k]) => KMS_REQUIRED_TAG_KEYS.includes(k.toLowerCase()));
    if (!tag || !KMS_REQUIRED_TAG_VALUES.includes(tag[1].toLowerCase())) {
      return notApplicable("Bucket is not tagged as holding classified data", { classificationTag: tag ? { [tag[0]]: tag[1] } : null });
    }
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetBucketEncryption"] });
    if (missing) return missing;
    const enc = readBucketEncryption(resource);
    const evidence = {
      classificationTag: { [tag[0]]: tag[1] },
      "ServerSideEncryptionConfiguration.Rules[].SSEAlgorithm": enc.algorithms,
      KMSMasterKeyID: enc.kmsKeyIds,
    };
    return enc.algorithms.some((a) => a === "aws:kms" || a === "aws:kms:dsse")
      ? pass("Classified bucket is encrypted with KMS", evidence)
      : fail("Classified bucket is not encrypted with KMS", evidence);
  },
});
