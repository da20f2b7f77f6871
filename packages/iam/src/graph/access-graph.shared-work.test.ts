import { describe, expect, it } from "vitest";
import { buildAccessGraph } from "./access-graph.builder";
import type { TAccessGraph, TGraphResource } from "./access-graph.types";

// A build shares work between principals (whole capability analyses of principals with the same
// policies, evaluators made on first use) and between instances (open ingress per security
// group). Each principal and instance must come out as it does when built on its own.

const A = "111111111111";
const B = "222222222222";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const FULL_ACCESS = doc({ Effect: "Allow", Action: "*", Resource: "*" });

function res(resourceType: string, resourceId: string, configuration: Record<string, unknown>, extra: Partial<TGraphResource> = {}): TGraphResource {
  return { accountId: B, region: "global", resourceType, resourceId, name: null, tags: {}, configuration, ...extra };
}

const organization: TGraphResource[] = [
  { ...res("AWS::Organizations::Account", `arn:aws:organizations::${A}:account/o-abc123/${A}`, { Id: A, Name: "management", ParentId: "r-root", IsManagementAccount: true }), accountId: A },
  { ...res("AWS::Organizations::Account", `arn:aws:organizations::${A}:account/o-abc123/${B}`, { Id: B, Name: "workloads", ParentId: "r-root", IsManagementAccount: false }), accountId: A },
  { ...res("AWS::Organizations::Policy", "arn:scp/full", { PolicySummary: { Id: "p-full", Name: "FullAWSAccess", Type: "SERVICE_CONTROL_POLICY" }, Content: FULL_ACCESS, Targets: ["r-root"] }), accountId: A },
];

// no policy variables (principal-independent), yet naming one user and one role
const USERS_POLICY = doc(
  { Effect: "Allow", Action: ["iam:PutUserPolicy", "secretsmanager:GetSecretValue"], Resource: [`arn:aws:iam::${B}:user/u1`, `arn:aws:secretsmanager:us-east-1:${B}:secret:app`] },
  { Effect: "Allow", Action: ["iam:CreateAccessKey", "s3:PutBucketPolicy"], Resource: "*" },
);
const ROLES_POLICY = doc({ Effect: "Allow", Action: ["iam:AttachRolePolicy", "sts:AssumeRole"], Resource: `arn:aws:iam::${B}:role/r1` });

const user = (name: string, keys = false) =>
  res("AWS::IAM::User", `arn:aws:iam::${B}:user/${name}`, {
    UserName: name,
    Arn: `arn:aws:iam::${B}:user/${name}`,
    UserPolicyList: [{ PolicyName: "shared", PolicyDocument: USERS_POLICY }],
    AttachedManagedPolicies: [],
    GroupList: [],
    CredentialReport: { access_key_1_active: String(keys) },
  });
const role = (name: string) =>
  res("AWS::IAM::Role", `arn:aws:iam::${B}:role/${name}`, {
    RoleName: name,
    Arn: `arn:aws:iam::${B}:role/${name}`,
    Path: "/",
    AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
    RolePolicyList: [{ PolicyName: "shared", PolicyDocument: ROLES_POLICY }],
    AttachedManagedPolicies: [],
    InstanceProfileList: [{ Arn: `arn:aws:iam::${B}:instance-profile/${name}` }],
  });
const group = (id: string, cidr: string) =>
  res("AWS::EC2::SecurityGroup", `arn:aws:ec2:us-east-1:${B}:security-group/${id}`, { GroupId: id, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: cidr }], Ipv6Ranges: [] }] }, { region: "us-east-1" });
const instance = (id: string, groups: string[], profile: string) =>
  res("AWS::EC2::Instance", `arn:aws:ec2:us-east-1:${B}:instance/${id}`, {
    InstanceId: id,
    State: { Name: "running" },
    PublicIpAddress: "3.3.3.3",
    SecurityGroups: groups.map((GroupId) => ({ GroupId })),
    IamInstanceProfile: { Arn: `arn:aws:iam::${B}:instance-profile/${profile}` },
  }, { region: "us-east-1" });

const principals = [user("u1"), user("u2", true), user("u3"), role("r1"), role("r2"), role("r3")];
const groups = [group("sg-open", "0.0.0.0/0"), group("sg-closed", "10.0.0.0/8"), group("sg-open2", "0.0.0.0/0")];
const instances = [instance("i-1", ["sg-open"], "r1"), instance("i-2", ["sg-open", "sg-open2"], "r2"), instance("i-3", ["sg-closed"], "r3"), instance("i-4", ["sg-closed", "sg-open"], "r1")];

/** a node's properties and its outgoing edges, as compared between builds */
function viewOf(graph: TAccessGraph, id: string) {
  return {
    node: graph.nodes.get(id),
    edges: graph.edges.filter((e) => e.source === id).map((e) => JSON.stringify(e)).sort(),
  };
}

describe("buildAccessGraph: work shared between principals and instances", () => {
  it("gives each principal the nodes and edges it gets when built alone", () => {
    const together = buildAccessGraph({ resources: [...organization, ...principals, ...groups, ...instances] });
    for (const p of principals) {
      const alone = buildAccessGraph({ resources: [...organization, p, ...groups, ...instances] });
      expect(viewOf(together, p.resourceId).node).toEqual(viewOf(alone, p.resourceId).node);
      // edges to other principals exist only together (can-assume, can-escalate to admins)
      const others = new Set(principals.filter((o) => o !== p).map((o) => o.resourceId));
      const own = viewOf(together, p.resourceId).edges.filter((e) => !others.has(JSON.parse(e).target as string));
      expect(own).toEqual(viewOf(alone, p.resourceId).edges);
    }
    const classOf = (id: string) => (together.nodes.get(id)?.properties.classification as { kind: string; methodIds?: string[] }[]).map((c) => [c.kind, ...(c.methodIds ?? [])].join(" "));
    expect(classOf(`arn:aws:iam::${B}:user/u1`)).toEqual(expect.arrayContaining([expect.stringContaining("iam-007")]));
    expect(classOf(`arn:aws:iam::${B}:user/u3`).join()).not.toContain("iam-007");
    expect(classOf(`arn:aws:iam::${B}:role/r1`)).toEqual(expect.arrayContaining([expect.stringContaining("iam-009")]));
    expect(classOf(`arn:aws:iam::${B}:role/r2`).join()).not.toContain("iam-009");
  });

  it("keeps one node and one runs-as edge of a workload listed twice", () => {
    const twice = buildAccessGraph({ resources: [...organization, ...principals, ...groups, ...instances, instances[0]!] });
    const once = buildAccessGraph({ resources: [...organization, ...principals, ...groups, ...instances] });
    expect(twice.edges.filter((e) => e.kind === "runs-as").length).toBe(instances.length);
    expect(twice.edges.map((e) => JSON.stringify(e)).sort()).toEqual(once.edges.map((e) => JSON.stringify(e)).sort());
  });

  it("gives each instance the open ingress of its own security groups", () => {
    const together = buildAccessGraph({ resources: [...organization, ...principals, ...groups, ...instances] });
    const openOf = (id: string) => (together.nodes.get(`arn:aws:ec2:us-east-1:${B}:instance/${id}`)?.properties.openIngress as { groupId: string }[]).map((o) => o.groupId);
    expect(openOf("i-1")).toEqual(["sg-open"]);
    expect(openOf("i-2")).toEqual(["sg-open", "sg-open2"]);
    expect(openOf("i-3")).toEqual([]);
    expect(openOf("i-4")).toEqual(["sg-open"]);
    for (const i of instances) {
      const alone = buildAccessGraph({ resources: [...organization, ...principals, ...groups, i] });
      expect(viewOf(together, i.resourceId)).toEqual(viewOf(alone, i.resourceId));
    }
  });
});

describe("buildAccessGraph: the attack-path rules' lighter graph", () => {
  const bucket = res("AWS::S3::Bucket", "arn:aws:s3:::public-logs", { Name: "public-logs", Policy: doc({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::public-logs/*" }) }, { region: "us-east-1" });
  const light = { lateralMovement: false, dataAccess: "externally-assumable" } as const;
  const vendor = res("AWS::IAM::Role", `arn:aws:iam::${B}:role/vendor`, {
    RoleName: "vendor",
    Arn: `arn:aws:iam::${B}:role/vendor`,
    Path: "/",
    AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }),
    RolePolicyList: [{ PolicyName: "read", PolicyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) }],
    AttachedManagedPolicies: [],
  });

  it("leaves data stores out when no role is externally assumable, keeps the rest", () => {
    const full = buildAccessGraph({ resources: [...organization, ...principals, ...groups, ...instances, bucket] });
    const lighter = buildAccessGraph({ resources: [...organization, ...principals, ...groups, ...instances, bucket], edges: light });
    expect(full.nodes.has(bucket.resourceId)).toBe(true);
    expect(lighter.nodes.has(bucket.resourceId)).toBe(false);
    for (const p of [...principals, ...instances]) expect(viewOf(lighter, p.resourceId).node).toEqual(viewOf(full, p.resourceId).node);
  });

  it("keeps the stores an externally assumable role reaches", () => {
    const lighter = buildAccessGraph({ resources: [...organization, ...principals, vendor, bucket], edges: light });
    expect(lighter.nodes.get(bucket.resourceId)?.properties.public).toBe(true);
    expect(lighter.edges.filter((e) => e.kind === "can-read").map((e) => `${e.source} -> ${e.target}`)).toEqual([`${vendor.resourceId} -> ${bucket.resourceId}`]);
  });
});
