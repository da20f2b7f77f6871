import { describe, expect, it } from "vitest";
import { evaluate, makeResource, withErrors } from "../../../test/fixtures";
import { ec2RegionalEbsDefaultEncryptionRule as rule } from "./regional-ebs-default-encryption.rule";

const settings = (on: boolean) => makeResource("AWS::EC2::RegionalSettings", { EbsEncryptionByDefault: on, InstanceMetadataDefaults: null });

describe(rule.id, () => {
  it("passes when enabled", () => {
    expect(evaluate(rule, settings(true))).toMatchObject({ status: "PASS", evidence: { EbsEncryptionByDefault: true } });
  });
  it("fails when disabled", () => {
    expect(evaluate(rule, settings(false))).toMatchObject({ status: "FAIL", evidence: { EbsEncryptionByDefault: false } });
  });
  it("is unable to evaluate when the call was denied", () => {
    const v = evaluate(rule, withErrors(settings(false), { GetEbsEncryptionByDefault: "UnauthorizedOperation" }));
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});
