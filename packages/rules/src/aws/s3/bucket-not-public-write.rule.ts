import { defineRule, fail, pass } from "../../rule";
import { analyzeBucketExposure, isVerdictLike, listEffectivePublicGrants } from "../../lib/s3";

export const s3BucketNotPublicWriteRule = defineRule({
  id: "aws.s3.bucket.not-public-write",
  title: "S3 buckets are not publicly writable",
  description:
    "Fails when a bucket policy statement grants '*' write actions (s3:PutObject, s3:DeleteObject, s3:PutObjectAcl…) without a restricting condition, or an ACL grants WRITE/WRITE_ACP/FULL_CONTROL to AllUsers or AuthenticatedUsers — unless Block Public Access (bucket or account) neutralises it.",
  rationale: "A publicly writable bucket can be used to host malware, poison data or software artifacts, and to run up costs.",
  severity: "CRITICAL",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket", "AWS::S3::AccountPublicAccessBlock"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "S3.3" },
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
  ],
  remediation: {
    console: ["Open the S3 console → the bucket → Permissions; remove public write statements and ACL grants, then enable Block public access."],
    cli: "aws s3api put-bucket-acl --bucket <bucket> --acl private\naws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    terraform: 'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-3",
  ],
  evaluate(resource, ctx) {
    const exposure = analyzeBucketExposure(resource, ctx);
    if (isVerdictLike(exposure)) return exposure;
    const grants = listEffectivePublicGrants(exposure, "write");
    const evidence = { effectivePublicAccessBlock: exposure.effectiveBlock, publicWriteGrants: grants };
    return grants.length > 0 ? fail("Bucket is publicly writable", evidence) : pass("Bucket is not publicly writable", evidence);
  },
});
