import { defineRule, fail, notApplicable, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asString, parsePolicyJson, statementsOf, toStringList } from "../../lib/values";

/** Allow statements with Principal "*", Action "*" (or service:*) and Resource "*" and no Condition. */
export function findFullAccessStatements(doc: Record<string, unknown>): Record<string, unknown>[] {
  return statementsOf(doc).filter((s) => {
    if (s.Effect !== "Allow" || s.Condition) return false;
    const principal = s.Principal;
    const anyPrincipal =
      principal === "*" ||
      (typeof principal === "object" && principal !== null && toStringList((principal as Record<string, unknown>).AWS).includes("*"));
    const actions = toStringList(s.Action);
    const resources = toStringList(s.Resource);
    return anyPrincipal && actions.some((a) => a === "*" || a.endsWith(":*")) && resources.includes("*");
  });
}

export const ec2VpcEndpointRestrictedPolicyRule = defineRule({
  id: "aws.ec2.vpc-endpoint.restricted-policy",
  title: "VPC endpoints do not use a full-access policy",
  description:
    "Fails when a Gateway or Interface endpoint's PolicyDocument allows any principal every action on every resource without a condition (the default full-access policy). No CIS or FSBP control covers endpoint policies, hence no framework mapping; it is part of an AWS data perimeter.",
  rationale:
    "An endpoint policy is the network half of a data perimeter: a full-access policy lets stolen credentials from any account, or any bucket outside the organization, be used through the endpoint for exfiltration.",
  severity: "MEDIUM",
  service: "ec2",
  resourceTypes: ["AWS::EC2::VPCEndpoint"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::VPCEndpoint"] }],
  frameworks: [],
  remediation: {
    console: [
      "Open the VPC console → Endpoints → select the endpoint → Actions → Manage policy.",
      "Replace Full access with a custom policy that restricts principals (aws:PrincipalOrgID) and resources (aws:ResourceOrgID) to your organization.",
    ],
    cli: "aws ec2 modify-vpc-endpoint --vpc-endpoint-id <vpce-id> --policy-document file://endpoint-policy.json",
    terraform:
      'resource "aws_vpc_endpoint_policy" "s3" {\n  vpc_endpoint_id = aws_vpc_endpoint.s3.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = "*"\n      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-exampleorgid", "aws:ResourceOrgID" = "o-exampleorgid" } }\n    }]\n  })\n}',
    cloudformation:
      "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: '*'\n          Action: 's3:*'\n          Resource: '*'\n          Condition:\n            StringEquals:\n              aws:PrincipalOrgID: o-exampleorgid\n              aws:ResourceOrgID: o-exampleorgid",
  },
  references: [
    "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
    "https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const type = asString(resource.configuration.VpcEndpointType);
    if (type === "GatewayLoadBalancer") {
      return notApplicable("Gateway Load Balancer endpoints do not support policies", { VpcEndpointType: type });
    }
    const raw = resource.configuration.PolicyDocument;
    const doc = parsePolicyJson(raw);
    if (raw && !doc) return unable("The endpoint policy could not be parsed", { PolicyDocument: raw });
    const evidence = {
      VpcEndpointId: resource.configuration.VpcEndpointId ?? null,
      ServiceName: resource.configuration.ServiceName ?? null,
      fullAccessStatements: doc ? findFullAccessStatements(doc) : [{ note: "no policy: AWS applies full access" }],
    };
    return !doc || evidence.fullAccessStatements.length > 0
      ? fail("VPC endpoint policy grants full access to any principal", evidence)
      : pass("VPC endpoint policy is restricted", evidence);
  },
});
