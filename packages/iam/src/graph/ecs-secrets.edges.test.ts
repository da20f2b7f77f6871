import { describe, expect, it } from "vitest";
import { buildAccessGraph, INTERNET_NODE_ID } from "./access-graph.builder";
import { findReachable, indexAccessGraph } from "./access-graph.paths";
import type { TAccessGraph, TGraphResource } from "./access-graph.types";

// ECS tasks (runs-as, ECS Exec lateral movement) and Secrets Manager secrets (can-read with the
// secret's resource policy, exposure) in the access graph.

const A = "111111111111";
const B = "222222222222";
const OUTSIDE = "777788889999";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const FULL_ACCESS = doc({ Effect: "Allow", Action: "*", Resource: "*" });

function res(resourceType: string, accountId: string, resourceId: string, configuration: Record<string, unknown>, region = "global"): TGraphResource {
  return { accountId, region, resourceType, resourceId, name: null, tags: {}, configuration };
}

function organization(): TGraphResource[] {
  return [
    res("AWS::Organizations::Account", A, `arn:aws:organizations::${A}:account/o-abc123/${A}`, { Id: A, Name: "management", Arn: `arn:aws:organizations::${A}:account/o-abc123/${A}`, ParentId: "r-root", IsManagementAccount: true }),
    res("AWS::Organizations::Account", B, `arn:aws:organizations::${A}:account/o-abc123/${B}`, { Id: B, Name: "workloads", Arn: `arn:aws:organizations::${A}:account/o-abc123/${B}`, ParentId: "r-root", IsManagementAccount: false }),
    res("AWS::Organizations::Policy", A, "arn:scp/full", { PolicySummary: { Id: "p-full", Name: "FullAWSAccess", Type: "SERVICE_CONTROL_POLICY" }, Content: FULL_ACCESS, Targets: ["r-root"] }),
  ];
}

function role(accountId: string, name: string, inline: string[], trustService = "ecs-tasks.amazonaws.com"): TGraphResource {
  const arn = `arn:aws:iam::${accountId}:role/${name}`;
  return res("AWS::IAM::Role", accountId, arn, {
    RoleName: name,
    Arn: arn,
    Path: "/",
    AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: trustService }, Action: "sts:AssumeRole" }),
    RolePolicyList: inline.map((d, i) => ({ PolicyName: `${name}-${i}`, PolicyDocument: d })),
    AttachedManagedPolicies: [],
    InstanceProfileList: [],
  });
}

function task(accountId: string, id: string, cfg: { taskRoleArn: string | null; exec: boolean }): TGraphResource {
  return res(
    "AWS::ECS::Task",
    accountId,
    `arn:aws:ecs:us-east-1:${accountId}:task/apps/${id}`,
    { taskArn: `arn:aws:ecs:us-east-1:${accountId}:task/apps/${id}`, clusterArn: `arn:aws:ecs:us-east-1:${accountId}:cluster/apps`, taskDefinitionArn: `arn:aws:ecs:us-east-1:${accountId}:task-definition/web:1`, enableExecuteCommand: cfg.exec, taskRoleArn: cfg.taskRoleArn, executionRoleArn: null, serviceName: "web", lastStatus: "RUNNING" },
    "us-east-1",
  );
}

function secret(accountId: string, name: string, policy: string | null): TGraphResource {
  const arn = `arn:aws:secretsmanager:us-east-1:${accountId}:secret:${name}-AbCdEf`;
  return { ...res("AWS::SecretsManager::Secret", accountId, arn, { ARN: arn, Name: name, ResourcePolicy: policy }, "us-east-1"), name };
}

const edges = (graph: TAccessGraph, kind: string) => graph.edges.filter((e) => e.kind === kind).map((e) => `${e.source} -> ${e.target}`);

describe("ECS tasks in the access graph", () => {
  const taskRole = role(B, "web-task", [FULL_ACCESS]);
  const oncall = role(B, "oncall", [doc({ Effect: "Allow", Action: ["ecs:ExecuteCommand", "ecs:DescribeTasks"], Resource: "*" })], "ec2.amazonaws.com");
  const reader = role(B, "reader", [doc({ Effect: "Allow", Action: "ecs:DescribeTasks", Resource: "*" })], "ec2.amazonaws.com");

  it("a task is a workload node that runs as its task role", () => {
    const t = task(B, "t1", { taskRoleArn: taskRole.resourceId, exec: false });
    const graph = buildAccessGraph({ resources: [...organization(), taskRole, t] });
    expect(graph.nodes.get(t.resourceId)).toMatchObject({ kind: "ecs-task", name: "web", properties: { roleArn: taskRole.resourceId, execEnabled: false } });
    expect(edges(graph, "runs-as")).toContain(`${t.resourceId} -> ${taskRole.resourceId}`);
  });

  it("a task without a task role (or one not in the inventory) runs as nothing", () => {
    const none = task(B, "t2", { taskRoleArn: null, exec: false });
    const unknown = task(B, "t3", { taskRoleArn: `arn:aws:iam::${B}:role/gone`, exec: false });
    const graph = buildAccessGraph({ resources: [...organization(), none, unknown] });
    expect(edges(graph, "runs-as")).toEqual([]);
    expect(graph.nodes.get(none.resourceId)?.kind).toBe("ecs-task");
  });

  it("ecs:ExecuteCommand reaches exec-enabled tasks of the principal's account, and through them the task role", () => {
    const execOn = task(B, "t4", { taskRoleArn: taskRole.resourceId, exec: true });
    const execOff = task(B, "t5", { taskRoleArn: taskRole.resourceId, exec: false });
    const elsewhere = task(A, "t6", { taskRoleArn: null, exec: true });
    const graph = buildAccessGraph({ resources: [...organization(), taskRole, oncall, reader, execOn, execOff, elsewhere] });
    const lateral = edges(graph, "can-move-laterally");
    expect(lateral).toContain(`${oncall.resourceId} -> ${execOn.resourceId}`);
    expect(lateral).not.toContain(`${oncall.resourceId} -> ${execOff.resourceId}`);
    expect(lateral).not.toContain(`${oncall.resourceId} -> ${elsewhere.resourceId}`);
    expect(lateral.filter((e) => e.startsWith(reader.resourceId))).toEqual([]);
    expect(graph.edges.find((e) => e.kind === "can-move-laterally" && e.target === execOn.resourceId)).toMatchObject({ action: "ecs:ExecuteCommand", decision: "ALLOWED" });
    const toRole = findReachable(indexAccessGraph(graph), oncall.resourceId).find((r) => r.nodeId === taskRole.resourceId);
    expect(toRole?.path.map((e) => e.kind)).toEqual(["can-move-laterally", "runs-as"]);
  });

  it("no exec edges when lateral movement edges are not asked for", () => {
    const execOn = task(B, "t7", { taskRoleArn: taskRole.resourceId, exec: true });
    const graph = buildAccessGraph({ resources: [...organization(), taskRole, oncall, execOn], edges: { lateralMovement: false } });
    expect(edges(graph, "can-move-laterally")).toEqual([]);
    expect(edges(graph, "runs-as")).toContain(`${execOn.resourceId} -> ${taskRole.resourceId}`);
  });
});

describe("Secrets Manager secrets in the access graph", () => {
  const app = role(B, "app", [doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:us-east-1:${B}:secret:db-*` })], "ec2.amazonaws.com");
  const other = role(B, "other", [doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" })], "ec2.amazonaws.com");
  const admin = role(B, "admin", [FULL_ACCESS], "ec2.amazonaws.com");
  const partner = role(A, "partner-reader", [doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" })], "ec2.amazonaws.com");

  it("can-read follows GetSecretValue on the identity side (same account, no resource policy)", () => {
    const db = secret(B, "db", null);
    const api = secret(B, "api", null);
    const graph = buildAccessGraph({ resources: [...organization(), app, other, admin, db, api] });
    expect(graph.nodes.get(db.resourceId)).toMatchObject({ kind: "secret", name: "db", properties: { public: false } });
    const reads = edges(graph, "can-read");
    expect(reads).toEqual(expect.arrayContaining([`${app.resourceId} -> ${db.resourceId}`, `${admin.resourceId} -> ${db.resourceId}`, `${admin.resourceId} -> ${api.resourceId}`]));
    expect(reads).not.toContain(`${app.resourceId} -> ${api.resourceId}`);
    expect(reads.filter((e) => e.startsWith(other.resourceId))).toEqual([]);
    expect(graph.edges.find((e) => e.kind === "can-read" && e.target === db.resourceId)?.action).toBe("secretsmanager:GetSecretValue");
    expect(edges(graph, "can-write").filter((e) => e.endsWith(db.resourceId))).toEqual([]);
  });

  it("the secret's resource policy decides: an explicit Deny removes the edge, a grant to another organization account adds one", () => {
    const denied = secret(B, "db-locked", doc({ Effect: "Deny", Principal: { AWS: app.resourceId }, Action: "secretsmanager:GetSecretValue", Resource: "*" }));
    const shared = secret(B, "shared", doc({ Effect: "Allow", Principal: { AWS: partner.resourceId }, Action: "secretsmanager:GetSecretValue", Resource: "*" }));
    const graph = buildAccessGraph({ resources: [...organization(), app, partner, denied, shared] });
    const reads = edges(graph, "can-read");
    expect(reads).not.toContain(`${app.resourceId} -> ${denied.resourceId}`);
    expect(reads).toContain(`${partner.resourceId} -> ${shared.resourceId}`);
  });

  it("a public resource policy exposes the secret to the internet; a named outside account does not", () => {
    const open = secret(B, "open", doc({ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }));
    const crossAccount = secret(B, "cross", doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OUTSIDE}:root` }, Action: "secretsmanager:GetSecretValue", Resource: "*" }));
    const graph = buildAccessGraph({ resources: [...organization(), open, crossAccount] });
    expect(graph.nodes.get(open.resourceId)?.properties.public).toBe(true);
    expect(edges(graph, "exposed-to-internet")).toContain(`${INTERNET_NODE_ID} -> ${open.resourceId}`);
    expect(graph.nodes.get(crossAccount.resourceId)?.properties.public).toBe(false);
    expect(edges(graph, "exposed-to-internet")).not.toContain(`${INTERNET_NODE_ID} -> ${crossAccount.resourceId}`);
  });
});
