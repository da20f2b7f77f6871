import { describe, expect, it } from "vitest";
import type { TCollectedResource } from "@guardrail/collectors";
import { ACCOUNT, REGION, ec2Instance, evaluate, failed, iamRole, makeResource, policyJson, securityGroup, tcpRule, withErrors } from "../../test/fixtures";
import { RULE_CATALOG } from "../catalog";
import type { TRuleDefinition } from "../rule";

const ec2Trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const inline = (name: string, statement: Record<string, unknown>) => ({
  PolicyName: name,
  PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
});
const POLICIES = {
  admin: inline("admin", { Effect: "Allow", Action: "*", Resource: "*" }),
  "privilege-escalation": inline("escalate", { Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }),
  "lateral-movement": inline("lateral", { Effect: "Allow", Action: "ssm:StartSession", Resource: "*" }),
  "read-all-s3": inline("read", { Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }),
} as const;
const harmless = inline("logs", { Effect: "Allow", Action: "logs:PutLogEvents", Resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:app:*` });

function roleWith(policy: Record<string, unknown>): TCollectedResource {
  return iamRole("app", ec2Trust, {
    RolePolicyList: [policy],
    InstanceProfileList: [{ InstanceProfileName: "app", Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` }],
  });
}

function subjectFor(rule: TRuleDefinition, role: TCollectedResource): { subject: TCollectedResource; others: TCollectedResource[] } {
  const arn = role.resourceId;
  if (rule.resourceTypes[0] === "AWS::Lambda::Function") {
    return { subject: makeResource("AWS::Lambda::Function", { FunctionName: "f", Role: arn, Runtime: "python3.12" }), others: [role] };
  }
  if (rule.resourceTypes[0] === "AWS::ECS::Service") {
    return { subject: makeResource("AWS::ECS::Service", { serviceName: "svc", taskRoleArn: arn, executionRoleArn: null }), others: [role] };
  }
  if (rule.resourceTypes[0] === "AWS::EKS::Nodegroup") {
    return { subject: makeResource("AWS::EKS::Nodegroup", { nodegroupName: "ng", nodeRole: arn }), others: [role] };
  }
  const sg = securityGroup("sg-web", [tcpRule(443)]);
  const instance = ec2Instance({
    PublicIpAddress: "3.1.2.3",
    SecurityGroups: [{ GroupId: "sg-web" }],
    IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` },
  });
  return { subject: instance, others: [role, sg] };
}

const capabilityOf = (id: string) =>
  id.endsWith("not-admin") ? "admin" : id.endsWith("privilege-escalation") ? "privilege-escalation" : id.endsWith("lateral-movement") ? "lateral-movement" : "read-all-s3";

const workloadRules = RULE_CATALOG.filter((r) => /\.(instance|function|nodegroup|service)\.(public-|task-)?role-/.test(r.id));

describe("workload role rules", () => {
  it("covers 5 workloads × 4 capabilities", () => expect(workloadRules.length).toBe(20));

  describe.each(workloadRules.map((r) => [r.id, r] as const))("%s", (_id, rule) => {
    const capability = capabilityOf(rule.id);
    it("fails when the role has the capability, with evidence", () => {
      const { subject, others } = subjectFor(rule, roleWith(POLICIES[capability]));
      const v = evaluate(rule, subject, others, { complete: [{ service: "iam", region: "global" }] });
      expect(v.status).toBe("FAIL");
      expect(v.evidence.role).toBe(`arn:aws:iam::${ACCOUNT}:role/app`);
      if (capability === "admin") expect(v.evidence.administrator).toBe("ALLOWED");
      if (capability === "read-all-s3") expect(v.evidence.readAllS3).toBe("ALLOWED");
      if (capability === "lateral-movement") expect(v.evidence.lateralMovement).toContainEqual(expect.objectContaining({ action: "ssm:StartSession" }));
      if (capability === "privilege-escalation") expect((v.evidence.escalationMethods as unknown[]).length).toBeGreaterThan(0);
      if (rule.id.includes("public-role")) expect(v.evidence.PublicIpAddress).toBe("3.1.2.3");
    });
    it("passes for a least-privilege role", () => {
      const { subject, others } = subjectFor(rule, roleWith(harmless));
      expect(evaluate(rule, subject, others).status).toBe("PASS");
    });
    it("is unable to evaluate when the role's policies were not collected", () => {
      const { subject, others } = subjectFor(rule, withErrors(roleWith(harmless), { GetAccountAuthorizationDetails: "AccessDenied" }));
      expect(evaluate(rule, subject, others).status).toBe("UNABLE_TO_EVALUATE");
    });
    it("is unable to evaluate when the workload's collection failed", () => {
      const { subject, others } = subjectFor(rule, roleWith(harmless));
      expect(evaluate(rule, subject, others, { statuses: [failed(rule.service)] }).status).toBe("UNABLE_TO_EVALUATE");
    });
  });

  describe("an AWS-managed policy attached to the role", () => {
    const ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess";
    const managedAdmin = (resourceId: string) =>
      makeResource(
        "AWS::IAM::Policy",
        {
          PolicyName: "AdministratorAccess",
          Arn: ADMIN_ARN,
          DefaultVersionId: "v1",
          PolicyVersionList: [{ VersionId: "v1", IsDefaultVersion: true, Document: policyJson([{ Effect: "Allow", Action: "*", Resource: "*" }]) }],
        },
        { resourceId },
      );
    const role = iamRole("app", ec2Trust, {
      AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: ADMIN_ARN }],
      InstanceProfileList: [{ InstanceProfileName: "app", Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` }],
    });
    const rule = workloadRules.find((r) => r.id === "aws.ec2.instance.role-not-admin")!;

    it("is read from the account's own row (<arn>#<account>)", () => {
      const { subject, others } = subjectFor(rule, role);
      const v = evaluate(rule, subject, [...others, managedAdmin(`${ADMIN_ARN}#${ACCOUNT}`)], { complete: [{ service: "iam", region: "global" }] });
      expect(v.status).toBe("FAIL");
      expect(v.evidence.administrator).toBe("ALLOWED");
    });
    it("falls back to a shared row under the bare ARN (an inventory written before per-account rows)", () => {
      const { subject, others } = subjectFor(rule, role);
      expect(evaluate(rule, subject, [...others, managedAdmin(ADMIN_ARN)], { complete: [{ service: "iam", region: "global" }] }).status).toBe("FAIL");
    });
    it("is unable to evaluate when the policy is in neither place", () => {
      const { subject, others } = subjectFor(rule, role);
      expect(evaluate(rule, subject, [...others, managedAdmin(`${ADMIN_ARN}#999999999999`)]).status).toBe("UNABLE_TO_EVALUATE");
    });
  });

  describe("ECS services", () => {
    const rule = workloadRules.find((r) => r.id === "aws.ecs.service.task-role-not-admin")!;
    it("are not applicable without a task role", () => {
      const service = makeResource("AWS::ECS::Service", { serviceName: "svc", taskRoleArn: null, executionRoleArn: null });
      expect(evaluate(rule, service).status).toBe("NOT_APPLICABLE");
    });
    it("are unable to evaluate when the task definition could not be described", () => {
      const service = withErrors(makeResource("AWS::ECS::Service", { serviceName: "svc" }), { DescribeTaskDefinition: "AccessDeniedException" });
      expect(evaluate(rule, service, [roleWith(POLICIES.admin)]).status).toBe("UNABLE_TO_EVALUATE");
    });
  });
});
