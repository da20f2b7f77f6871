import { defineRule } from "../../rule";
import { conditionKeysOf, evaluateOrganizationGuardrail, statementDenies } from "../../lib/scp";

export const PERIMETER_KEYS = ["aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount", "aws:sourceorgid", "aws:sourceaccount"];

export const organizationsAccountRcpS3PerimeterRule = defineRule({
  id: "aws.organizations.account.rcp-s3-perimeter",
  title: "A resource control policy enforces an S3 data perimeter",
  description:
    "Fails when no RCP effective on the account denies S3 access (s3:GetObject) to principals outside the organization (a Deny conditioned on aws:PrincipalOrgID, aws:PrincipalAccount, aws:SourceOrgID or similar). Not applicable to the management account. No CIS v3.0.0 or FSBP control covers RCPs, hence no framework mapping.",
  rationale: "An RCP caps what any bucket policy can grant: even a mistaken public or cross-organization grant cannot expose data.",
  severity: "MEDIUM",
  service: "organizations",
  resourceTypes: ["AWS::Organizations::Account"],
  requires: [{ service: "organizations", resourceTypes: ["AWS::Organizations::Account", "AWS::Organizations::Policy", "AWS::Organizations::OrganizationalUnit"] }],
  frameworks: [],
  remediation: {
    console: [
      "Sign in to the management account → AWS Organizations → Policies → Resource control policies → Enable.",
      "Create an RCP that denies s3:* unless aws:PrincipalOrgID is your organization (exempting AWS service principals) and attach it to the root.",
    ],
    cli: "aws organizations enable-policy-type --root-id <root-id> --policy-type RESOURCE_CONTROL_POLICY\naws organizations create-policy --type RESOURCE_CONTROL_POLICY --name s3-data-perimeter --description 'S3 perimeter' --content file://rcp-s3.json\naws organizations attach-policy --policy-id <policy-id> --target-id <root-id>",
    terraform: 'resource "aws_organizations_policy" "s3_perimeter" {\n  name = "s3-data-perimeter"\n  type = "RESOURCE_CONTROL_POLICY"\n  content = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = "*"\n      Condition = {\n        StringNotEqualsIfExists = { "aws:PrincipalOrgID" = "o-exampleorgid" }\n        BoolIfExists            = { "aws:PrincipalIsAWSService" = "false" }\n      }\n    }]\n  })\n}',
    cloudformation: "S3Perimeter:\n  Type: AWS::Organizations::Policy\n  Properties:\n    Name: s3-data-perimeter\n    Type: RESOURCE_CONTROL_POLICY\n    TargetIds: [r-exampleroot]\n    Content:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Deny\n          Principal: '*'\n          Action: 's3:*'\n          Resource: '*'\n          Condition:\n            StringNotEqualsIfExists:\n              aws:PrincipalOrgID: o-exampleorgid\n            BoolIfExists:\n              aws:PrincipalIsAWSService: 'false'",
  },
  references: [
    "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
    "https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html",
  ],
  evaluate: (resource, ctx) =>
    evaluateOrganizationGuardrail(resource, ctx, {
      type: "RESOURCE_CONTROL_POLICY",
      label: "an RCP enforcing an S3 data perimeter",
      matches: (s) => statementDenies(s, "s3:GetObject") && conditionKeysOf(s).some((k) => PERIMETER_KEYS.includes(k)),
    }),
});
