import { describe, expect, it } from "vitest";
import type { TCollectedResource } from "@guardrail/collectors";
import { ACCOUNT, REGION, ec2Instance, iamRole, iamUser, makeContext, makeResource, policyJson, securityGroup, tcpRule, withErrors } from "../../../test/fixtures";
import { buildAccessGraph } from "@guardrail/iam";
import type { TRuleDefinition } from "../../rule";
import { readAccessGraph } from "./attack-path-graph";
import { attackPathEksPublicEndpointPrivilegedNodeRoleRule as eksRule } from "./eks-public-endpoint-privileged-node-role.rule";
import { attackPathInstancePublicImdsv1PrivilegedRoleRule as instanceRule } from "./instance-public-imdsv1-privileged-role.rule";
import { attackPathLambdaPublicPrivilegedRoleRule as lambdaRule } from "./lambda-public-privileged-role.rule";
import { attackPathPrincipalCanModifyAdminTrustRule as trustEditRule } from "./principal-can-modify-admin-trust.rule";
import { attackPathPrincipalEscalationToAdminRule as escalationRule } from "./principal-escalation-to-admin.rule";
import { attackPathPrincipalUnintendedAdminRule as unintendedRule } from "./principal-unintended-admin.rule";
import { attackPathRoleExternalPrivilegedRule as externalRule } from "./role-external-privileged.rule";

const ec2Trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const lambdaTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] };
const inline = (...statements: Record<string, unknown>[]) => ({ RolePolicyList: [{ PolicyName: "p", PolicyDocument: policyJson(statements) }] });
const ADMIN = inline({ Effect: "Allow", Action: "*", Resource: "*" });
const READ_ONLY = inline({ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::app/*" });
const profile = (name: string) => ({ InstanceProfileList: [{ Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${name}` }] });

function run(rule: TRuleDefinition, subject: TCollectedResource, world: TCollectedResource[]) {
  return rule.evaluate(subject, makeContext([subject, ...world.filter((r) => r !== subject)]));
}

function exposedInstance(roleName: string, httpTokens: "optional" | "required") {
  const sg = securityGroup("sg-web", [tcpRule(443)]);
  const instance = ec2Instance({
    PublicIpAddress: "203.0.113.5",
    SecurityGroups: [{ GroupId: "sg-web" }],
    MetadataOptions: { HttpTokens: httpTokens, HttpEndpoint: "enabled" },
    IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/${roleName}` },
  });
  return { sg, instance };
}

describe(instanceRule.id, () => {
  it("fails with the full path for an exposed IMDSv1 instance whose role is an administrator", () => {
    const role = iamRole("web", ec2Trust, { ...ADMIN, ...profile("web") });
    const { sg, instance } = exposedInstance("web", "optional");
    const v = run(instanceRule, instance, [sg, role]);
    expect(v.status).toBe("FAIL");
    expect((v.evidence.path as { edge: string }[]).map((h) => h.edge)).toEqual(["exposed-to-internet", "runs-as"]);
    expect(v.evidence).toMatchObject({ privilege: "administrator", role: role.resourceId, imdsV1: true });
  });
  it("follows an assume chain to a privileged role", () => {
    const admin = iamRole("admin", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/web` }, Action: "sts:AssumeRole" }] }, ADMIN);
    const role = iamRole("web", ec2Trust, { ...READ_ONLY, ...profile("web") });
    const { sg, instance } = exposedInstance("web", "optional");
    const v = run(instanceRule, instance, [sg, role, admin]);
    expect(v.status).toBe("FAIL");
    expect((v.evidence.path as { edge: string; to: string }[]).map((h) => h.edge)).toEqual(["exposed-to-internet", "runs-as", "can-assume"]);
    expect(v.evidence.privilegedPrincipal).toBe(admin.resourceId);
  });
  it("passes when IMDSv2 is required or the role is least-privilege", () => {
    const admin = iamRole("web", ec2Trust, { ...ADMIN, ...profile("web") });
    const v2 = exposedInstance("web", "required");
    expect(run(instanceRule, v2.instance, [v2.sg, admin]).status).toBe("PASS");
    const small = iamRole("web", ec2Trust, { ...READ_ONLY, ...profile("web") });
    const v1 = exposedInstance("web", "optional");
    expect(run(instanceRule, v1.instance, [v1.sg, small]).status).toBe("PASS");
  });
  it("is unable to evaluate when the role's managed policy is missing", () => {
    const role = iamRole("web", ec2Trust, { ...profile("web"), AttachedManagedPolicies: [{ PolicyName: "x", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] });
    const { sg, instance } = exposedInstance("web", "optional");
    expect(run(unintendedRule, role, [sg, instance]).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(lambdaRule.id, () => {
  const fn = (policy: string | null, roleName: string) =>
    makeResource("AWS::Lambda::Function", { FunctionName: "hook", Role: `arn:aws:iam::${ACCOUNT}:role/${roleName}`, Policy: policy }, { resourceId: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:hook` });
  const publicPolicy = policyJson([{ Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: "*" }]);
  it("fails for a public function whose role can escalate", () => {
    const role = iamRole("hook", lambdaTrust, inline({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" }));
    const v = run(lambdaRule, fn(publicPolicy, "hook"), [role]);
    expect(v).toMatchObject({ status: "FAIL", evidence: { privilege: "escalation-to-administrator" } });
    expect((v.evidence.path as { edge: string; methodId: string | null }[]).at(-1)).toMatchObject({ edge: "can-escalate" });
  });
  it("passes for a private function with the same role", () => {
    const role = iamRole("hook", lambdaTrust, inline({ Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*" }));
    expect(run(lambdaRule, fn(null, "hook"), [role]).status).toBe("PASS");
  });
});

describe(eksRule.id, () => {
  const cluster = (publicAccess: boolean) =>
    makeResource("AWS::EKS::Cluster", { name: "c1", resourcesVpcConfig: { endpointPublicAccess: publicAccess, publicAccessCidrs: ["0.0.0.0/0"] } }, { resourceId: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/c1` });
  const nodegroup = makeResource("AWS::EKS::Nodegroup", { nodegroupName: "ng", clusterName: "c1", nodeRole: `arn:aws:iam::${ACCOUNT}:role/node` }, { resourceId: `arn:aws:eks:${REGION}:${ACCOUNT}:nodegroup/c1/ng/1` });
  it("fails for a public endpoint with an administrator node role, passes when private", () => {
    const role = iamRole("node", ec2Trust, ADMIN);
    expect(run(eksRule, nodegroup, [cluster(true), role]).status).toBe("FAIL");
    expect(run(eksRule, nodegroup, [cluster(false), role]).status).toBe("PASS");
  });
});

describe(externalRule.id, () => {
  const vendorTrust = (withExternalId: boolean) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999988887777:root" }, Action: "sts:AssumeRole", ...(withExternalId ? { Condition: { StringEquals: { "sts:ExternalId": "x" } } } : {}) }] });
  it("fails for a vendor role that can escalate, with the vendor → role → escalation path", () => {
    const role = iamRole("ci-vendor", vendorTrust(false), inline({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }));
    const v = run(externalRule, role, []);
    expect(v.status).toBe("FAIL");
    expect((v.evidence.path as { edge: string }[]).map((h) => h.edge)).toEqual(["can-assume", "can-escalate"]);
    expect(v.evidence.trustedBy).toBe("arn:aws:iam::999988887777:root");
  });
  it("fails for a publicly assumable role that reads a bucket", () => {
    const bucket = makeResource("AWS::S3::Bucket", { Name: "app", Policy: null }, { resourceId: "arn:aws:s3:::app" });
    const role = iamRole("open", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }, READ_ONLY);
    const v = run(externalRule, role, [bucket]);
    expect(v).toMatchObject({ status: "FAIL", evidence: { trustedBy: "anyone", dataStoreCount: 1 } });
  });
  it("passes for a vendor role limited to metadata, and for internal roles", () => {
    const metrics = iamRole("metrics", vendorTrust(true), inline({ Effect: "Allow", Action: "cloudwatch:GetMetricData", Resource: "*" }));
    expect(run(externalRule, metrics, []).status).toBe("PASS");
    expect(run(externalRule, iamRole("app", ec2Trust, ADMIN), []).status).toBe("PASS");
  });
});

describe(trustEditRule.id, () => {
  it("fails when a role can rewrite an administrator role's trust policy, passes when scoped away", () => {
    const admin = iamRole("platform-admin", ec2Trust, ADMIN);
    const deployer = iamRole("deployer", ec2Trust, inline({ Effect: "Allow", Action: "iam:UpdateAssumeRolePolicy", Resource: "*" }));
    const v = run(trustEditRule, deployer, [admin]);
    expect(v).toMatchObject({ status: "FAIL", evidence: { methodId: "iam-012", adminRoles: [admin.resourceId] } });
    const scoped = iamRole("deployer", ec2Trust, inline({ Effect: "Allow", Action: "iam:UpdateAssumeRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/app-*` }));
    expect(run(trustEditRule, scoped, [admin]).status).toBe("PASS");
  });
});

describe(escalationRule.id, () => {
  it("fails with the method ids, passes without, and leaves administrators to the admin rule", () => {
    const escalator = iamRole("bot", ec2Trust, inline({ Effect: "Allow", Action: "iam:CreatePolicyVersion", Resource: "*" }));
    expect(run(escalationRule, escalator, [])).toMatchObject({ status: "FAIL", evidence: { methodIds: expect.arrayContaining(["iam-001"]) } });
    expect(run(escalationRule, iamRole("app", ec2Trust, READ_ONLY), []).status).toBe("PASS");
    expect(run(escalationRule, iamRole("admin", ec2Trust, ADMIN), []).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when the IAM collection failed", () => {
    const ctx = makeContext([iamRole("bot", ec2Trust)], { statuses: [{ accountId: ACCOUNT, region: "global", service: "iam", status: "FAILED" }] });
    const role = iamRole("bot2", ec2Trust);
    expect(escalationRule.evaluate(withErrors(role, {}), ctx).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(unintendedRule.id, () => {
  it("fails for an untagged administrator user and passes once tagged", () => {
    const policy = { UserPolicyList: [{ PolicyName: "all", PolicyDocument: policyJson([{ Effect: "Allow", Action: "*", Resource: "*" }]) }] };
    const user = iamUser("admin-legacy", {}, policy);
    expect(run(unintendedRule, user, []).status).toBe("FAIL");
    const tagged = { ...user, tags: { "guardrail:intended-admin": "true" } };
    expect(run(unintendedRule, tagged, []).status).toBe("PASS");
  });
  it("passes for a non-administrator", () => {
    expect(run(unintendedRule, iamRole("app", ec2Trust, READ_ONLY), []).status).toBe("PASS");
  });
});

describe("the graph the caller built", () => {
  it("is read as given (no second build) and gives the same verdicts as the rules' own lighter graph", () => {
    const admin = iamRole("admin", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/web` }, Action: "sts:AssumeRole" }] }, ADMIN);
    const role = iamRole("web", ec2Trust, { ...READ_ONLY, ...profile("web") });
    const { sg, instance } = exposedInstance("web", "optional");
    const bucket = makeResource("AWS::S3::Bucket", { Name: "app", Policy: null }, { resourceId: "arn:aws:s3:::app" });
    const open = iamRole("open", { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] }, READ_ONLY);
    const world = [instance, sg, role, admin, bucket, open];
    const own = makeContext(world);
    const graph = buildAccessGraph({ resources: world, now: own.now });
    const given = { ...makeContext(world), accessGraph: graph };
    expect(readAccessGraph(given).graph).toBe(graph);
    expect(readAccessGraph(own).graph).not.toBe(graph);
    for (const [rule, subject] of [[instanceRule, instance], [externalRule, open], [unintendedRule, admin], [escalationRule, role]] as const) {
      const a = rule.evaluate(subject, own);
      const b = rule.evaluate(subject, given);
      expect(b.status).toBe(a.status);
      expect(b.evidence).toEqual(a.evidence);
    }
    expect(instanceRule.evaluate(instance, given).status).toBe("FAIL");
    expect(externalRule.evaluate(open, given).status).toBe("FAIL");
  });
});
