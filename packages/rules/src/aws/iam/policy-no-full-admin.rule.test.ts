import { describe, expect, it } from "vitest";
import { ACCOUNT, evaluate, failed, makeResource, policyJson } from "../../../test/fixtures";
import { iamPolicyNoFullAdminRule as rule } from "./policy-no-full-admin.rule";

const policy = (doc: string, arn = `arn:aws:iam::${ACCOUNT}:policy/custom`) =>
  makeResource(
    "AWS::IAM::Policy",
    { PolicyName: "custom", Arn: arn, DefaultVersionId: "v2", AttachmentCount: 1, PolicyVersionList: [{ VersionId: "v2", IsDefaultVersion: true, Document: doc }] },
    { resourceId: arn },
  );

describe(rule.id, () => {
  it("fails on Action * Resource *", () => {
    const v = evaluate(rule, policy(encodeURIComponent(policyJson([{ Effect: "Allow", Action: "*", Resource: "*" }]))));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.fullAdminStatements).toEqual([{ Sid: null, Action: ["*"], Resource: ["*"], Condition: null }]);
  });
  it("passes on a scoped policy", () => {
    expect(evaluate(rule, policy(policyJson([{ Effect: "Allow", Action: "s3:*", Resource: "*" }]))).status).toBe("PASS");
  });
  it("is not applicable to AWS managed policies", () => {
    const v = evaluate(rule, policy(policyJson([{ Effect: "Allow", Action: "*", Resource: "*" }]), "arn:aws:iam::aws:policy/AdministratorAccess"));
    expect(v.status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when the iam collection failed", () => {
    const v = evaluate(rule, policy(policyJson([])), [], { statuses: [failed("iam", "global")] });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});
