import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";

export const ec2RegionalEbsDefaultEncryptionRule = defineRule({
  id: "aws.ec2.regional.ebs-default-encryption",
  title: "EBS encryption by default is enabled in the region",
  description: "Fails when GetEbsEncryptionByDefault returns false for the region.",
  rationale:
    "With encryption by default every new volume and snapshot copy is encrypted, whatever tool created it; otherwise one forgotten flag leaves data unencrypted at rest.",
  severity: "MEDIUM",
  service: "ec2",
  resourceTypes: ["AWS::EC2::RegionalSettings"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::RegionalSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "2.2.1" },
    { framework: "AWS-FSBP", controlId: "EC2.7" },
    { framework: "NIST-800-53-r5", controlId: "CA-9(1)" },
    { framework: "NIST-800-53-r5", controlId: "CM-3(6)" },
    { framework: "NIST-800-53-r5", controlId: "SC-13" },
    { framework: "NIST-800-53-r5", controlId: "SC-28" },
    { framework: "NIST-800-53-r5", controlId: "SC-28(1)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(10)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(6)" },
  ],
  remediation: {
    console: [
      "Open the EC2 console in the region → Dashboard → Account attributes → Data protection and security.",
      "Under EBS encryption choose Manage, tick Always encrypt new EBS volumes, and update.",
    ],
    cli: "aws ec2 enable-ebs-encryption-by-default --region <region>",
    terraform: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}',
    cloudformation:
      "# CloudFormation has no resource for this account setting; run once per region:\n# aws ec2 enable-ebs-encryption-by-default --region <region>\n# and encrypt volumes explicitly:\nVolume:\n  Type: AWS::EC2::Volume\n  Properties:\n    AvailabilityZone: !Select [0, !GetAZs '']\n    Size: 20\n    Encrypted: true",
  },
  references: [
    "https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-7",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetEbsEncryptionByDefault"] });
    if (missing) return missing;
    const enabled = resource.configuration.EbsEncryptionByDefault === true;
    const evidence = { EbsEncryptionByDefault: resource.configuration.EbsEncryptionByDefault ?? null };
    return enabled
      ? pass("EBS encryption by default is enabled", evidence)
      : fail("EBS encryption by default is disabled", evidence);
  },
});
