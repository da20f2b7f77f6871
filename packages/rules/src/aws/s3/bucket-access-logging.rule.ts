import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord } from "../../lib/values";

export const s3BucketAccessLoggingRule = defineRule({
  id: "aws.s3.bucket.access-logging",
  title: "S3 server access logging is enabled",
  description: "Fails when GetBucketLogging returns no LoggingEnabled (TargetBucket).",
  rationale: "Access logs record every request to the bucket, including anonymous ones that CloudTrail data events may not cover.",
  severity: "LOW",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "S3.9" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(4)" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(26)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(9)" },
    { framework: "NIST-800-53-r5", controlId: "AU-10" },
    { framework: "NIST-800-53-r5", controlId: "AU-12" },
    { framework: "NIST-800-53-r5", controlId: "AU-2" },
    { framework: "NIST-800-53-r5", controlId: "AU-3" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(3)" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(4)" },
    { framework: "NIST-800-53-r5", controlId: "CA-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(9)" },
    { framework: "NIST-800-53-r5", controlId: "SI-3(8)" },
    { framework: "NIST-800-53-r5", controlId: "SI-4(20)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(8)" },
  ],
  remediation: {
    console: ["Open the S3 console → the bucket → Properties → Server access logging → Edit → Enable, choose a destination bucket and prefix → Save."],
    cli: "aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status '{\"LoggingEnabled\":{\"TargetBucket\":\"<log-bucket>\",\"TargetPrefix\":\"<bucket>/\"}}'",
    terraform: 'resource "aws_s3_bucket_logging" "this" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.logs.id\n  target_prefix = "s3-access/"\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    LoggingConfiguration:\n      DestinationBucketName: !Ref LogBucket\n      LogFilePrefix: s3-access/",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetBucketLogging"] });
    if (missing) return missing;
    const logging = asRecord(resource.configuration.LoggingEnabled);
    const evidence = { "LoggingEnabled.TargetBucket": logging?.TargetBucket ?? null };
    return logging ? pass("Server access logging is enabled", evidence) : fail("Server access logging is off", evidence);
  },
});
