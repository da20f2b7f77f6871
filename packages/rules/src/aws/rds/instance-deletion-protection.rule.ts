import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";

export const rdsInstanceDeletionProtectionRule = defineRule({
  id: "aws.rds.instance.deletion-protection",
  title: "RDS instances have deletion protection enabled",
  description: "Fails when DeletionProtection is false.",
  rationale: "Deletion protection stops a mistaken or malicious DeleteDBInstance call from destroying the database.",
  severity: "LOW",
  service: "rds",
  resourceTypes: ["AWS::RDS::DBInstance"],
  requires: [{ service: "rds", resourceTypes: ["AWS::RDS::DBInstance"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "RDS.8" },
    { framework: "NIST-800-53-r5", controlId: "CM-3" },
    { framework: "NIST-800-53-r5", controlId: "SC-5(2)" },
    { framework: "NIST-800-53-r5", controlId: "SI-13(5)" },
  ],
  remediation: {
    console: ["Open the RDS console → Databases → the instance → Modify → Deletion protection → Enable → Apply immediately."],
    cli: "aws rds modify-db-instance --db-instance-identifier <db> --deletion-protection --apply-immediately",
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  deletion_protection = true\n}',
    cloudformation: "Database:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    DeletionProtection: true",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-8",
  ],
  evaluate: (resource, ctx) =>
    evaluateFields(resource, ctx, {
      evidence: { DBInstanceIdentifier: resource.configuration.DBInstanceIdentifier ?? null, DeletionProtection: resource.configuration.DeletionProtection ?? null },
      ok: resource.configuration.DeletionProtection === true,
      passMessage: "Deletion protection is enabled",
      failMessage: "Deletion protection is disabled",
    }),
});
