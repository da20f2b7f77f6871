import { defineRule, fail, notApplicable, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { analyzeRoleTrust, listTrustWithoutExternalId } from "../../lib/trust";

export const iamRoleThirdPartyExternalIdRule = defineRule({
  id: "aws.iam.role.third-party-external-id",
  title: "Roles trusting another AWS account require an sts:ExternalId",
  description:
    "Fails when a role's trust policy allows an AWS account outside the organization (a third party; any other account when the organization is unknown) without an sts:ExternalId condition. No CIS or FSBP control covers external ids, hence no framework mapping; AWS documents it as the defence against the confused-deputy problem.",
  rationale:
    "A vendor account serves many customers; without an external id, any of the vendor's customers can make the vendor assume your role (confused deputy).",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::Role"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Role"] }, { service: "organizations" }],
  frameworks: [],
  remediation: {
    console: [
      "Open the IAM console → Roles → select the role → Trust relationships → Edit trust policy.",
      "Add a Condition StringEquals sts:ExternalId with the unique value the vendor gave you.",
    ],
    cli: "aws iam update-assume-role-policy --role-name <role> --policy-document file://trust-with-external-id.json",
    terraform: 'data "aws_iam_policy_document" "vendor_trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::999999999999:root"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "sts:ExternalId"\n      values   = [var.vendor_external_id]\n    }\n  }\n}',
    cloudformation: "VendorRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: arn:aws:iam::999999999999:root }\n          Action: sts:AssumeRole\n          Condition:\n            StringEquals:\n              sts:ExternalId: !Ref VendorExternalId",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const trust = analyzeRoleTrust(resource, ctx);
    if (trust.parseError) return unable(`Trust policy unreadable: ${trust.parseError}`, { AssumeRolePolicyDocument: "unparseable" });
    if (trust.trustedAccountsOutsideOrganization.length === 0) {
      return notApplicable("Role trusts no account outside the organization", { trustedAccounts: trust.trustedAccounts });
    }
    const withoutExternalId = listTrustWithoutExternalId(trust);
    const evidence = {
      trustedAccountsOutsideOrganization: trust.trustedAccountsOutsideOrganization,
      organizationKnown: ctx.organization !== null,
      trustWithoutExternalId: withoutExternalId,
    };
    return withoutExternalId.length > 0
      ? fail("Role trusts a third-party account without an sts:ExternalId condition", evidence)
      : pass("Every third-party trust requires an sts:ExternalId", evidence);
  },
});
