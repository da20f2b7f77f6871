import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource } from "../../../test/fixtures";
import { ec2EipAttachedRule as rule } from "./eip-attached.rule";

const eip = (assoc?: string) =>
  makeResource("AWS::EC2::EIP", { PublicIp: "3.3.3.3", AllocationId: "eipalloc-1", ...(assoc ? { AssociationId: assoc } : {}) });

describe(rule.id, () => {
  it("passes when associated", () => {
    expect(evaluate(rule, eip("eipassoc-1")).status).toBe("PASS");
  });
  it("fails when unassociated", () => {
    expect(evaluate(rule, eip())).toMatchObject({ status: "FAIL", evidence: { PublicIp: "3.3.3.3", AssociationId: null } });
  });
  it("is unable to evaluate when the collection failed", () => {
    expect(evaluate(rule, eip(), [], { statuses: [failed("ec2")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
