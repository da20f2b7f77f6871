import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";

export const rdsInstanceEncryptedRule = defineRule({
  id: "aws.rds.instance.encrypted",
  title: "RDS instances are encrypted at rest",
  description: "Fails when a DB instance has StorageEncrypted = false.",
  rationale: "Encryption at rest protects the database, its automated backups, replicas and snapshots.",
  severity: "HIGH",
  service: "rds",
  resourceTypes: ["AWS::RDS::DBInstance"],
  requires: [{ service: "rds", resourceTypes: ["AWS::RDS::DBInstance"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "2.3.1" },
    { framework: "AWS-FSBP", controlId: "RDS.3" },
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
      "Encryption cannot be enabled in place: take a snapshot (RDS console → the instance → Actions → Take snapshot).",
      "Copy the snapshot with encryption enabled, restore a new instance from the copy, and switch the application over.",
    ],
    cli: "aws rds create-db-snapshot --db-instance-identifier <db> --db-snapshot-identifier <db>-pre-encrypt\naws rds copy-db-snapshot --source-db-snapshot-identifier <db>-pre-encrypt --target-db-snapshot-identifier <db>-encrypted --kms-key-id <kms-key-arn>\naws rds restore-db-instance-from-db-snapshot --db-instance-identifier <db>-new --db-snapshot-identifier <db>-encrypted",
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.rds.arn\n}',
    cloudformation: "Database:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    StorageEncrypted: true\n    KmsKeyId: !Ref RdsKey",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-3",
  ],
  evaluate: (resource, ctx) =>
    evaluateFields(resource, ctx, {
      evidence: { DBInstanceIdentifier: resource.configuration.DBInstanceIdentifier ?? null, StorageEncrypted: resource.configuration.StorageEncrypted ?? null },
      ok: resource.configuration.StorageEncrypted === true,
      passMessage: "DB instance storage is encrypted",
      failMessage: "DB instance storage is not encrypted",
    }),
});
