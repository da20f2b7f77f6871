import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asString } from "../../lib/values";

export const ec2SubnetS3GatewayEndpointRule = defineRule({
  id: "aws.ec2.subnet.s3-gateway-endpoint",
  title: "Subnets reach S3 through a gateway endpoint (informational)",
  description:
    "Informational: fails when the subnet's VPC has no S3 Gateway endpoint (ServiceName com.amazonaws.<region>.s3, type Gateway). Route tables are not collected, so the VPC-level endpoint is what is checked. No CIS or FSBP control covers this, hence no framework mapping.",
  rationale:
    "Without a gateway endpoint S3 traffic leaves through NAT or the internet gateway, escaping endpoint policies (the network data perimeter) and adding NAT cost.",
  severity: "INFO",
  service: "ec2",
  resourceTypes: ["AWS::EC2::Subnet"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::Subnet", "AWS::EC2::VPCEndpoint"] }],
  frameworks: [],
  remediation: {
    console: [
      "Open the VPC console → Endpoints → Create endpoint.",
      "Service category AWS services, service com.amazonaws.<region>.s3 of type Gateway, select the VPC and the subnets' route tables.",
    ],
    cli: "aws ec2 create-vpc-endpoint --vpc-id <vpc-id> --vpc-endpoint-type Gateway --service-name com.amazonaws.<region>.s3 --route-table-ids <rtb-id>",
    terraform:
      'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.us-east-1.s3"\n  vpc_endpoint_type = "Gateway"\n  route_table_ids   = [aws_route_table.private.id]\n}',
    cloudformation:
      "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    VpcEndpointType: Gateway\n    RouteTableIds: [!Ref PrivateRouteTable]",
  },
  references: ["https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html"],
  evaluate(resource, ctx) {
    const vpcId = asString(resource.configuration.VpcId);
    const endpoints = ctx
      .byType("AWS::EC2::VPCEndpoint", { accountId: resource.accountId, region: resource.region })
      .filter(
        (e) =>
          e.configuration.VpcId === vpcId &&
          e.configuration.VpcEndpointType === "Gateway" &&
          /\.s3$/.test(asString(e.configuration.ServiceName) ?? ""),
      );
    const evidence = {
      SubnetId: resource.configuration.SubnetId ?? null,
      VpcId: vpcId,
      s3GatewayEndpoints: endpoints.map((e) => e.configuration.VpcEndpointId ?? e.resourceId),
    };
    if (endpoints.length > 0) return pass("The subnet's VPC has an S3 gateway endpoint", evidence);
    const missing = checkDataAvailable(resource, ctx, { complete: [{ service: "ec2" }] });
    if (missing) return missing;
    return fail("The subnet's VPC has no S3 gateway endpoint", evidence);
  },
});
