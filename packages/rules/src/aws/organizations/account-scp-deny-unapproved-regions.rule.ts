import { defineRule } from "../../rule";
import { conditionKeysOf, evaluateOrganizationGuardrail, ORG_REMEDIATION_CONSOLE } from "../../lib/scp";

export const organizationsAccountScpDenyUnapprovedRegionsRule = defineRule({
  id: "aws.organizations.account.scp-deny-unapproved-regions",
  title: "An SCP denies the use of unapproved regions",
  description:
    "Fails when no SCP effective on the account has a Deny statement conditioned on aws:RequestedRegion (the region guardrail, usually with NotAction exempting global services). Not applicable to the management account. No CIS v3.0.0 or FSBP control covers SCPs, hence no framework mapping.",
  rationale: "Unused regions are where attackers run crypto-miners and persistence unnoticed; denying them shrinks the attack surface.",
  severity: "MEDIUM",
  service: "organizations",
  resourceTypes: ["AWS::Organizations::Account"],
  requires: [{ service: "organizations", resourceTypes: ["AWS::Organizations::Account", "AWS::Organizations::Policy", "AWS::Organizations::OrganizationalUnit"] }],
  frameworks: [],
  remediation: {
    console: ORG_REMEDIATION_CONSOLE,
    cli: "aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-unapproved-regions --description 'Region guardrail' --content file://deny-regions.json\naws organizations attach-policy --policy-id <policy-id> --target-id <root-id>",
    terraform: 'resource "aws_organizations_policy" "regions" {\n  name = "deny-unapproved-regions"\n  type = "SERVICE_CONTROL_POLICY"\n  content = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Deny"\n      NotAction = ["iam:*", "organizations:*", "sts:*", "support:*", "cloudfront:*", "route53:*", "budgets:*"]\n      Resource  = "*"\n      Condition = { StringNotEquals = { "aws:RequestedRegion" = ["us-east-1", "eu-west-1"] } }\n    }]\n  })\n}',
    cloudformation: "RegionGuardrail:\n  Type: AWS::Organizations::Policy\n  Properties:\n    Name: deny-unapproved-regions\n    Type: SERVICE_CONTROL_POLICY\n    TargetIds: [r-exampleroot]\n    Content:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*', 'budgets:*']\n          Resource: '*'\n          Condition:\n            StringNotEquals:\n              aws:RequestedRegion: [us-east-1, eu-west-1]",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region"],
  evaluate: (resource, ctx) =>
    evaluateOrganizationGuardrail(resource, ctx, {
      type: "SERVICE_CONTROL_POLICY",
      label: "an SCP denying unapproved regions",
      matches: (s) => s.Effect === "Deny" && conditionKeysOf(s).includes("aws:requestedregion"),
    }),
});
