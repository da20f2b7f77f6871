import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";

export const rdsInstanceAutoMinorUpgradeRule = defineRule({
  id: "aws.rds.instance.auto-minor-upgrade",
  title: "RDS automatic minor version upgrades are enabled",
  description: "Fails when AutoMinorVersionUpgrade is false.",
  rationale: "Minor versions carry security fixes; automatic upgrades apply them in the maintenance window.",
  severity: "LOW",
  service: "rds",
  resourceTypes: ["AWS::RDS::DBInstance"],
  requires: [{ service: "rds", resourceTypes: ["AWS::RDS::DBInstance"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "2.3.2" },
    { framework: "AWS-FSBP", controlId: "RDS.13" },
    { framework: "NIST-800-53-r5", controlId: "SI-2" },
    { framework: "NIST-800-53-r5", controlId: "SI-2(2)" },
    { framework: "NIST-800-53-r5", controlId: "SI-2(4)" },
    { framework: "NIST-800-53-r5", controlId: "SI-2(5)" },
    { framework: "PCI-DSS-4.0", controlId: "6.3.3" },
  ],
  remediation: {
    console: ["Open the RDS console → Databases → the instance → Modify → Maintenance → Enable auto minor version upgrade → Continue."],
    cli: "aws rds modify-db-instance --db-instance-identifier <db> --auto-minor-version-upgrade --apply-immediately",
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  auto_minor_version_upgrade = true\n}',
    cloudformation: "Database:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    AutoMinorVersionUpgrade: true",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-13",
  ],
  evaluate: (resource, ctx) =>
    evaluateFields(resource, ctx, {
      evidence: { DBInstanceIdentifier: resource.configuration.DBInstanceIdentifier ?? null, AutoMinorVersionUpgrade: resource.configuration.AutoMinorVersionUpgrade ?? null },
      ok: resource.configuration.AutoMinorVersionUpgrade === true,
      passMessage: "Automatic minor version upgrades are enabled",
      failMessage: "Automatic minor version upgrades are disabled",
    }),
});
