import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";

export const ec2VolumeEncryptedRule = defineRule({
  id: "aws.ec2.volume.encrypted",
  title: "EBS volumes are encrypted at rest",
  description: "Fails when an EBS volume has Encrypted = false.",
  rationale: "Unencrypted volumes and their snapshots expose data to anyone who can copy or share the snapshot.",
  severity: "MEDIUM",
  service: "ec2",
  resourceTypes: ["AWS::EC2::Volume"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::Volume"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EC2.3" },
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
      "EBS volumes cannot be encrypted in place: create a snapshot of the volume (EC2 console → Volumes → Actions → Create snapshot).",
      "Copy the snapshot with Encryption enabled, create a volume from the encrypted copy, and swap it in for the original.",
    ],
    cli: "aws ec2 create-snapshot --volume-id <vol-id>\naws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snap-id> --encrypted --kms-key-id <kms-key-arn>\naws ec2 create-volume --snapshot-id <encrypted-snap-id> --availability-zone <az> --encrypted",
    terraform: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = aws_kms_key.ebs.arn\n}',
    cloudformation:
      "Volume:\n  Type: AWS::EC2::Volume\n  Properties:\n    AvailabilityZone: us-east-1a\n    Size: 100\n    Encrypted: true\n    KmsKeyId: !Ref EbsKey",
  },
  references: [
    "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-3",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const evidence = {
      VolumeId: resource.configuration.VolumeId ?? null,
      Encrypted: resource.configuration.Encrypted ?? null,
      KmsKeyId: resource.configuration.KmsKeyId ?? null,
    };
    return resource.configuration.Encrypted === true
      ? pass("Volume is encrypted", evidence)
      : fail("Volume is not encrypted", evidence);
  },
});
