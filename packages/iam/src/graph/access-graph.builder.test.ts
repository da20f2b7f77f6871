import { describe, expect, it } from "vitest";
import { buildAccessGraph, buildAccessGraphAsync, INTERNET_NODE_ID } from "./access-graph.builder";
import { findReachable, indexAccessGraph } from "./access-graph.paths";
import type { TAccessGraph, TGraphResource } from "./access-graph.types";

const A = "111111111111";
const B = "222222222222";
const VENDOR = "999999999999";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const FULL_ACCESS = doc({ Effect: "Allow", Action: "*", Resource: "*" });

function res(resourceType: string, accountId: string, resourceId: string, configuration: Record<string, unknown>, extra: Partial<TGraphResource> = {}): TGraphResource {
  return { accountId, region: "global", resourceType, resourceId, name: null, tags: {}, configuration, ...extra };
}

function organization(scpForB: string = FULL_ACCESS): TGraphResource[] {
  return [
    res("AWS::Organizations::Account", A, `arn:aws:organizations::${A}:account/o-abc123/${A}`, { Id: A, Name: "management", Arn: `arn:aws:organizations::${A}:account/o-abc123/${A}`, ParentId: "r-root", IsManagementAccount: true }),
    res("AWS::Organizations::Account", B, `arn:aws:organizations::${A}:account/o-abc123/${B}`, { Id: B, Name: "workloads", Arn: `arn:aws:organizations::${A}:account/o-abc123/${B}`, ParentId: "r-root", IsManagementAccount: false }),
    res("AWS::Organizations::Policy", A, "arn:scp/full", { PolicySummary: { Id: "p-full", Name: "FullAWSAccess", Type: "SERVICE_CONTROL_POLICY" }, Content: FULL_ACCESS, Targets: ["r-root"] }),
    res("AWS::Organizations::Policy", A, "arn:scp/b", { PolicySummary: { Id: "p-b", Name: "account-b", Type: "SERVICE_CONTROL_POLICY" }, Content: scpForB, Targets: [B] }),
  ];
}

function role(accountId: string, name: string, opts: { trust: unknown[]; inline?: string[]; tags?: Record<string, string>; profile?: boolean }): TGraphResource {
  const arn = `arn:aws:iam::${accountId}:role/${name}`;
  return res("AWS::IAM::Role", accountId, arn, {
    RoleName: name,
    Arn: arn,
    Path: "/",
    AssumeRolePolicyDocument: doc(...opts.trust),
    RolePolicyList: (opts.inline ?? []).map((d, i) => ({ PolicyName: `${name}-${i}`, PolicyDocument: d })),
    AttachedManagedPolicies: [],
    InstanceProfileList: opts.profile ? [{ Arn: `arn:aws:iam::${accountId}:instance-profile/${name}` }] : [],
  }, { tags: opts.tags ?? {} });
}

const trustArn = (arn: string) => ({ Effect: "Allow", Principal: { AWS: arn }, Action: "sts:AssumeRole" });
const trustService = (service: string) => ({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" });

function edgesOf(graph: TAccessGraph, kind: string) {
  return graph.edges.filter((e) => e.kind === kind).map((e) => `${e.source} -> ${e.target}`);
}

describe("buildAccessGraph", () => {
  it("chains three roles of one account from their trust policies alone", () => {
    const ra = role(B, "role-a", { trust: [trustService("ec2.amazonaws.com")] });
    const rb = role(B, "role-b", { trust: [trustArn(ra.resourceId)] });
    const rc = role(B, "role-c", { trust: [trustArn(rb.resourceId)] });
    const graph = buildAccessGraph({ resources: [...organization(), ra, rb, rc] });
    const assume = edgesOf(graph, "can-assume");
    expect(assume).toContain(`${ra.resourceId} -> ${rb.resourceId}`);
    expect(assume).toContain(`${rb.resourceId} -> ${rc.resourceId}`);
    expect(assume).not.toContain(`${ra.resourceId} -> ${rc.resourceId}`);
    const reach = findReachable(indexAccessGraph(graph), ra.resourceId);
    const toC = reach.find((r) => r.nodeId === rc.resourceId);
    expect(toC?.path.map((e) => e.target)).toEqual([rb.resourceId, rc.resourceId]);
    expect(toC?.path.every((e) => e.decision === "ALLOWED")).toBe(true);
  });

  it("needs the caller's identity side when the trust policy names the account", () => {
    const target = role(B, "deploy", { trust: [trustArn(A)] });
    const can = role(A, "ci", { trust: [trustService("ec2.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: target.resourceId })] });
    const cannot = role(A, "app", { trust: [trustService("ec2.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })] });
    const graph = buildAccessGraph({ resources: [...organization(), target, can, cannot] });
    const assume = edgesOf(graph, "can-assume");
    expect(assume).toContain(`${can.resourceId} -> ${target.resourceId}`);
    expect(assume).not.toContain(`${cannot.resourceId} -> ${target.resourceId}`);
  });

  it("drops an assume edge that an SCP of the caller's account denies", () => {
    const target = role(A, "central", { trust: [trustArn(B)] });
    const caller = role(B, "ops", { trust: [trustService("ec2.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" })] });
    const denyAssume = doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" });
    expect(edgesOf(buildAccessGraph({ resources: [...organization(), target, caller] }), "can-assume")).toContain(`${caller.resourceId} -> ${target.resourceId}`);
    expect(edgesOf(buildAccessGraph({ resources: [...organization(denyAssume), target, caller] }), "can-assume")).not.toContain(`${caller.resourceId} -> ${target.resourceId}`);
  });

  it("links third parties, anyone and services to the roles that trust them", () => {
    const vendor = role(B, "vendor", { trust: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": "x" } } }] });
    const open = role(B, "open", { trust: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] });
    const graph = buildAccessGraph({ resources: [...organization(), vendor, open] });
    const vendorEdge = graph.edges.find((e) => e.target === vendor.resourceId && e.kind === "can-assume");
    expect(vendorEdge?.source).toBe(`arn:aws:iam::${VENDOR}:root`);
    expect(vendorEdge?.decision).toBe("CONDITIONAL");
    expect(graph.nodes.get(`arn:aws:iam::${VENDOR}:root`)?.kind).toBe("external-account");
    expect(edgesOf(graph, "can-assume")).toContain(`anyone -> ${open.resourceId}`);
  });

  it("connects an internet-exposed IMDSv1 instance to its administrator role", () => {
    const admin = role(B, "web-admin", { trust: [trustService("ec2.amazonaws.com")], inline: [FULL_ACCESS], profile: true });
    const sg = res("AWS::EC2::SecurityGroup", B, `arn:aws:ec2:us-east-1:${B}:security-group/sg-1`, { GroupId: "sg-1", IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }, { region: "us-east-1" });
    const instance = res("AWS::EC2::Instance", B, `arn:aws:ec2:us-east-1:${B}:instance/i-1`, {
      InstanceId: "i-1", State: { Name: "running" }, PublicIpAddress: "203.0.113.10", SecurityGroups: [{ GroupId: "sg-1" }],
      MetadataOptions: { HttpTokens: "optional", HttpEndpoint: "enabled" }, IamInstanceProfile: { Arn: `arn:aws:iam::${B}:instance-profile/web-admin` },
    }, { region: "us-east-1" });
    const bucket = res("AWS::S3::Bucket", B, "arn:aws:s3:::payroll", { Name: "payroll", Policy: null }, { region: "us-east-1", name: "payroll" });
    const graph = buildAccessGraph({ resources: [...organization(), admin, sg, instance, bucket] });
    expect(edgesOf(graph, "exposed-to-internet")).toContain(`${INTERNET_NODE_ID} -> ${instance.resourceId}`);
    expect(edgesOf(graph, "runs-as")).toContain(`${instance.resourceId} -> ${admin.resourceId}`);
    expect(graph.nodes.get(instance.resourceId)?.properties.imdsV1).toBe(true);
    const classes = graph.nodes.get(admin.resourceId)?.properties.classification as { kind: string }[];
    expect(classes.map((c) => c.kind)).toContain("administrator");
    const reach = findReachable(indexAccessGraph(graph), INTERNET_NODE_ID);
    const toBucket = reach.find((r) => r.nodeId === bucket.resourceId);
    expect(toBucket?.path.map((e) => e.kind)).toEqual(["exposed-to-internet", "runs-as", "can-read"]);
  });

  it("records escalation methods by id and the roles whose trust policy can be rewritten", () => {
    const admin = role(B, "admin", { trust: [trustArn(B)], inline: [FULL_ACCESS] });
    const escalator = role(B, "policy-editor", { trust: [trustService("lambda.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: ["iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"], Resource: "*" })] });
    const graph = buildAccessGraph({ resources: [...organization(), admin, escalator] });
    const escalations = graph.edges.filter((e) => e.kind === "can-escalate" && e.source === escalator.resourceId);
    expect(escalations.map((e) => e.methodId)).toEqual(expect.arrayContaining(["iam-001", "iam-012"]));
    expect(escalations.find((e) => e.methodId === "iam-012" && e.target === admin.resourceId)).toBeDefined();
    const classes = graph.nodes.get(escalator.resourceId)?.properties.classification as { kind: string }[];
    expect(classes.map((c) => c.kind)).toContain("escalation-to-administrator");
    expect(classes.map((c) => c.kind)).not.toContain("administrator");
  });

  it("decides data access with the bucket policy and leaves unrelated principals out", () => {
    const reader = role(B, "reader", { trust: [trustService("ec2.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/*" })] });
    const other = role(B, "other", { trust: [trustService("ec2.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::logs/*" })] });
    const denied = role(B, "denied", { trust: [trustService("ec2.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: "s3:*", Resource: "*" })] });
    const bucket = res("AWS::S3::Bucket", B, "arn:aws:s3:::reports", {
      Name: "reports",
      Policy: doc({ Effect: "Deny", Principal: { AWS: denied.resourceId }, Action: "s3:*", Resource: "arn:aws:s3:::reports/*" }),
    }, { region: "us-east-1", name: "reports" });
    const graph = buildAccessGraph({ resources: [...organization(), reader, other, denied, bucket] });
    const reads = edgesOf(graph, "can-read");
    expect(reads).toContain(`${reader.resourceId} -> ${bucket.resourceId}`);
    expect(reads).not.toContain(`${other.resourceId} -> ${bucket.resourceId}`);
    expect(reads).not.toContain(`${denied.resourceId} -> ${bucket.resourceId}`);
    expect(edgesOf(graph, "can-write")).not.toContain(`${reader.resourceId} -> ${bucket.resourceId}`);
  });

  it("gives a user the policies of its groups", () => {
    const group = res("AWS::IAM::Group", B, `arn:aws:iam::${B}:group/admins`, { GroupName: "admins", Arn: `arn:aws:iam::${B}:group/admins`, GroupPolicyList: [{ PolicyName: "all", PolicyDocument: FULL_ACCESS }], AttachedManagedPolicies: [] });
    const user = res("AWS::IAM::User", B, `arn:aws:iam::${B}:user/alice`, { UserName: "alice", Arn: `arn:aws:iam::${B}:user/alice`, GroupList: ["admins"], UserPolicyList: [], AttachedManagedPolicies: [] });
    const graph = buildAccessGraph({ resources: [...organization(), group, user] });
    expect(edgesOf(graph, "member-of")).toContain(`${user.resourceId} -> ${group.resourceId}`);
    const classes = graph.nodes.get(user.resourceId)?.properties.classification as { kind: string }[];
    expect(classes.map((c) => c.kind)).toContain("administrator");
  });

  it("keeps an administrator away from data its account's SCP denies, and builds the same graph asynchronously", async () => {
    const admin = role(B, "admin", { trust: [trustService("ec2.amazonaws.com")], inline: [FULL_ACCESS] });
    const bucket = res("AWS::S3::Bucket", B, "arn:aws:s3:::ledger", { Name: "ledger", Policy: null }, { region: "us-east-1", name: "ledger" });
    const denyS3Read = doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "s3:GetObject", Resource: "*" });
    const open = buildAccessGraph({ resources: [...organization(), admin, bucket] });
    expect(edgesOf(open, "can-read")).toContain(`${admin.resourceId} -> ${bucket.resourceId}`);
    const fenced = buildAccessGraph({ resources: [...organization(denyS3Read), admin, bucket] });
    expect(edgesOf(fenced, "can-read")).not.toContain(`${admin.resourceId} -> ${bucket.resourceId}`);
    expect(edgesOf(fenced, "can-write")).toContain(`${admin.resourceId} -> ${bucket.resourceId}`);
    const async = await buildAccessGraphAsync({ resources: [...organization(denyS3Read), admin, bucket] }, { yieldEvery: 1 });
    expect(async.edges.map((e) => `${e.kind} ${e.source} ${e.target}`).sort()).toEqual(fenced.edges.map((e) => `${e.kind} ${e.source} ${e.target}`).sort());
  });

  it("computes only the edges asked for (the attack-path rules' lighter graph)", () => {
    const ops = role(B, "ops", { trust: [trustService("ec2.amazonaws.com")], inline: [doc({ Effect: "Allow", Action: ["ssm:StartSession", "s3:GetObject"], Resource: "*" })] });
    const vendor = role(B, "vendor", { trust: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: "sts:AssumeRole" }], inline: [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })] });
    const instance = res("AWS::EC2::Instance", B, `arn:aws:ec2:us-east-1:${B}:instance/i-9`, { InstanceId: "i-9", State: { Name: "running" } }, { region: "us-east-1" });
    const bucket = res("AWS::S3::Bucket", B, "arn:aws:s3:::logs", { Name: "logs", Policy: null }, { region: "us-east-1", name: "logs" });
    const all = buildAccessGraph({ resources: [...organization(), ops, vendor, instance, bucket] });
    expect(edgesOf(all, "can-move-laterally")).toContain(`${ops.resourceId} -> ${instance.resourceId}`);
    expect(edgesOf(all, "can-read")).toEqual(expect.arrayContaining([`${ops.resourceId} -> ${bucket.resourceId}`, `${vendor.resourceId} -> ${bucket.resourceId}`]));
    const light = buildAccessGraph({ resources: [...organization(), ops, vendor, instance, bucket], edges: { lateralMovement: false, dataAccess: "externally-assumable" } });
    expect(edgesOf(light, "can-move-laterally")).toEqual([]);
    expect(edgesOf(light, "can-read")).toEqual([`${vendor.resourceId} -> ${bucket.resourceId}`]);
  });
});
