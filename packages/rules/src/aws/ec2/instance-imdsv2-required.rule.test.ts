import { describe, expect, it } from "vitest";
import { ec2Instance, evaluate, failed } from "../../../test/fixtures";
import { ec2InstanceImdsv2RequiredRule as rule } from "./instance-imdsv2-required.rule";

describe(rule.id, () => {
  it("passes when HttpTokens is required", () => {
    const v = evaluate(rule, ec2Instance());
    expect(v.status).toBe("PASS");
    expect(v.evidence["MetadataOptions.HttpTokens"]).toBe("required");
  });
  it("fails when HttpTokens is optional", () => {
    const v = evaluate(rule, ec2Instance({ MetadataOptions: { HttpTokens: "optional", HttpEndpoint: "enabled" } }));
    expect(v.status).toBe("FAIL");
    expect(v.evidence).toEqual({ "MetadataOptions.HttpTokens": "optional", "MetadataOptions.HttpEndpoint": "enabled" });
  });
  it("is not applicable to terminated instances", () => {
    expect(evaluate(rule, ec2Instance({ State: { Name: "terminated" } })).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when the ec2 collection failed", () => {
    const v = evaluate(rule, ec2Instance(), [], { statuses: [failed("ec2")] });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});
