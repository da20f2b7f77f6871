import { describe, expect, it } from "vitest";
import { evaluate, makeResource, withErrors } from "../../../test/fixtures";
import { ec2SnapshotNotPublicRule as rule } from "./snapshot-not-public.rule";

const snap = (perms: unknown[]) => makeResource("AWS::EC2::Snapshot", { SnapshotId: "snap-1", CreateVolumePermissions: perms });

describe(rule.id, () => {
  it("fails when shared with all", () => {
    const v = evaluate(rule, snap([{ Group: "all" }]));
    expect(v.status).toBe("FAIL");
    expect(v.evidence).toEqual({ SnapshotId: "snap-1", CreateVolumePermissions: [{ Group: "all" }] });
  });
  it("passes when shared with one account", () => {
    expect(evaluate(rule, snap([{ UserId: "444455556666" }])).status).toBe("PASS");
  });
  it("is unable to evaluate when DescribeSnapshotAttribute was denied", () => {
    expect(evaluate(rule, withErrors(snap([]), { DescribeSnapshotAttribute: "UnauthorizedOperation" })).status).toBe(
      "UNABLE_TO_EVALUATE",
    );
  });
});
