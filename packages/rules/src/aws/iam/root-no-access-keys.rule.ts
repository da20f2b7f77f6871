import { defineRule, fail, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord } from "../../lib/values";

export const iamRootNoAccessKeysRule = defineRule({
  id: "aws.iam.root.no-access-keys",
  title: "The root user has no access keys",
  description: "Fails when GetAccountSummary reports AccountAccessKeysPresent = 1.",
  rationale:
    "Root access keys carry unrestricted, non-SCP-limited power over the account and cannot be scoped; a leaked root key is a full account takeover.",
  severity: "CRITICAL",
  service: "iam",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::AccountSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.4" },
    { framework: "AWS-FSBP", controlId: "IAM.4" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(7)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(10)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(2)" },
  ],
  remediation: {
    console: [
      "Sign in as the root user → account menu → Security credentials.",
      "Under Access keys, deactivate and then delete every key (after moving automation to IAM roles).",
    ],
    cli: "# Root keys can only be deleted while signed in as root:\naws iam delete-access-key --access-key-id <root-access-key-id>",
    terraform:
      '# Terraform cannot manage root credentials; prevent new root keys organization-wide with an SCP:\nresource "aws_organizations_policy" "deny_root" {\n  name    = "deny-root-user"\n  type    = "SERVICE_CONTROL_POLICY"\n  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } } }] })\n}',
    cloudformation:
      "DenyRootScp:\n  Type: AWS::Organizations::Policy\n  Properties:\n    Name: deny-root-user\n    Type: SERVICE_CONTROL_POLICY\n    Content:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          Action: '*'\n          Resource: '*'\n          Condition:\n            StringLike:\n              aws:PrincipalArn: arn:aws:iam::*:root",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_add-key.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-4",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetAccountSummary"] });
    if (missing) return missing;
    const summary = asRecord(resource.configuration.AccountSummary);
    const present = summary?.AccountAccessKeysPresent ?? null;
    const evidence = { "AccountSummary.AccountAccessKeysPresent": present };
    if (present === null) return unable("AccountSummary was not collected", evidence);
    return present === 0
      ? pass("The root user has no access keys", evidence)
      : fail("The root user has access keys", evidence);
  },
});
