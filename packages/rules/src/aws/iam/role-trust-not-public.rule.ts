import { defineRule, fail, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { analyzeRoleTrust } from "../../lib/trust";

export const iamRoleTrustNotPublicRule = defineRule({
  id: "aws.iam.role.trust-not-public",
  title: "Role trust policies are not open to everyone ('*')",
  description:
    "Fails when a role's trust policy allows Principal '*' (or AWS '*', or uses NotPrincipal) without a condition that restricts callers to known accounts, an organization or a source. FSBP and CIS have no control for role trust policies (IAM Access Analyzer reports them), hence no framework mapping.",
  rationale: "Anyone with an AWS account can assume a role that trusts '*': it is a public door into the account.",
  severity: "CRITICAL",
  service: "iam",
  resourceTypes: ["AWS::IAM::Role"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Role"] }],
  frameworks: [],
  remediation: {
    console: ["Open the IAM console → Roles → select the role → Trust relationships → Edit trust policy; replace '*' with the specific account, role ARN or service principal."],
    cli: "aws iam update-assume-role-policy --role-name <role> --policy-document file://trust.json",
    terraform: 'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:aws:iam::123456789012:role/deployer"]\n    }\n  }\n}',
    cloudformation: "Role:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: arn:aws:iam::123456789012:role/deployer }\n          Action: sts:AssumeRole",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const trust = analyzeRoleTrust(resource, ctx);
    if (trust.parseError) return unable(`Trust policy unreadable: ${trust.parseError}`, { AssumeRolePolicyDocument: "unparseable" });
    const openStatements = trust.statements
      .filter((s) => s.principals.some((p) => p.kind === "Anyone"))
      .map((s) => ({ sid: s.sid ?? null, actions: s.actions, conditionKeys: s.conditionKeys }));
    const evidence = { trustsAnyone: trust.trustsAnyone, statementsWithAnyonePrincipal: openStatements };
    return trust.trustsAnyone
      ? fail("Role can be assumed by anyone", evidence)
      : pass("Role trust policy is not open to everyone", evidence);
  },
});
