import { defineRule } from "../../rule";
import { conditionKeysOf, evaluateOrganizationGuardrail, ORG_REMEDIATION_CONSOLE, statementDenies } from "../../lib/scp";

export const organizationsAccountScpDenyRootUserRule = defineRule({
  id: "aws.organizations.account.scp-deny-root-user",
  title: "An SCP denies actions by the member account's root user",
  description:
    "Fails when no SCP effective on the account has a Deny covering all actions ('*') conditioned on aws:PrincipalArn matching the root user (arn:aws:iam::*:root). Not applicable to the management account. No CIS v3.0.0 or FSBP control covers SCPs, hence no framework mapping.",
  rationale: "Member-account root users bypass IAM policies; an SCP is the only way to stop a compromised root from acting.",
  severity: "HIGH",
  service: "organizations",
  resourceTypes: ["AWS::Organizations::Account"],
  requires: [{ service: "organizations", resourceTypes: ["AWS::Organizations::Account", "AWS::Organizations::Policy", "AWS::Organizations::OrganizationalUnit"] }],
  frameworks: [],
  remediation: {
    console: ORG_REMEDIATION_CONSOLE,
    cli: "aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-root-user --description 'Deny root user actions' --content '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:root\"}}}]}'\naws organizations attach-policy --policy-id <policy-id> --target-id <root-id>",
    terraform: 'resource "aws_organizations_policy" "deny_root" {\n  name    = "deny-root-user"\n  type    = "SERVICE_CONTROL_POLICY"\n  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { StringLike = { "aws:PrincipalArn" = "arn:aws:iam::*:root" } } }] })\n}',
    cloudformation: "DenyRoot:\n  Type: AWS::Organizations::Policy\n  Properties:\n    Name: deny-root-user\n    Type: SERVICE_CONTROL_POLICY\n    TargetIds: [r-exampleroot]\n    Content:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          Action: '*'\n          Resource: '*'\n          Condition:\n            StringLike:\n              aws:PrincipalArn: arn:aws:iam::*:root",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html"],
  evaluate: (resource, ctx) =>
    evaluateOrganizationGuardrail(resource, ctx, {
      type: "SERVICE_CONTROL_POLICY",
      label: "an SCP denying the root user",
      matches: (s) => {
        if (!statementDenies(s, "iam:CreateAccessKey") || !statementDenies(s, "ec2:RunInstances")) return false;
        if (!conditionKeysOf(s).includes("aws:principalarn")) return false;
        return Object.values(s.Condition ?? {}).some((byKey) =>
          Object.entries(byKey).some(([k, values]) => k.toLowerCase() === "aws:principalarn" && values.some((v) => v.endsWith(":root"))),
        );
      },
    }),
});
