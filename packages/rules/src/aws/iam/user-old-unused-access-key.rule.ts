import { defineRule, fail, pass } from "../../rule";
import { credentialEvidence, isReportVerdict, readAccessKeys, readCredentialReport } from "../../lib/credential-report";

export const iamUserOldUnusedAccessKeyRule = defineRule({
  id: "aws.iam.user.old-unused-access-key",
  title: "No active access key is older than a year and unused for 30 days",
  description:
    "Fails when an active access key was created (last rotated) more than 365 days ago and not used for more than 30 days. This is the 'State of Cloud Security' indicator of abandoned long-lived keys; CIS 1.12/1.14 and FSBP IAM.3/IAM.22 cover neighbouring thresholds but no control states this combination, hence no framework mapping.",
  rationale: "An old key that nobody uses any more is the typical leaked credential: still valid, and nobody would notice its use.",
  severity: "MEDIUM",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User"] }],
  frameworks: [],
  remediation: {
    console: ["Open the IAM console → Users → select the user → Security credentials → Access keys → Deactivate, then Delete."],
    cli: "aws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive\naws iam delete-access-key --user-name <user> --access-key-id <key-id>",
    terraform: "# Delete the aws_iam_access_key resource of the abandoned key and apply.",
    cloudformation: "# Remove the AWS::IAM::AccessKey resource of the abandoned key and update the stack.",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
    "https://www.datadoghq.com/state-of-cloud-security/",
  ],
  evaluate(resource, ctx) {
    const report = readCredentialReport(resource, ctx);
    if (isReportVerdict(report)) return report;
    const abandoned = readAccessKeys(report, ctx).filter(
      (k) => k.active && (k.ageDays ?? 0) > 365 && (k.unusedDays ?? 0) > 30,
    );
    const evidence = {
      ...credentialEvidence(report, [
        "access_key_1_active",
        "access_key_1_last_rotated",
        "access_key_1_last_used_date",
        "access_key_2_active",
        "access_key_2_last_rotated",
        "access_key_2_last_used_date",
      ]),
      abandonedKeys: abandoned.map((k) => ({ key: `access_key_${k.slot}`, ageDays: k.ageDays, unusedDays: k.unusedDays })),
    };
    return abandoned.length > 0
      ? fail("An access key older than a year has not been used for 30+ days", evidence)
      : pass("No abandoned long-lived access key", evidence);
  },
});
