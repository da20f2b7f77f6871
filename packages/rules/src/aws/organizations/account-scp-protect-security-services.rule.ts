import { defineRule } from "../../rule";
import { evaluateOrganizationGuardrail, ORG_REMEDIATION_CONSOLE, statementDenies } from "../../lib/scp";
import type { TPolicyStatement } from "@guardrail/iam";

/** Actions that switch off detection and logging. */
export const SECURITY_SERVICE_DISABLE_ACTIONS = [
  "cloudtrail:StopLogging",
  "cloudtrail:DeleteTrail",
  "guardduty:DeleteDetector",
  "guardduty:DisassociateFromMasterAccount",
  "config:StopConfigurationRecorder",
  "config:DeleteConfigurationRecorder",
] as const;

export const organizationsAccountScpProtectSecurityServicesRule = defineRule({
  id: "aws.organizations.account.scp-protect-security-services",
  title: "SCPs protect CloudTrail, GuardDuty and Config from being disabled",
  description: `Fails unless the SCPs effective on the account deny every one of ${SECURITY_SERVICE_DISABLE_ACTIONS.join(", ")} (a condition exempting a security admin role is fine). Not applicable to the management account. No CIS v3.0.0 or FSBP control covers SCPs, hence no framework mapping.`,
  rationale: "Attackers and careless admins turn off logging and detection first; an SCP makes that impossible from inside the account.",
  severity: "HIGH",
  service: "organizations",
  resourceTypes: ["AWS::Organizations::Account"],
  requires: [{ service: "organizations", resourceTypes: ["AWS::Organizations::Account", "AWS::Organizations::Policy", "AWS::Organizations::OrganizationalUnit"] }],
  frameworks: [],
  remediation: {
    console: ORG_REMEDIATION_CONSOLE,
    cli: `aws organizations create-policy --type SERVICE_CONTROL_POLICY --name protect-security-services --description 'Protect logging and detection' --content '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":${JSON.stringify(SECURITY_SERVICE_DISABLE_ACTIONS)},"Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/SecurityAdmin"}}}]}'\naws organizations attach-policy --policy-id <policy-id> --target-id <root-id>`,
    terraform: `resource "aws_organizations_policy" "protect_security" {\n  name = "protect-security-services"\n  type = "SERVICE_CONTROL_POLICY"\n  content = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Deny"\n      Action    = ${JSON.stringify(SECURITY_SERVICE_DISABLE_ACTIONS)}\n      Resource  = "*"\n      Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/SecurityAdmin" } }\n    }]\n  })\n}`,
    cloudformation: `ProtectSecurity:\n  Type: AWS::Organizations::Policy\n  Properties:\n    Name: protect-security-services\n    Type: SERVICE_CONTROL_POLICY\n    TargetIds: [r-exampleroot]\n    Content:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          Action: ${JSON.stringify(SECURITY_SERVICE_DISABLE_ACTIONS)}\n          Resource: '*'\n          Condition:\n            ArnNotLike:\n              aws:PrincipalArn: arn:aws:iam::*:role/SecurityAdmin`,
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html"],
  evaluate(resource, ctx) {
    // Coverage may be spread over several statements: collect the denied actions per account first.
    const covered = new Set<string>();
    const verdict = evaluateOrganizationGuardrail(resource, ctx, {
      type: "SERVICE_CONTROL_POLICY",
      label: "SCPs denying the disabling of CloudTrail, GuardDuty and Config",
      matches: (s: TPolicyStatement) => {
        let any = false;
        for (const action of SECURITY_SERVICE_DISABLE_ACTIONS) {
          if (statementDenies(s, action)) {
            covered.add(action);
            any = true;
          }
        }
        return any;
      },
    });
    if (verdict.status !== "PASS") return verdict;
    const uncovered = SECURITY_SERVICE_DISABLE_ACTIONS.filter((a) => !covered.has(a));
    const evidence = { ...verdict.evidence, deniedActions: [...covered].sort(), notDenied: uncovered };
    if (uncovered.length === 0) return { ...verdict, evidence };
    return { status: "FAIL", evidence, message: `SCPs do not deny ${uncovered.join(", ")}` };
  },
});
