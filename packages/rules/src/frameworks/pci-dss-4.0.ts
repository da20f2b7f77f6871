import type { TFrameworkControlList } from "./framework-controls";

/**
 * PCI DSS v4.0 requirements Guardrail rules map to, through the AWS Foundational Security Best
 * Practices control they implement ("Related requirements: PCI DSS v4.0.1/…" in the AWS
 * Security Hub CSPM control reference; v4.0.1 is a limited revision of v4.0 that kept the
 * requirement numbers). Titles abridged from the requirement text.
 */
export const PCI_DSS_4_0: TFrameworkControlList = {
  framework: "PCI-DSS-4.0",
  name: "PCI DSS v4.0 (v4.0.1)",
  idPattern: /^(1[0-2]|[1-9])(\.\d{1,2}){1,3}$/,
  sources: [
    "https://github.com/awsdocs/aws-security-hub-user-guide/tree/main/doc_source",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/pci-standard.html",
  ],
  controls: {
    "1.3.1": "Inbound traffic to the CDE is restricted to only that which is necessary, and all other traffic is specifically denied",
    "2.2.6": "System security parameters are configured to prevent misuse",
    "6.3.3": "All system components are protected from known vulnerabilities by installing applicable security patches/updates",
    "8.2.6": "Inactive user accounts are removed or disabled within 90 days of inactivity",
    "8.3.7": "Individuals are not allowed to submit a new password/passphrase that is the same as any of the last four used",
    "8.3.9": "Passwords/passphrases used as the only authentication factor are changed at least once every 90 days, or access is dynamically analyzed",
    "8.4.2": "MFA is implemented for all access into the CDE",
    "8.6.3": "Passwords/passphrases for application and system accounts are protected against misuse",
    "12.10.3": "Specific personnel are designated to be available on a 24/7 basis to respond to suspected or confirmed security incidents",
  },
};
