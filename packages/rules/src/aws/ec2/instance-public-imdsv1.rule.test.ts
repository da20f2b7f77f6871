import { describe, expect, it } from "vitest";
import { ec2Instance, evaluate, securityGroup, tcpRule } from "../../../test/fixtures";
import { ec2InstancePublicImdsv1Rule as rule } from "./instance-public-imdsv1.rule";

const openSg = securityGroup("sg-open", [tcpRule(22)]);
const publicV1 = {
  PublicIpAddress: "3.1.2.3",
  SecurityGroups: [{ GroupId: "sg-open" }],
  MetadataOptions: { HttpTokens: "optional", HttpEndpoint: "enabled" },
};

describe(rule.id, () => {
  it("fails for a public IP + open ingress + IMDSv1", () => {
    const v = evaluate(rule, ec2Instance(publicV1), [openSg]);
    expect(v.status).toBe("FAIL");
    expect(v.evidence.PublicIpAddress).toBe("3.1.2.3");
    expect(v.evidence.openIngress).toEqual([
      { GroupId: "sg-open", IpProtocol: "tcp", FromPort: 22, ToPort: 22, cidr: "0.0.0.0/0" },
    ]);
  });
  it("passes when the instance has no public IP", () => {
    const v = evaluate(rule, ec2Instance({ ...publicV1, PublicIpAddress: undefined }), [openSg]);
    expect(v.status).toBe("PASS");
  });
  it("passes when IMDSv2 is required", () => {
    const v = evaluate(rule, ec2Instance({ ...publicV1, MetadataOptions: { HttpTokens: "required" } }), [openSg]);
    expect(v.status).toBe("PASS");
  });
  it("is unable to evaluate when a security group is missing", () => {
    const v = evaluate(rule, ec2Instance(publicV1));
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
    expect(v.evidence.missingSecurityGroups).toEqual(["sg-open"]);
  });
});
