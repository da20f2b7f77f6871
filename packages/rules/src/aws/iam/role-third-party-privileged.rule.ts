import { defineRule, fail, notApplicable, pass, unable } from "../../rule";
import { isVerdict } from "../../lib/ec2";
import { checkDataAvailable } from "../../lib/guard";
import { analyzeRoleCapabilities } from "../../lib/role-capabilities";
import { analyzeRoleTrust } from "../../lib/trust";

export const iamRoleThirdPartyPrivilegedRule = defineRule({
  id: "aws.iam.role.third-party-privileged",
  title: "Roles assumable by third parties are not administrators and cannot read or write all data",
  description:
    "Applies to roles whose trust policy allows an AWS account outside the organization; fails when @guardrail/iam finds the role is administrator or can read or write all S3 data (ALLOWED or CONDITIONAL). No CIS v3.0.0 or FSBP control covers vendor role permissions, hence no framework mapping.",
  rationale: "A vendor's breach becomes yours through the roles you granted them; vendor roles should carry only what the integration needs (often read-only metadata).",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::Role"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Role", "AWS::IAM::Policy"] }, { service: "organizations" }],
  frameworks: [],
  remediation: {
    console: [
      "Open the IAM console → Roles → the vendor role → Permissions.",
      "Replace AdministratorAccess / broad S3 grants with the vendor's documented least-privilege policy (e.g. SecurityAudit or ViewOnlyAccess plus specific resources).",
    ],
    cli: "aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\naws iam attach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/SecurityAudit",
    terraform: 'resource "aws_iam_role_policy_attachment" "vendor" {\n  role       = aws_iam_role.vendor.name\n  policy_arn = "arn:aws:iam::aws:policy/SecurityAudit"\n}',
    cloudformation: "VendorRole:\n  Type: AWS::IAM::Role\n  Properties:\n    ManagedPolicyArns: [arn:aws:iam::aws:policy/SecurityAudit]\n    AssumeRolePolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: arn:aws:iam::999999999999:root }\n          Action: sts:AssumeRole\n          Condition: { StringEquals: { sts:ExternalId: !Ref VendorExternalId } }",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const trust = analyzeRoleTrust(resource, ctx);
    if (trust.parseError) return unable(`Trust policy unreadable: ${trust.parseError}`, { AssumeRolePolicyDocument: "unparseable" });
    if (trust.trustedAccountsOutsideOrganization.length === 0) {
      return notApplicable("Role trusts no account outside the organization", { trustedAccounts: trust.trustedAccounts });
    }
    const capabilities = analyzeRoleCapabilities(resource, ctx);
    if (isVerdict(capabilities)) return capabilities;
    const evidence = {
      trustedAccountsOutsideOrganization: trust.trustedAccountsOutsideOrganization,
      administrator: capabilities.administrator.decision,
      readAllS3: capabilities.readAllS3.decision,
      writeAllS3: capabilities.writeAllS3.decision,
      reasons: [...capabilities.administrator.reasons, ...capabilities.readAllS3.reasons].slice(0, 5),
    };
    const privileged = [evidence.administrator, evidence.readAllS3, evidence.writeAllS3].some((d) => d !== "DENIED");
    return privileged
      ? fail("A third-party role has administrative or all-data access", evidence)
      : pass("Third-party role is neither administrator nor able to access all S3 data", evidence);
  },
});
