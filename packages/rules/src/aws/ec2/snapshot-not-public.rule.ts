import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecords } from "../../lib/values";

export const ec2SnapshotNotPublicRule = defineRule({
  id: "aws.ec2.snapshot.not-public",
  title: "EBS snapshots are not publicly restorable",
  description:
    "Fails when a snapshot's CreateVolumePermissions (DescribeSnapshotAttribute) include Group = all, which lets any AWS account create a volume from it.",
  rationale:
    "Public snapshots are routinely harvested by researchers and attackers; they often contain databases, keys and credentials.",
  severity: "CRITICAL",
  service: "ec2",
  resourceTypes: ["AWS::EC2::Snapshot"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::Snapshot"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EC2.1" },
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
    console: [
      "Open the EC2 console → Snapshots → select the snapshot → Actions → Snapshot settings → Modify permissions.",
      "Choose Private and save; share with specific account ids only if needed.",
    ],
    cli: "aws ec2 modify-snapshot-attribute --snapshot-id <snap-id> --attribute createVolumePermission --operation-type remove --group-names all",
    terraform:
      '# Share snapshots with named accounts only; never with group "all":\nresource "aws_snapshot_create_volume_permission" "partner" {\n  snapshot_id = aws_ebs_snapshot.this.id\n  account_id  = "123456789012"\n}\n# Account-wide guard:\nresource "aws_ebs_snapshot_block_public_access" "this" {\n  state = "block-all-sharing"\n}',
    cloudformation:
      "# CloudFormation cannot change snapshot permissions; remove public sharing with the CLI above and block it account-wide:\n# aws ec2 enable-snapshot-block-public-access --state block-all-sharing",
  },
  references: [
    "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["DescribeSnapshotAttribute"] });
    if (missing) return missing;
    const permissions = asRecords(resource.configuration.CreateVolumePermissions);
    const evidence = {
      SnapshotId: resource.configuration.SnapshotId ?? null,
      CreateVolumePermissions: permissions,
    };
    return permissions.some((p) => p.Group === "all")
      ? fail("Snapshot is public (CreateVolumePermissions Group = all)", evidence)
      : pass("Snapshot is not public", evidence);
  },
});
