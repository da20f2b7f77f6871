import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource, policyJson } from "../../../test/fixtures";
import { ec2VpcEndpointRestrictedPolicyRule as rule } from "./vpc-endpoint-restricted-policy.rule";

const full = { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" };
const endpoint = (policy: string) =>
  makeResource("AWS::EC2::VPCEndpoint", {
    VpcEndpointId: "vpce-1",
    VpcEndpointType: "Gateway",
    ServiceName: "com.amazonaws.us-east-1.s3",
    PolicyDocument: policy,
  });

describe(rule.id, () => {
  it("fails on the default full-access policy", () => {
    const v = evaluate(rule, endpoint(policyJson([full])));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.fullAccessStatements).toEqual([full]);
  });
  it("passes when restricted to the organization", () => {
    const v = evaluate(rule, endpoint(policyJson([{ ...full, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }])));
    expect(v.status).toBe("PASS");
  });
  it("is unable to evaluate when the collection failed", () => {
    expect(evaluate(rule, endpoint(policyJson([full])), [], { statuses: [failed("ec2")] }).status).toBe(
      "UNABLE_TO_EVALUATE",
    );
  });
});
