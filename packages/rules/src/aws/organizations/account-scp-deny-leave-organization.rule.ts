import { defineRule } from "../../rule";
import { evaluateOrganizationGuardrail, ORG_REMEDIATION_CONSOLE, statementDenies } from "../../lib/scp";

export const organizationsAccountScpDenyLeaveOrganizationRule = defineRule({
  id: "aws.organizations.account.scp-deny-leave-organization",
  title: "An SCP prevents member accounts from leaving the organization",
  description:
    "Fails when no SCP effective on the account (root → OUs → account) denies organizations:LeaveOrganization. Not applicable to the management account. This is an AWS Organizations best practice with no CIS v3.0.0 or FSBP control, hence no framework mapping.",
  rationale: "An account that leaves the organization escapes every SCP, centralized logging and security tooling at once.",
  severity: "MEDIUM",
  service: "organizations",
  resourceTypes: ["AWS::Organizations::Account"],
  requires: [{ service: "organizations", resourceTypes: ["AWS::Organizations::Account", "AWS::Organizations::Policy", "AWS::Organizations::OrganizationalUnit"] }],
  frameworks: [],
  remediation: {
    console: ORG_REMEDIATION_CONSOLE,
    cli: "aws organizations create-policy --type SERVICE_CONTROL_POLICY --name deny-leave-organization --description 'Deny leaving the organization' --content '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"organizations:LeaveOrganization\",\"Resource\":\"*\"}]}'\naws organizations attach-policy --policy-id <policy-id> --target-id <root-id>",
    terraform: 'resource "aws_organizations_policy" "deny_leave" {\n  name    = "deny-leave-organization"\n  type    = "SERVICE_CONTROL_POLICY"\n  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })\n}\nresource "aws_organizations_policy_attachment" "deny_leave" {\n  policy_id = aws_organizations_policy.deny_leave.id\n  target_id = data.aws_organizations_organization.this.roots[0].id\n}',
    cloudformation: "DenyLeave:\n  Type: AWS::Organizations::Policy\n  Properties:\n    Name: deny-leave-organization\n    Type: SERVICE_CONTROL_POLICY\n    TargetIds: [r-exampleroot]\n    Content:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          Action: organizations:LeaveOrganization\n          Resource: '*'",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html"],
  evaluate: (resource, ctx) =>
    evaluateOrganizationGuardrail(resource, ctx, {
      type: "SERVICE_CONTROL_POLICY",
      label: "an SCP denying organizations:LeaveOrganization",
      matches: (s) => statementDenies(s, "organizations:LeaveOrganization"),
    }),
});
