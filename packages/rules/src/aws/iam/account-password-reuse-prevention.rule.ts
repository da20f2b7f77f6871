import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asNumber, asRecord } from "../../lib/values";

export const iamAccountPasswordReusePreventionRule = defineRule({
  id: "aws.iam.account.password-reuse-prevention",
  title: "The IAM password policy prevents password reuse",
  description: "Fails when there is no account password policy or it sets no PasswordReusePrevention (CIS recommends 24).",
  rationale: "Without reuse prevention a forced rotation is undone by setting the old, possibly leaked, password again.",
  severity: "LOW",
  service: "iam",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::AccountSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.9" },
    { framework: "AWS-FSBP", controlId: "IAM.16" },
    { framework: "PCI-DSS-4.0", controlId: "8.3.7" },
  ],
  remediation: {
    console: ["Open the IAM console → Account settings → Password policy → Edit → Prevent password reuse, remember 24 passwords."],
    cli: "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24",
    terraform: 'resource "aws_iam_account_password_policy" "this" {\n  minimum_password_length   = 14\n  password_reuse_prevention = 24\n}',
    cloudformation: "# CloudFormation has no resource for the account password policy; apply it with the CLI above.",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-16",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetAccountPasswordPolicy"] });
    if (missing) return missing;
    const policy = asRecord(resource.configuration.PasswordPolicy);
    const reuse = asNumber(policy?.PasswordReusePrevention);
    const evidence = { PasswordPolicy: policy ? "present" : null, "PasswordPolicy.PasswordReusePrevention": reuse };
    return reuse !== null && reuse >= 1
      ? pass(`The last ${reuse} passwords cannot be reused`, evidence)
      : fail(policy ? "Password reuse is not prevented" : "No account password policy", evidence);
  },
});
