import { describe, expect, it } from "vitest";
import { evaluate, iamRole, makeResource, withErrors } from "../../../test/fixtures";
import { iamRoleThirdPartyPrivilegedRule as rule } from "./role-third-party-privileged.rule";

const vendorTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } }] };
const adminPolicy = makeResource(
  "AWS::IAM::Policy",
  { PolicyName: "AdministratorAccess", Arn: "arn:aws:iam::aws:policy/AdministratorAccess", PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }] },
  { resourceId: "arn:aws:iam::aws:policy/AdministratorAccess" },
);
const adminAttached = { AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] };

describe(rule.id, () => {
  it("fails for a vendor role with AdministratorAccess", () => {
    const v = evaluate(rule, iamRole("vendor", vendorTrust, adminAttached), [adminPolicy]);
    expect(v).toMatchObject({ status: "FAIL", evidence: { trustedAccountsOutsideOrganization: ["999988887777"], administrator: "ALLOWED" } });
  });
  it("passes for a vendor role with read-only metadata access", () => {
    const role = iamRole("vendor", vendorTrust, {
      RolePolicyList: [{ PolicyName: "audit", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] }) }],
    });
    expect(evaluate(rule, role)).toMatchObject({ status: "PASS", evidence: { administrator: "DENIED", readAllS3: "DENIED" } });
  });
  it("is not applicable to internal roles", () => {
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
    expect(evaluate(rule, iamRole("app", trust)).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when an attached policy is missing from the inventory", () => {
    const v = evaluate(rule, iamRole("vendor", vendorTrust, adminAttached));
    expect(v).toMatchObject({ status: "UNABLE_TO_EVALUATE", evidence: { missingPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"] } });
  });
  it("is unable to evaluate when the role carries collection errors", () => {
    expect(evaluate(rule, withErrors(iamRole("vendor", vendorTrust), { ListRolePolicies: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
