import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecords, toStringList } from "../../lib/values";

export const rdsSnapshotNotPublicRule = defineRule({
  id: "aws.rds.snapshot.not-public",
  title: "RDS snapshots are not public",
  description: "Fails when the snapshot's restore attribute (DescribeDBSnapshotAttributes, AttributeName = restore) includes 'all'.",
  rationale: "Any AWS account can restore a public snapshot and read the whole database.",
  severity: "CRITICAL",
  service: "rds",
  resourceTypes: ["AWS::RDS::DBSnapshot"],
  requires: [{ service: "rds", resourceTypes: ["AWS::RDS::DBSnapshot"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "RDS.1" },
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
  ],
  remediation: {
    console: ["Open the RDS console → Snapshots → the snapshot → Actions → Share snapshot → DB snapshot visibility Private → Save."],
    cli: "aws rds modify-db-snapshot-attribute --db-snapshot-identifier <snapshot> --attribute-name restore --values-to-remove all",
    terraform: "# Terraform does not manage snapshot sharing attributes; remove public sharing with the CLI above.",
    cloudformation: "# CloudFormation does not manage snapshot sharing attributes; remove public sharing with the CLI above.",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-1",
  ],
  evaluate(resource, ctx) {
    const restore = asRecords(resource.configuration.Attributes).find((a) => a.AttributeName === "restore");
    const values = toStringList(restore?.AttributeValues);
    return evaluateFields(resource, ctx, {
      operations: ["DescribeDBSnapshotAttributes"],
      evidence: { DBSnapshotIdentifier: resource.configuration.DBSnapshotIdentifier ?? null, "Attributes.restore": values },
      ok: !values.includes("all"),
      passMessage: "Snapshot is not public",
      failMessage: "Snapshot is public (restore = all)",
    });
  },
});
