import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource } from "../../../test/fixtures";
import { ec2SubnetS3GatewayEndpointRule as rule } from "./subnet-s3-gateway-endpoint.rule";

const subnet = makeResource("AWS::EC2::Subnet", { SubnetId: "subnet-1", VpcId: "vpc-1" });
const gw = makeResource("AWS::EC2::VPCEndpoint", {
  VpcEndpointId: "vpce-s3",
  VpcId: "vpc-1",
  VpcEndpointType: "Gateway",
  ServiceName: "com.amazonaws.us-east-1.s3",
});

describe(rule.id, () => {
  it("passes with an S3 gateway endpoint in the VPC", () => {
    expect(evaluate(rule, subnet, [gw])).toMatchObject({ status: "PASS", evidence: { s3GatewayEndpoints: ["vpce-s3"] } });
  });
  it("fails without one", () => {
    expect(evaluate(rule, subnet)).toMatchObject({ status: "FAIL", evidence: { VpcId: "vpc-1", s3GatewayEndpoints: [] } });
  });
  it("is unable to evaluate when the collection failed", () => {
    expect(evaluate(rule, subnet, [], { statuses: [failed("ec2")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
