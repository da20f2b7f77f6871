/**
 * The ECS and Secrets Manager collectors against the AWS sandbox: demo-small.json plus an ECS
 * cluster (a service with ECS Exec, its running tasks and task definition) and two secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCollector } from "./collectors";
import { runCollector } from "./core/collector";
import type { TCollectionResult, TServiceKey } from "./resource-model";
import { readDemoWorld, startHarness, type THarness, type TTestWorld } from "./test-support/sandbox-harness";

const A = "333333333333";
const R = "us-east-1";
const CLUSTER = `arn:aws:ecs:${R}:${A}:cluster/payments`;
const SERVICE = `arn:aws:ecs:${R}:${A}:service/payments/api`;
const TASK_DEF = `arn:aws:ecs:${R}:${A}:task-definition/api:7`;
const TASK = `arn:aws:ecs:${R}:${A}:task/payments/0123456789abcdef0123456789abcdef`;
const ROLE = `arn:aws:iam::${A}:role/api-task`;
const SECRET = `arn:aws:secretsmanager:${R}:${A}:secret:db-AbCdEf`;
const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }] });

function buildWorld(faults: NonNullable<TTestWorld["behaviour"]>["faults"] = []): TTestWorld {
  const world = readDemoWorld();
  const account = world.accounts.find((a) => a.Id === A) as unknown as { regions: Record<string, Record<string, unknown>> };
  const region = (account.regions[R] ??= {});
  region.ecs = {
    Clusters: [{ clusterName: "payments", clusterArn: CLUSTER, status: "ACTIVE", tags: [{ key: "team", value: "payments" }] }],
    Services: [
      {
        serviceName: "api",
        serviceArn: SERVICE,
        clusterArn: CLUSTER,
        taskDefinition: TASK_DEF,
        enableExecuteCommand: true,
        launchType: "FARGATE",
        networkConfiguration: { awsvpcConfiguration: { subnets: ["subnet-1"], assignPublicIp: "ENABLED" } },
      },
    ],
    Tasks: [{ taskArn: TASK, clusterArn: CLUSTER, taskDefinitionArn: TASK_DEF, group: "service:api", lastStatus: "RUNNING", desiredStatus: "RUNNING", enableExecuteCommand: true, launchType: "FARGATE" }],
    TaskDefinitions: [{ taskDefinitionArn: TASK_DEF, family: "api", revision: 7, status: "ACTIVE", taskRoleArn: ROLE, executionRoleArn: `arn:aws:iam::${A}:role/exec`, tags: [{ key: "app", value: "api" }] }],
  };
  region.secretsmanager = {
    Secrets: [
      { ARN: SECRET, Name: "db", KmsKeyId: `arn:aws:kms:${R}:${A}:key/k1`, RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, ResourcePolicy: POLICY, Tags: [{ Key: "env", Value: "prod" }] },
      { ARN: `arn:aws:secretsmanager:${R}:${A}:secret:plain-XyZ123`, Name: "plain" },
    ],
  };
  world.behaviour = { faults };
  return world;
}

function collector(key: TServiceKey) {
  const c = findCollector(key);
  if (!c) throw new Error(`no collector ${key}`);
  return c;
}

function byId(result: TCollectionResult, id: string) {
  const found = result.resources.find((r) => r.resourceId === id);
  if (!found) throw new Error(`resource ${id} not collected`);
  return found;
}

describe("ECS and Secrets Manager collectors against the sandbox", () => {
  let h: THarness;
  beforeAll(async () => {
    h = await startHarness({ world: buildWorld() });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("collects clusters, services, running tasks and their task definition's roles", async () => {
    const result = await runCollector({ collector: collector("ecs"), clients: h.clients, accountId: A, region: R });
    expect(result).toMatchObject({ status: "COMPLETE", errors: [] });
    expect(result.resources.map((r) => `${r.resourceType}|${r.resourceId}`).sort()).toEqual(
      [`AWS::ECS::Cluster|${CLUSTER}`, `AWS::ECS::Service|${SERVICE}`, `AWS::ECS::Task|${TASK}`, `AWS::ECS::TaskDefinition|${TASK_DEF}`].sort(),
    );
    expect(byId(result, CLUSTER).tags).toEqual({ team: "payments" });
    expect(byId(result, SERVICE).configuration).toMatchObject({ enableExecuteCommand: true, launchType: "FARGATE", taskRoleArn: ROLE });
    expect(byId(result, TASK)).toMatchObject({
      name: "0123456789abcdef0123456789abcdef",
      configuration: { enableExecuteCommand: true, taskRoleArn: ROLE, executionRoleArn: `arn:aws:iam::${A}:role/exec`, serviceName: "api", assignPublicIp: "ENABLED", launchType: "FARGATE" },
    });
    expect(byId(result, TASK_DEF)).toMatchObject({ name: "api:7", tags: { app: "api" }, configuration: { taskRoleArn: ROLE } });
    // an account and region without ECS: nothing, and no failure
    const empty = await runCollector({ collector: collector("ecs"), clients: h.clients, accountId: A, region: "eu-west-1" });
    expect(empty).toMatchObject({ status: "COMPLETE", resources: [] });
  });

  it("collects secrets with their resource policy, never their value", async () => {
    const result = await runCollector({ collector: collector("secretsmanager"), clients: h.clients, accountId: A, region: R });
    expect(result).toMatchObject({ status: "COMPLETE", errors: [] });
    expect(byId(result, SECRET)).toMatchObject({
      name: "db",
      tags: { env: "prod" },
      configuration: { RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, KmsKeyId: `arn:aws:kms:${R}:${A}:key/k1`, ResourcePolicy: POLICY },
    });
    expect(byId(result, `arn:aws:secretsmanager:${R}:${A}:secret:plain-XyZ123`).configuration.ResourcePolicy).toBeNull();
    expect(h.sandbox.stats().unknownOperations).toEqual([]);
  });
});

describe("ECS and Secrets Manager access denied", () => {
  it("AccessDenied on a listing call gives FAILED with the code; on GetResourcePolicy or DescribeTaskDefinition PARTIAL", async () => {
    const h = await startHarness({
      world: buildWorld([
        { account: A, service: "ecs", operation: "DescribeTaskDefinition", error: "AccessDeniedException", probability: 1 },
        { account: A, service: "secretsmanager", operation: "GetResourcePolicy", error: "AccessDeniedException", probability: 1 },
        { account: A, region: "eu-west-1", service: "ecs", operation: "ListClusters", error: "AccessDeniedException", probability: 1 },
        { account: A, region: "eu-west-1", service: "secretsmanager", operation: "ListSecrets", error: "AccessDeniedException", probability: 1 },
      ]),
    });
    try {
      const ecs = await runCollector({ collector: collector("ecs"), clients: h.clients, accountId: A, region: R });
      expect(ecs.status).toBe("PARTIAL");
      expect(ecs.errors[0]).toMatchObject({ operation: "DescribeTaskDefinition", code: "AccessDeniedException" });
      const task = byId(ecs, TASK).configuration;
      expect(task.CollectionErrors).toEqual({ DescribeTaskDefinition: "AccessDeniedException" });
      expect(task).not.toHaveProperty("taskRoleArn");
      const secrets = await runCollector({ collector: collector("secretsmanager"), clients: h.clients, accountId: A, region: R });
      expect(secrets.status).toBe("PARTIAL");
      expect(byId(secrets, SECRET).configuration).toMatchObject({ ResourcePolicy: null, CollectionErrors: { GetResourcePolicy: "AccessDeniedException" } });
      for (const key of ["ecs", "secretsmanager"] as const) {
        const failed = await runCollector({ collector: collector(key), clients: h.clients, accountId: A, region: "eu-west-1" });
        expect(failed).toMatchObject({ status: "FAILED", resources: [], errors: [{ operation: key === "ecs" ? "ListClusters" : "ListSecrets", code: "AccessDeniedException" }] });
      }
    } finally {
      await h.stop();
    }
  });
});
