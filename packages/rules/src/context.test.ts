import { describe, expect, it } from "vitest";
import { ACCOUNT, REGION, ec2Instance, iamRole, makeContext, securityGroup } from "../test/fixtures";
import { MEMBER, OU, ROOT, orgPolicy, organizationBase } from "../test/organization-fixtures";

describe("buildRuleContext", () => {
  const sg = securityGroup("sg-1", []);
  const role = iamRole("app", {}, { InstanceProfileList: [{ Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` }] });
  const instance = ec2Instance({ SecurityGroups: [{ GroupId: "sg-1" }, { GroupId: "sg-gone" }], IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` } });
  const ctx = makeContext([sg, role, instance, ...organizationBase(), orgPolicy("scp", [], [ROOT, OU])]);

  it("looks resources up by id, type and scope", () => {
    expect(ctx.get(sg.resourceId)).toBe(sg);
    expect(ctx.byType("AWS::EC2::SecurityGroup")).toEqual([sg]);
    expect(ctx.byType("AWS::EC2::SecurityGroup", { accountId: ACCOUNT, region: REGION })).toEqual([sg]);
    expect(ctx.byType("AWS::EC2::SecurityGroup", { region: "eu-west-1" })).toEqual([]);
  });
  it("resolves an instance's security groups and role", () => {
    expect(ctx.instanceSecurityGroups(instance)).toEqual({ groups: [sg], missing: ["sg-gone"] });
    expect(ctx.instanceRole(instance)).toBe(role);
    expect(ctx.instanceRole(ec2Instance())).toBeNull();
  });
  it("reports collection status", () => {
    expect(ctx.collectionStatus(ACCOUNT, REGION, "ec2")).toBe("COMPLETE");
    expect(ctx.collectionStatus(ACCOUNT, REGION, "rds")).toBe("NOT_COLLECTED");
  });
  it("builds the organization view with the parent chain and effective policies", () => {
    expect(ctx.organization?.managementAccountId).toBe(ACCOUNT);
    expect(ctx.organization?.organizationId).toBe("o-exampleorg");
    expect(ctx.organization?.parentChain(MEMBER)).toEqual([ROOT, OU, MEMBER]);
    expect(ctx.organization?.effectivePolicies(MEMBER, "SERVICE_CONTROL_POLICY").map((p) => p.attachedTo)).toEqual([ROOT, OU]);
  });
  it("memoises derived values", () => {
    let calls = 0;
    const compute = () => ++calls;
    expect(ctx.memo("k", compute)).toBe(1);
    expect(ctx.memo("k", compute)).toBe(1);
  });
});
