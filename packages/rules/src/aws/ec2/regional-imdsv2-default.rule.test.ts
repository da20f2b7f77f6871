import { describe, expect, it } from "vitest";
import { evaluate, makeResource, withErrors } from "../../../test/fixtures";
import { ec2RegionalImdsv2DefaultRule as rule } from "./regional-imdsv2-default.rule";

const settings = (defaults: unknown) =>
  makeResource("AWS::EC2::RegionalSettings", { EbsEncryptionByDefault: true, InstanceMetadataDefaults: defaults });

describe(rule.id, () => {
  it("passes when the default is required", () => {
    const v = evaluate(rule, settings({ HttpTokens: "required" }));
    expect(v.status).toBe("PASS");
    expect(v.evidence).toEqual({ "InstanceMetadataDefaults.HttpTokens": "required" });
  });
  it("fails when no default is set", () => {
    const v = evaluate(rule, settings(null));
    expect(v.status).toBe("FAIL");
    expect(v.evidence).toEqual({ "InstanceMetadataDefaults.HttpTokens": null });
  });
  it("is unable to evaluate when GetInstanceMetadataDefaults was denied", () => {
    const v = evaluate(rule, withErrors(settings(null), { GetInstanceMetadataDefaults: "UnauthorizedOperation" }));
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
    expect(v.evidence.CollectionErrors).toEqual({ GetInstanceMetadataDefaults: "UnauthorizedOperation" });
  });
});
