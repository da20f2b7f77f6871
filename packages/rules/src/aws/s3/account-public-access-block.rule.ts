import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { isFullyBlocked, readPublicAccessBlock } from "../../lib/s3";

export const s3AccountPublicAccessBlockRule = defineRule({
  id: "aws.s3.account.public-access-block",
  title: "S3 Block Public Access is fully enabled at the account level",
  description: "Fails unless the account's PublicAccessBlockConfiguration (S3 Control) sets all four flags to true.",
  rationale: "The account-level block is the one switch that stops any bucket, present or future, from being made public by policy or ACL.",
  severity: "HIGH",
  service: "s3",
  resourceTypes: ["AWS::S3::AccountPublicAccessBlock"],
  requires: [{ service: "s3", resourceTypes: ["AWS::S3::AccountPublicAccessBlock"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "2.1.4" },
    { framework: "AWS-FSBP", controlId: "S3.1" },
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
  ],
  remediation: {
    console: ["Open the S3 console → Block Public Access settings for this account → Edit → tick Block all public access → Save."],
    cli: "aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
    terraform: 'resource "aws_s3_account_public_access_block" "this" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}',
    cloudformation: "# CloudFormation has no account-level public access block resource; use the CLI above or an SCP that denies s3:PutAccountPublicAccessBlock after enabling it.",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-1",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetPublicAccessBlock"] });
    if (missing) return missing;
    const block = readPublicAccessBlock(resource.configuration.PublicAccessBlockConfiguration);
    const evidence = { PublicAccessBlockConfiguration: resource.configuration.PublicAccessBlockConfiguration ?? null };
    return isFullyBlocked(block)
      ? pass("Account-level Block Public Access is fully enabled", evidence)
      : fail("Account-level Block Public Access is off or partial", evidence);
  },
});
