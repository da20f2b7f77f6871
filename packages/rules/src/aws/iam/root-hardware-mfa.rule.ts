import { defineRule, fail, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord, asRecords, asString } from "../../lib/values";

export const iamRootHardwareMfaRule = defineRule({
  id: "aws.iam.root.hardware-mfa",
  title: "The root user uses a hardware MFA device",
  description:
    "Fails when root MFA is enabled but through a virtual device (a VirtualMFADevices entry assigned to the root user, SerialNumber ...:mfa/root-account-mfa-device), or when root has no MFA at all.",
  rationale:
    "A virtual MFA lives on a phone that can be lost, cloned or phished; a hardware key bound to the root user cannot be copied.",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::AccountSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.6" },
    { framework: "AWS-FSBP", controlId: "IAM.6" },
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
      "Sign in as the root user → Security credentials → Multi-factor authentication.",
      "Assign a FIDO2 security key or hardware TOTP token, then remove the virtual MFA device.",
    ],
    cli: "# Hardware MFA for root is assigned in the console as root; afterwards remove the virtual device:\naws iam delete-virtual-mfa-device --serial-number arn:aws:iam::<account-id>:mfa/root-account-mfa-device",
    terraform: "# Terraform cannot manage root MFA devices; assign the hardware key in the console.",
    cloudformation: "# CloudFormation cannot manage root MFA devices; assign the hardware key in the console.",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_physical.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-6",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetAccountSummary", "ListVirtualMFADevices"] });
    if (missing) return missing;
    const enabled = asRecord(resource.configuration.AccountSummary)?.AccountMFAEnabled ?? null;
    if (enabled === null) return unable("AccountSummary was not collected", { "AccountSummary.AccountMFAEnabled": null });
    const rootVirtual = asRecords(resource.configuration.VirtualMFADevices)
      .filter((d) => {
        const serial = asString(d.SerialNumber) ?? "";
        const userArn = asString(asRecord(d.User)?.Arn) ?? "";
        return serial.endsWith(":mfa/root-account-mfa-device") || userArn.endsWith(":root");
      })
      .map((d) => d.SerialNumber);
    const evidence = { "AccountSummary.AccountMFAEnabled": enabled, rootVirtualMfaDevices: rootVirtual };
    if (enabled !== 1) return fail("The root user has no MFA at all", evidence);
    return rootVirtual.length > 0
      ? fail("Root MFA is a virtual device", evidence)
      : pass("Root MFA is a hardware device", evidence);
  },
});
