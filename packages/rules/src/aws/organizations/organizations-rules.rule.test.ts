import { describe, expect, it } from "vitest";
import { ACCOUNT, REGION, ec2Instance, makeContext, makeResource } from "../../../test/fixtures";
import { MANAGEMENT, MEMBER, OU, ROOT, orgAccount, orgPolicy, orgUnit, organizationBase } from "../../../test/organization-fixtures";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleDefinition } from "../../rule";
import { organizationsAccountRcpS3PerimeterRule } from "./account-rcp-s3-perimeter.rule";
import { organizationsAccountScpDenyLeaveOrganizationRule } from "./account-scp-deny-leave-organization.rule";
import { organizationsAccountScpDenyRootUserRule } from "./account-scp-deny-root-user.rule";
import { organizationsAccountScpDenyUnapprovedRegionsRule } from "./account-scp-deny-unapproved-regions.rule";
import { organizationsAccountScpProtectSecurityServicesRule, SECURITY_SERVICE_DISABLE_ACTIONS } from "./account-scp-protect-security-services.rule";
import { organizationsManagementAccountNoWorkloadsRule } from "./management-account-no-workloads.rule";

function evaluateMember(rule: TRuleDefinition, extra: TCollectedResource[], statuses = false) {
  const resources = [...organizationBase(), ...extra];
  const member = resources.find((r) => r.configuration.Id === MEMBER);
  if (!member) throw new Error("member missing");
  const ctx = makeContext(resources, statuses ? { statuses: [{ accountId: MANAGEMENT, region: "global", service: "organizations", status: "PARTIAL" }] } : {});
  return rule.evaluate(member, ctx);
}

const cases = [
  { rule: organizationsAccountScpDenyLeaveOrganizationRule, statement: { Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" } },
  { rule: organizationsAccountScpDenyRootUserRule, statement: { Effect: "Deny", Action: "*", Resource: "*", Condition: { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:root" } } } },
  { rule: organizationsAccountScpProtectSecurityServicesRule, statement: { Effect: "Deny", Action: [...SECURITY_SERVICE_DISABLE_ACTIONS], Resource: "*" } },
  { rule: organizationsAccountScpDenyUnapprovedRegionsRule, statement: { Effect: "Deny", NotAction: ["iam:*", "sts:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } } } },
  { rule: organizationsAccountRcpS3PerimeterRule, statement: { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-exampleorg" } } }, type: "RESOURCE_CONTROL_POLICY" },
];

describe.each(cases)("$rule.id", ({ rule, statement, type }) => {
  it("passes when a policy on the member's OU has the guardrail", () => {
    const v = evaluateMember(rule, [orgPolicy("guard", [statement], [OU], type)]);
    expect(v.status).toBe("PASS");
    expect(v.evidence.matchingStatements).toEqual([{ policy: "guard", attachedTo: OU, sid: null }]);
    expect(v.evidence.parentChain).toEqual([ROOT, OU, MEMBER]);
  });
  it("fails when only FullAWSAccess is attached", () => {
    const v = evaluateMember(rule, [orgPolicy("FullAWSAccess", [{ Effect: "Allow", Action: "*", Resource: "*" }], [ROOT], type)]);
    expect(v.status).toBe("FAIL");
    expect(v.evidence.effectivePolicies).toEqual([{ name: "FullAWSAccess", attachedTo: ROOT }]);
  });
  it("is not applicable to the management account", () => {
    const resources = organizationBase();
    const mgmt = resources.find((r) => r.configuration.Id === MANAGEMENT);
    if (!mgmt) throw new Error("missing");
    expect(rule.evaluate(mgmt, makeContext(resources)).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when the organizations collection is partial", () => {
    expect(evaluateMember(rule, [], true).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe("protect-security-services partial coverage", () => {
  it("fails and names the actions not denied", () => {
    const v = evaluateMember(organizationsAccountScpProtectSecurityServicesRule, [
      orgPolicy("ct", [{ Effect: "Deny", Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], Resource: "*" }], [ROOT]),
    ]);
    expect(v.status).toBe("FAIL");
    expect(v.evidence.notDenied).toContain("guardduty:DeleteDetector");
  });
});

describe(organizationsManagementAccountNoWorkloadsRule.id, () => {
  const rule = organizationsManagementAccountNoWorkloadsRule;
  const mgmt = orgAccount(MANAGEMENT, ROOT, true);
  const complete = [
    { service: "ec2" as const, accountId: ACCOUNT, region: REGION },
    { service: "lambda" as const, accountId: ACCOUNT, region: REGION },
    { service: "eks" as const, accountId: ACCOUNT, region: REGION },
    { service: "ecs" as const, accountId: ACCOUNT, region: REGION },
  ];
  it("fails when an instance runs in the management account", () => {
    const instance = ec2Instance({}, MANAGEMENT);
    const v = rule.evaluate(mgmt, makeContext([mgmt, orgUnit(OU, ROOT), instance], { complete }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { workloadCount: 1, workloads: [{ resourceType: "AWS::EC2::Instance", resourceId: instance.resourceId }] } });
  });
  it("fails when an ECS service or a standalone task runs in the management account (a service's tasks count through it)", () => {
    const service = makeResource("AWS::ECS::Service", { serviceName: "bot" }, { accountId: MANAGEMENT, resourceId: `arn:aws:ecs:${REGION}:${MANAGEMENT}:service/tools/bot` });
    const serviceTask = makeResource("AWS::ECS::Task", { serviceName: "bot" }, { accountId: MANAGEMENT, resourceId: `arn:aws:ecs:${REGION}:${MANAGEMENT}:task/tools/t1` });
    const standalone = makeResource("AWS::ECS::Task", { serviceName: null }, { accountId: MANAGEMENT, resourceId: `arn:aws:ecs:${REGION}:${MANAGEMENT}:task/tools/t2` });
    const v = rule.evaluate(mgmt, makeContext([mgmt, service, serviceTask, standalone], { complete }));
    expect(v).toMatchObject({
      status: "FAIL",
      evidence: { workloadCount: 2, workloads: [{ resourceType: "AWS::ECS::Service", resourceId: service.resourceId }, { resourceType: "AWS::ECS::Task", resourceId: standalone.resourceId }] },
    });
  });
  it("passes when the management account is empty", () => {
    expect(rule.evaluate(mgmt, makeContext([mgmt], { complete })).status).toBe("PASS");
  });
  it("is not applicable to member accounts", () => {
    const member = orgAccount(MEMBER, OU);
    expect(rule.evaluate(member, makeContext([member])).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when lambda or ecs was not collected", () => {
    for (const service of ["lambda", "ecs"]) {
      const v = rule.evaluate(mgmt, makeContext([mgmt], { complete: complete.filter((c) => c.service !== service) }));
      expect(v.status, service).toBe("UNABLE_TO_EVALUATE");
    }
  });
});
