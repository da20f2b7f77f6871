import { defineRule, fail, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord } from "../../lib/values";

export const iamRootMfaEnabledRule = defineRule({
  id: "aws.iam.root.mfa-enabled",
  title: "The root user has MFA enabled",
  description: "Fails when GetAccountSummary reports AccountMFAEnabled = 0.",
  rationale: "A root password alone (phishable, reusable) must never be enough to take over the account.",
  severity: "CRITICAL",
  service: "iam",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::AccountSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.5" },
    { framework: "AWS-FSBP", controlId: "IAM.9" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "NIST-800-53-r5", controlId: "IA-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "IA-2(2)" },
    { framework: "NIST-800-53-r5", controlId: "IA-2(6)" },
    { framework: "NIST-800-53-r5", controlId: "IA-2(8)" },
    { framework: "PCI-DSS-4.0", controlId: "8.4.2" },
  ],
  remediation: {
    console: [
      "Sign in as the root user → account menu → Security credentials.",
      "Multi-factor authentication (MFA) → Assign MFA device; prefer a FIDO2 security key.",
    ],
    cli: "# Root MFA can only be assigned while signed in as root; for a virtual device:\naws iam create-virtual-mfa-device --virtual-mfa-device-name root-account-mfa-device --outfile qr.png --bootstrap-method QRCodePNG\naws iam enable-mfa-device --user-name root --serial-number arn:aws:iam::<account-id>:mfa/root-account-mfa-device --authentication-code1 <code1> --authentication-code2 <code2>",
    terraform: "# Terraform cannot manage root MFA. For member accounts, use centralized root access (aws_organizations root credentials management) and remove root passwords.",
    cloudformation: "# CloudFormation cannot manage root MFA; assign it in the console as the root user.",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-9",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetAccountSummary"] });
    if (missing) return missing;
    const enabled = asRecord(resource.configuration.AccountSummary)?.AccountMFAEnabled ?? null;
    const evidence = { "AccountSummary.AccountMFAEnabled": enabled };
    if (enabled === null) return unable("AccountSummary was not collected", evidence);
    return enabled === 1
      ? pass("The root user has MFA enabled", evidence)
      : fail("The root user has no MFA", evidence);
  },
});
