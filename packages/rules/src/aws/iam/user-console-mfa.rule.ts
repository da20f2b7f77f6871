import { defineRule, fail, notApplicable, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { credentialEvidence, isReportVerdict, readCredentialReport } from "../../lib/credential-report";
import { asArray, isTrueCell } from "../../lib/values";

export const iamUserConsoleMfaRule = defineRule({
  id: "aws.iam.user.console-mfa",
  title: "IAM users with a console password have MFA",
  description:
    "Fails when a user's credential report row has password_enabled = true and mfa_active = false (and ListMFADevices returned no device).",
  rationale: "Console passwords are phished and reused; MFA stops a stolen password from becoming a console session.",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.10" },
    { framework: "AWS-FSBP", controlId: "IAM.5" },
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
      "Open the IAM console → Users → select the user → Security credentials.",
      "Multi-factor authentication (MFA) → Assign MFA device (or have the user do it at first sign-in).",
    ],
    cli: "aws iam create-virtual-mfa-device --virtual-mfa-device-name <user> --outfile qr.png --bootstrap-method QRCodePNG\naws iam enable-mfa-device --user-name <user> --serial-number arn:aws:iam::<account-id>:mfa/<user> --authentication-code1 <code1> --authentication-code2 <code2>",
    terraform:
      'resource "aws_iam_virtual_mfa_device" "user" {\n  virtual_mfa_device_name = "alice"\n}\n# Deny everything but MFA self-service until MFA is present:\nresource "aws_iam_user_policy_attachment" "force_mfa" {\n  user       = "alice"\n  policy_arn = aws_iam_policy.force_mfa.arn\n}',
    cloudformation:
      "# Require MFA with a policy on the user's group:\nForceMfa:\n  Type: AWS::IAM::ManagedPolicy\n  Properties:\n    Groups: [!Ref ConsoleUsers]\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken']\n          Resource: '*'\n          Condition:\n            BoolIfExists:\n              aws:MultiFactorAuthPresent: 'false'",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5",
  ],
  evaluate(resource, ctx) {
    const report = readCredentialReport(resource, ctx);
    if (isReportVerdict(report)) return report;
    const evidence = credentialEvidence(report, ["password_enabled", "mfa_active"]);
    if (!isTrueCell(report.password_enabled)) return notApplicable("User has no console password", evidence);
    if (isTrueCell(report.mfa_active)) return pass("Console user has MFA", evidence);
    const missing = checkDataAvailable(resource, ctx, { operations: ["ListMFADevices"] });
    if (missing) return missing;
    const devices = asArray(resource.configuration.MFADevices).length;
    return devices > 0
      ? pass("Console user has an MFA device", { ...evidence, "MFADevices.length": devices })
      : fail("Console user has no MFA", { ...evidence, "MFADevices.length": devices });
  },
});
