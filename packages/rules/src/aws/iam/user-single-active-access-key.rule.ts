import { defineRule, fail, pass } from "../../rule";
import { credentialEvidence, isReportVerdict, readAccessKeys, readCredentialReport } from "../../lib/credential-report";

export const iamUserSingleActiveAccessKeyRule = defineRule({
  id: "aws.iam.user.single-active-access-key",
  title: "IAM users have at most one active access key",
  description: "Fails when both access_key_1_active and access_key_2_active are true.",
  rationale: "A second key is meant for a short rotation window; two long-lived keys double the exposure and blur ownership.",
  severity: "LOW",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.13" },
  ],
  remediation: {
    console: ["Open the IAM console → Users → select the user → Security credentials → deactivate and delete the key no longer in use."],
    cli: "aws iam list-access-keys --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive",
    terraform: "# Keep a single aws_iam_access_key resource per user.",
    cloudformation: "# Keep a single AWS::IAM::AccessKey resource per user.",
  },
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"],
  evaluate(resource, ctx) {
    const report = readCredentialReport(resource, ctx);
    if (isReportVerdict(report)) return report;
    const active = readAccessKeys(report, ctx).filter((k) => k.active).length;
    const evidence = { ...credentialEvidence(report, ["access_key_1_active", "access_key_2_active"]), activeAccessKeys: active };
    return active > 1 ? fail("User has two active access keys", evidence) : pass("User has at most one active access key", evidence);
  },
});
