import { defineRule } from "../../rule";
import { evaluateUnusedCredentials } from "../../lib/unused-credentials";

export const iamUserCredentialsUnused45DaysRule = defineRule({
  id: "aws.iam.user.credentials-unused-45-days",
  title: "Credentials unused for 45 days or more are disabled",
  description:
    "Fails when a user's console password or an active access key has not been used for more than 45 days (never-used credentials count from when they were set).",
  rationale: "Dormant credentials are not watched by anyone; disabling them removes attack surface nobody needs.",
  severity: "MEDIUM",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.12" },
    { framework: "AWS-FSBP", controlId: "IAM.22" },
  ],
  remediation: {
    console: [
      "Open the IAM console → Users → select the user → Security credentials.",
      "Console sign-in → Manage → Disable; Access keys → Actions → Deactivate for unused keys.",
    ],
    cli: "aws iam delete-login-profile --user-name <user>\naws iam update-access-key --user-name <user> --access-key-id <key-id> --status Inactive",
    terraform: '# Remove the aws_iam_user_login_profile / aws_iam_access_key of dormant users, or:\nresource "aws_iam_access_key" "ci" {\n  user   = "ci"\n  status = "Inactive"\n}',
    cloudformation: "AccessKey:\n  Type: AWS::IAM::AccessKey\n  Properties:\n    UserName: !Ref User\n    Status: Inactive",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-22",
  ],
  evaluate: (resource, ctx) => evaluateUnusedCredentials(resource, ctx, 45),
});
