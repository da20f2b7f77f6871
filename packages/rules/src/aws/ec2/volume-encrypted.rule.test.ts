import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource } from "../../../test/fixtures";
import { ec2VolumeEncryptedRule as rule } from "./volume-encrypted.rule";

const volume = (encrypted: boolean) => makeResource("AWS::EC2::Volume", { VolumeId: "vol-1", Encrypted: encrypted });

describe(rule.id, () => {
  it("passes when encrypted", () => {
    expect(evaluate(rule, volume(true))).toMatchObject({ status: "PASS", evidence: { Encrypted: true } });
  });
  it("fails when not encrypted", () => {
    expect(evaluate(rule, volume(false))).toMatchObject({ status: "FAIL", evidence: { VolumeId: "vol-1", Encrypted: false } });
  });
  it("is unable to evaluate when the collection failed", () => {
    expect(evaluate(rule, volume(false), [], { statuses: [failed("ec2")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
