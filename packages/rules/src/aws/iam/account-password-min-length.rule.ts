import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asNumber, asRecord } from "../../lib/values";

export const iamAccountPasswordMinLengthRule = defineRule({
  id: "aws.iam.account.password-min-length",
  title: "The IAM password policy requires at least 14 characters",
  description: "Fails when there is no account password policy or its MinimumPasswordLength is below 14.",
  rationale: "Length is the main defence of a password against guessing and offline cracking.",
  severity: "MEDIUM",
  service: "iam",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::AccountSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.8" },
    { framework: "AWS-FSBP", controlId: "IAM.15" },
  ],
  remediation: {
    console: ["Open the IAM console → Account settings → Password policy → Edit → Custom, minimum length 14, save."],
    cli: "aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24 --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters",
    terraform: 'resource "aws_iam_account_password_policy" "this" {\n  minimum_password_length   = 14\n  password_reuse_prevention = 24\n  require_symbols           = true\n  require_numbers           = true\n}',
    cloudformation: "# CloudFormation has no resource for the account password policy; apply it with the CLI above\n# (or a custom resource that calls iam:UpdateAccountPasswordPolicy).",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-15",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetAccountPasswordPolicy"] });
    if (missing) return missing;
    const policy = asRecord(resource.configuration.PasswordPolicy);
    const length = asNumber(policy?.MinimumPasswordLength);
    const evidence = { PasswordPolicy: policy ? "present" : null, "PasswordPolicy.MinimumPasswordLength": length };
    return length !== null && length >= 14
      ? pass(`Minimum password length is ${length}`, evidence)
      : fail(policy ? `Minimum password length is ${length ?? "unset"} (< 14)` : "No account password policy", evidence);
  },
});
