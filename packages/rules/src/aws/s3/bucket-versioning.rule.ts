import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord } from "../../lib/values";

export const s3BucketVersioningRule = defineRule({
  id: "aws.s3.bucket.versioning",
  title: "S3 bucket versioning is enabled",
  description: "Fails when GetBucketVersioning reports Status other than Enabled (never enabled or Suspended).",
  rationale: "Versioning lets you recover from accidental deletes, overwrites and ransomware-style encryption of objects.",
  severity: "LOW",
  service: "s3",
  resourceTypes: ["AWS::S3::Bucket"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::Bucket"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "S3.14" },
    { framework: "NIST-800-53-r5", controlId: "AU-9(2)" },
    { framework: "NIST-800-53-r5", controlId: "CP-10" },
    { framework: "NIST-800-53-r5", controlId: "CP-6" },
    { framework: "NIST-800-53-r5", controlId: "CP-6(1)" },
    { framework: "NIST-800-53-r5", controlId: "CP-6(2)" },
    { framework: "NIST-800-53-r5", controlId: "CP-9" },
    { framework: "NIST-800-53-r5", controlId: "SC-5(2)" },
    { framework: "NIST-800-53-r5", controlId: "SI-12" },
    { framework: "NIST-800-53-r5", controlId: "SI-13(5)" },
  ],
  remediation: {
    console: ["Open the S3 console → the bucket → Properties → Bucket Versioning → Edit → Enable → Save."],
    cli: "aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled",
    terraform: 'resource "aws_s3_bucket_versioning" "this" {\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
    cloudformation: "Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    VersioningConfiguration:\n      Status: Enabled",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetBucketVersioning"] });
    if (missing) return missing;
    const status = asRecord(resource.configuration.Versioning)?.Status ?? null;
    const evidence = { "Versioning.Status": status };
    return status === "Enabled" ? pass("Versioning is enabled", evidence) : fail("Versioning is not enabled", evidence);
  },
});
