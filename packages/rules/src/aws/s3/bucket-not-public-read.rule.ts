import { defineRule, fail, pass } from "../../rule";
import { analyzeBucketExposure, isVerdictLike, listEffectivePublicGrants } from "../../lib/s3";

export const s3BucketNotPublicReadRule = defineRule({
  id: "aws.s3.bucket.not-public-read",
  title: "S3 buckets are not publicly readable",
  description:
    "Fails when a bucket policy statement grants '*' read actions (s3:GetObject, s3:ListBucket…) without a restricting condition and RestrictPublicBuckets does not neutralise it, or an ACL grants READ/FULL_CONTROL to AllUsers or AuthenticatedUsers and IgnorePublicAcls does not neutralise it. Bucket- and account-level Block Public Access are both applied.",
  rationale: "Public buckets are the most common source of large cloud data leaks.",
  severity: "CRITICAL",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket", "AWS::S3::AccountPublicAccessBlock"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "S3.2" },
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
  ],
  remediation: {
    console: [
      "Open the S3 console → the bucket → Permissions.",
      "Remove public statements from the bucket policy and public grants from the ACL (or set Object Ownership to Bucket owner enforced), then enable Block public access.",
    ],
    cli: "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\naws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls 'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'",
    terraform: 'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}\nresource "aws_s3_bucket_ownership_controls" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule { object_ownership = "BucketOwnerEnforced" }\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    OwnershipControls:\n      Rules: [{ ObjectOwnership: BucketOwnerEnforced }]\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-2",
  ],
  evaluate(resource, ctx) {
    const exposure = analyzeBucketExposure(resource, ctx);
    if (isVerdictLike(exposure)) return exposure;
    const grants = listEffectivePublicGrants(exposure, "read");
    const evidence = { effectivePublicAccessBlock: exposure.effectiveBlock, publicReadGrants: grants };
    return grants.length > 0 ? fail("Bucket is publicly readable", evidence) : pass("Bucket is not publicly readable", evidence);
  },
});
