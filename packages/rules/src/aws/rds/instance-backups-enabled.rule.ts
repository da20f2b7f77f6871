import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asNumber } from "../../lib/values";

export const RDS_MIN_BACKUP_RETENTION_DAYS = 7;

export const rdsInstanceBackupsEnabledRule = defineRule({
  id: "aws.rds.instance.backups-enabled",
  title: "RDS instances have automated backups retained for at least 7 days",
  description: "Fails when BackupRetentionPeriod is below 7 (0 disables automated backups entirely).",
  rationale: "Automated backups and point-in-time recovery are the way back from deletion, corruption and ransomware.",
  severity: "MEDIUM",
  service: "rds",
  resourceTypes: ["AWS::RDS::DBInstance"],
  requires: [{ service: "rds", resourceTypes: ["AWS::RDS::DBInstance"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "RDS.11" },
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
    console: ["Open the RDS console → Databases → the instance → Modify → Backup → Backup retention period 7 days or more → Apply immediately."],
    cli: "aws rds modify-db-instance --db-instance-identifier <db> --backup-retention-period 7 --apply-immediately",
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  backup_retention_period = 7\n}',
    cloudformation: "Database:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    BackupRetentionPeriod: 7",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-11",
  ],
  evaluate(resource, ctx) {
    const retention = asNumber(resource.configuration.BackupRetentionPeriod);
    return evaluateFields(resource, ctx, {
      evidence: { DBInstanceIdentifier: resource.configuration.DBInstanceIdentifier ?? null, BackupRetentionPeriod: retention },
      ok: retention !== null && retention >= RDS_MIN_BACKUP_RETENTION_DAYS,
      passMessage: `Automated backups are kept ${retention} days`,
      failMessage: retention ? `Automated backups are kept only ${retention} day(s)` : "Automated backups are disabled",
    });
  },
});
