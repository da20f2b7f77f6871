import { analyzeResourcePolicyExposure } from "@guardrail/iam";
import { defineRule, fail, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";

export const s3BucketDenyInsecureTransportRule = defineRule({
  id: "aws.s3.bucket.deny-insecure-transport",
  title: "S3 bucket policies deny requests that do not use TLS",
  description: "Fails when the bucket policy has no Deny for every principal conditioned on aws:SecureTransport = false.",
  rationale: "Without it, clients can read and write objects over plain HTTP, exposing data and credentials-signed requests in transit.",
  severity: "MEDIUM",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "2.1.1" },
    { framework: "AWS-FSBP", controlId: "S3.5" },
    { framework: "NIST-800-53-r5", controlId: "AC-17(2)" },
    { framework: "NIST-800-53-r5", controlId: "AC-4" },
    { framework: "NIST-800-53-r5", controlId: "IA-5(1)" },
    { framework: "NIST-800-53-r5", controlId: "SC-12(3)" },
    { framework: "NIST-800-53-r5", controlId: "SC-13" },
    { framework: "NIST-800-53-r5", controlId: "SC-23" },
    { framework: "NIST-800-53-r5", controlId: "SC-23(3)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(4)" },
    { framework: "NIST-800-53-r5", controlId: "SC-8" },
    { framework: "NIST-800-53-r5", controlId: "SC-8(1)" },
    { framework: "NIST-800-53-r5", controlId: "SC-8(2)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(6)" },
  ],
  remediation: {
    console: ["Open the S3 console → the bucket → Permissions → Bucket policy → Edit; add a Deny statement for s3:* on the bucket and its objects when aws:SecureTransport is false."],
    cli: "aws s3api put-bucket-policy --bucket <bucket> --policy file://deny-insecure-transport.json",
    terraform: 'data "aws_iam_policy_document" "tls_only" {\n  statement {\n    effect    = "Deny"\n    actions   = ["s3:*"]\n    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }\n  }\n}\nresource "aws_s3_bucket_policy" "this" {\n  bucket = aws_s3_bucket.this.id\n  policy = data.aws_iam_policy_document.tls_only.json\n}',
    cloudformation: "BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          Principal: '*'\n          Action: 's3:*'\n          Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']\n          Condition:\n            Bool:\n              aws:SecureTransport: 'false'",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-5",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetBucketPolicy"] });
    if (missing) return missing;
    const policy = resource.configuration.Policy;
    if (typeof policy !== "string" || policy.trim() === "") {
      return fail("Bucket has no policy, so plain-HTTP requests are not denied", { Policy: null, deniesInsecureTransport: false });
    }
    const exposure = analyzeResourcePolicyExposure(policy, { accountId: resource.accountId });
    if (exposure.parseError) return unable(`Bucket policy unreadable: ${exposure.parseError}`, { Policy: "unparseable" });
    const evidence = { Policy: "present", deniesInsecureTransport: exposure.deniesInsecureTransport };
    return exposure.deniesInsecureTransport
      ? pass("Bucket policy denies non-TLS requests", evidence)
      : fail("Bucket policy does not deny non-TLS requests", evidence);
  },
});
