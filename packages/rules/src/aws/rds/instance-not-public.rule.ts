import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";

export const rdsInstanceNotPublicRule = defineRule({
  id: "aws.rds.instance.not-public",
  title: "RDS instances are not publicly accessible",
  description: "Fails when a DB instance has PubliclyAccessible = true (it gets a public DNS name and address).",
  rationale: "A database reachable from the internet is one weak password or CVE away from a breach.",
  severity: "CRITICAL",
  service: "rds",
  resourceTypes: ["AWS::RDS::DBInstance"],
  requires: [{ service: "rds", resourceTypes: ["AWS::RDS::DBInstance"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "2.3.3" },
    { framework: "AWS-FSBP", controlId: "RDS.2" },
    { framework: "NIST-800-53-r5", controlId: "AC-4" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(11)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(16)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(4)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(5)" },
  ],
  remediation: {
    console: ["Open the RDS console → Databases → the instance → Modify → Connectivity → Additional configuration → Not publicly accessible → Continue → Apply immediately."],
    cli: "aws rds modify-db-instance --db-instance-identifier <db> --no-publicly-accessible --apply-immediately",
    terraform: 'resource "aws_db_instance" "this" {\n  # ...\n  publicly_accessible = false\n}',
    cloudformation: "Database:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    PubliclyAccessible: false",
  },
  references: [
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-2",
  ],
  evaluate: (resource, ctx) =>
    evaluateFields(resource, ctx, {
      evidence: { DBInstanceIdentifier: resource.configuration.DBInstanceIdentifier ?? null, PubliclyAccessible: resource.configuration.PubliclyAccessible ?? null },
      ok: resource.configuration.PubliclyAccessible !== true,
      passMessage: "DB instance is not publicly accessible",
      failMessage: "DB instance is publicly accessible",
    }),
});
