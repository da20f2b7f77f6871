import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { isFullyBlocked, readPublicAccessBlock } from "../../lib/s3";

export const s3BucketPublicAccessBlockRule = defineRule({
  id: "aws.s3.bucket.public-access-block",
  title: "S3 Block Public Access is fully enabled on the bucket",
  description:
    "Fails unless the bucket's own PublicAccessBlockConfiguration sets all four flags. (The account-level block is a separate rule; the bucket-level block protects the bucket if the account setting is ever relaxed.)",
  rationale: "Defence in depth: a bucket-level block keeps a private bucket private through account-level changes.",
  severity: "MEDIUM",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "2.1.4" },
    { framework: "AWS-FSBP", controlId: "S3.8" },
    { framework: "NIST-800-53-r5", controlId: "AC-21" },
    { framework: "NIST-800-53-r5", controlId: "AC-3" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(7)" },
    { framework: "NIST-800-53-r5", controlId: "AC-4" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(21)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6" },
    { framework: "NIST-800-53-r5", controlId: "SC-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(11)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(16)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(20)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(3)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(4)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(9)" },
  ],
  remediation: {
    console: ["Open the S3 console → the bucket → Permissions → Block public access (bucket settings) → Edit → Block all public access → Save."],
    cli: "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    terraform: 'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-8",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetPublicAccessBlock"] });
    if (missing) return missing;
    const block = readPublicAccessBlock(resource.configuration.PublicAccessBlockConfiguration);
    const evidence = { PublicAccessBlockConfiguration: resource.configuration.PublicAccessBlockConfiguration ?? null };
    return isFullyBlocked(block)
      ? pass("Bucket-level Block Public Access is fully enabled", evidence)
      : fail("Bucket-level Block Public Access is off or partial", evidence);
  },
});
