import { defineRule } from "../../rule";
import { evaluateUnusedCredentials } from "../../lib/unused-credentials";

export const iamUserCredentialsUnused90DaysRule = defineRule({
  id: "aws.iam.user.credentials-unused-90-days",
  title: "Credentials unused for 90 days or more are disabled",
  description:
    "Fails when a user's console password or an active access key has not been used for more than 90 days (never-used credentials count from when they were set).",
  rationale: "Credentials dormant for a quarter are almost certainly forgotten; they are prime targets when leaked.",
  severity: "MEDIUM",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "IAM.8" },
    { framework: "NIST-800-53-r5", controlId: "AC-2" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(3)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(7)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6" },
    { framework: "PCI-DSS-4.0", controlId: "8.2.6" },
  ],
  remediation: {
    console: [
      "Open the IAM console → Users → select the user → Security credentials.",
      "Console sign-in → Manage → Disable; Access keys → Actions → Deactivate, then Delete.",
    ],
    cli: "aws iam delete-login-profile --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive",
    terraform: 'resource "aws_iam_access_key" "legacy" {\n  user   = "legacy"\n  status = "Inactive"\n}',
    cloudformation: "AccessKey:\n  Type: AWS::IAM::AccessKey\n  Properties:\n    UserName: !Ref User\n    Status: Inactive",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-8",
  ],
  evaluate: (resource, ctx) => evaluateUnusedCredentials(resource, ctx, 90),
});
