import { defineRule, fail, pass } from "../../rule";
import { credentialEvidence, isReportVerdict, readAccessKeys, readCredentialReport } from "../../lib/credential-report";

export const ACCESS_KEY_MAX_AGE_DAYS = 90;

export const iamUserAccessKeysRotatedRule = defineRule({
  id: "aws.iam.user.access-keys-rotated",
  title: "Active access keys are rotated every 90 days",
  description: "Fails when an active access key's access_key_N_last_rotated is more than 90 days ago.",
  rationale: "Long-lived keys accumulate in laptops, CI systems and logs; rotation bounds how long a leaked key works.",
  severity: "MEDIUM",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.14" },
    { framework: "AWS-FSBP", controlId: "IAM.3" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(3)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "PCI-DSS-4.0", controlId: "8.3.9" },
    { framework: "PCI-DSS-4.0", controlId: "8.6.3" },
  ],
  remediation: {
    console: [
      "Open the IAM console → Users → select the user → Security credentials → Create access key.",
      "Deploy the new key, then deactivate and delete the old one (or replace the user with a role).",
    ],
    cli: "aws iam create-access-key --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <old-key-id> --status Inactive\naws iam delete-access-key --user-name <user> --access-key-id <old-key-id>",
    terraform: '# Rotate by replacing the key resource (e.g. terraform apply -replace=aws_iam_access_key.ci)\nresource "aws_iam_access_key" "ci" {\n  user = aws_iam_user.ci.name\n}',
    cloudformation: "# Rotate by bumping Serial, which replaces the key:\nAccessKey:\n  Type: AWS::IAM::AccessKey\n  Properties:\n    UserName: !Ref User\n    Serial: 2",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#Using_RotateAccessKey",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-3",
  ],
  evaluate(resource, ctx) {
    const report = readCredentialReport(resource, ctx);
    if (isReportVerdict(report)) return report;
    const keys = readAccessKeys(report, ctx).filter((k) => k.active);
    const stale = keys.filter((k) => k.ageDays !== null && k.ageDays > ACCESS_KEY_MAX_AGE_DAYS);
    const evidence = {
      ...credentialEvidence(report, ["access_key_1_active", "access_key_1_last_rotated", "access_key_2_active", "access_key_2_last_rotated"]),
      keysOlderThan90Days: stale.map((k) => ({ key: `access_key_${k.slot}`, ageDays: k.ageDays })),
    };
    return stale.length > 0
      ? fail("An active access key is older than 90 days", evidence)
      : pass(keys.length ? "Active access keys are younger than 90 days" : "User has no active access key", evidence);
  },
});
