import { describe, expect, it } from "vitest";
import { evaluate, failed, securityGroup, tcpRule } from "../../../test/fixtures";
import { ec2SecurityGroupDefaultRestrictsAllRule as rule } from "./security-group-default-restricts-all.rule";

describe(rule.id, () => {
  it("fails when the default group has rules", () => {
    const sg = securityGroup("sg-d", [tcpRule(443, "10.0.0.0/8")], {
      GroupName: "default",
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }],
    });
    const v = evaluate(rule, sg);
    expect(v.status).toBe("FAIL");
    expect(v.evidence).toMatchObject({ GroupId: "sg-d", "IpPermissions.length": 1, "IpPermissionsEgress.length": 1 });
  });
  it("passes when the default group is empty", () => {
    expect(evaluate(rule, securityGroup("sg-d", [], { GroupName: "default" })).status).toBe("PASS");
  });
  it("is not applicable to other groups", () => {
    expect(evaluate(rule, securityGroup("sg-x", [tcpRule(22)])).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when the collection failed", () => {
    const sg = securityGroup("sg-d", [], { GroupName: "default" });
    expect(evaluate(rule, sg, [], { statuses: [failed("ec2")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
