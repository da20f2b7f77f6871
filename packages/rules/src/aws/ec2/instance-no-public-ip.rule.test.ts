import { describe, expect, it } from "vitest";
import { ec2Instance, evaluate, failed } from "../../../test/fixtures";
import { ec2InstanceNoPublicIpRule as rule } from "./instance-no-public-ip.rule";

describe(rule.id, () => {
  it("fails with a public IP", () => {
    expect(evaluate(rule, ec2Instance({ PublicIpAddress: "3.1.2.3" }))).toMatchObject({
      status: "FAIL",
      evidence: { PublicIpAddress: "3.1.2.3" },
    });
  });
  it("passes without one", () => {
    expect(evaluate(rule, ec2Instance())).toMatchObject({ status: "PASS", evidence: { PublicIpAddress: null } });
  });
  it("is unable to evaluate when the collection failed", () => {
    expect(evaluate(rule, ec2Instance(), [], { statuses: [failed("ec2")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
