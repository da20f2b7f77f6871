import * as ECS from "@aws-sdk/client-ecs";
import * as SM from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSandbox, TWorld } from "../src/index";
import { assumeScannerRole, clientConfig, startTestSandbox, type TCredentials } from "./sandbox-fixture";
import { buildTestWorld, MEMBER } from "./test-world";

const NOW = new Date("2026-03-01T12:00:00Z");
const CLUSTER = `arn:aws:ecs:us-east-1:${MEMBER}:cluster/apps`;
const SERVICE = `arn:aws:ecs:us-east-1:${MEMBER}:service/apps/web`;
const TASK_DEF = `arn:aws:ecs:us-east-1:${MEMBER}:task-definition/web:3`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${MEMBER}:secret:db-password-AbCdEf`;
const POLICY = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }] });

function buildWorld(): TWorld {
  const world = buildTestWorld();
  const member = world.accounts.find((a) => a.Id === MEMBER)!;
  const region = member.regions!["us-east-1"]!;
  region.ecs = {
    Clusters: [{ clusterName: "apps", clusterArn: CLUSTER, status: "ACTIVE", tags: [{ key: "team", value: "web" }] }, { clusterName: "empty", status: "ACTIVE" }],
    Services: [
      { serviceName: "web", serviceArn: SERVICE, clusterArn: CLUSTER, taskDefinition: TASK_DEF, enableExecuteCommand: true, launchType: "FARGATE", createdAt: "now-10d" },
      { serviceName: "batch", serviceArn: `arn:aws:ecs:us-east-1:${MEMBER}:service/apps/batch`, clusterArn: CLUSTER, taskDefinition: TASK_DEF, launchType: "EC2" },
    ],
    Tasks: [
      { taskArn: `arn:aws:ecs:us-east-1:${MEMBER}:task/apps/t1`, clusterArn: CLUSTER, taskDefinitionArn: TASK_DEF, group: "service:web", lastStatus: "RUNNING", desiredStatus: "RUNNING", enableExecuteCommand: true, launchType: "FARGATE", startedAt: "now-2h" },
      { taskArn: `arn:aws:ecs:us-east-1:${MEMBER}:task/apps/t2`, clusterArn: CLUSTER, taskDefinitionArn: TASK_DEF, group: "family:web", lastStatus: "STOPPED", desiredStatus: "STOPPED" },
    ],
    TaskDefinitions: [
      { taskDefinitionArn: `arn:aws:ecs:us-east-1:${MEMBER}:task-definition/web:2`, family: "web", revision: 2, status: "ACTIVE", taskRoleArn: `arn:aws:iam::${MEMBER}:role/old` },
      { taskDefinitionArn: TASK_DEF, family: "web", revision: 3, status: "ACTIVE", taskRoleArn: `arn:aws:iam::${MEMBER}:role/web-task`, executionRoleArn: `arn:aws:iam::${MEMBER}:role/ecs-exec`, tags: [{ key: "app", value: "web" }] },
    ],
  };
  region.secretsmanager = {
    Secrets: [
      { ARN: SECRET, Name: "db-password", KmsKeyId: "alias/db", RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, LastRotatedDate: "now-5d", ResourcePolicy: POLICY, Tags: [{ Key: "env", Value: "prod" }] },
      { ARN: `arn:aws:secretsmanager:us-east-1:${MEMBER}:secret:api-key-XyZ123`, Name: "api-key" },
      { ARN: `arn:aws:secretsmanager:us-east-1:${MEMBER}:secret:gone-QwErTy`, Name: "gone", DeletedDate: "now-1d" },
    ],
  };
  return world;
}

let sandbox: TSandbox;
let member: TCredentials;

beforeAll(async () => {
  sandbox = await startTestSandbox({ world: buildWorld(), now: NOW });
  member = await assumeScannerRole(sandbox, MEMBER);
});
afterAll(async () => {
  await sandbox.stop();
});

describe("ECS (awsJson1_1)", () => {
  const ecs = () => new ECS.ECSClient(clientConfig(sandbox, member));

  it("lists and describes clusters (tags only when asked)", async () => {
    const arns = await ecs().send(new ECS.ListClustersCommand({}));
    expect(arns.clusterArns).toEqual([CLUSTER, `arn:aws:ecs:us-east-1:${MEMBER}:cluster/empty`]);
    const described = await ecs().send(new ECS.DescribeClustersCommand({ clusters: [CLUSTER, "nope"], include: ["TAGS"] }));
    expect(described.clusters?.[0]).toMatchObject({ clusterName: "apps", tags: [{ key: "team", value: "web" }] });
    expect(described.failures).toEqual([{ arn: "nope", reason: "MISSING" }]);
    const plain = await ecs().send(new ECS.DescribeClustersCommand({ clusters: ["apps"] }));
    expect(plain.clusters?.[0]?.tags).toBeUndefined();
  });

  it("lists and describes services, paginated", async () => {
    const first = await ecs().send(new ECS.ListServicesCommand({ cluster: "apps", maxResults: 1 }));
    expect(first.serviceArns).toEqual([SERVICE]);
    const second = await ecs().send(new ECS.ListServicesCommand({ cluster: "apps", maxResults: 1, nextToken: first.nextToken }));
    expect(second.serviceArns).toHaveLength(1);
    expect(second.nextToken).toBeUndefined();
    const described = await ecs().send(new ECS.DescribeServicesCommand({ cluster: CLUSTER, services: [SERVICE] }));
    expect(described.services?.[0]).toMatchObject({ serviceName: "web", enableExecuteCommand: true, launchType: "FARGATE" });
    expect(described.services?.[0]?.createdAt).toEqual(new Date(NOW.getTime() - 10 * 86_400_000));
    await expect(ecs().send(new ECS.ListServicesCommand({ cluster: "missing" }))).rejects.toBeInstanceOf(ECS.ClusterNotFoundException);
  });

  it("lists running tasks (by service) and describes them", async () => {
    expect((await ecs().send(new ECS.ListTasksCommand({ cluster: "apps" }))).taskArns).toEqual([`arn:aws:ecs:us-east-1:${MEMBER}:task/apps/t1`]);
    expect((await ecs().send(new ECS.ListTasksCommand({ cluster: "apps", serviceName: "batch" }))).taskArns).toEqual([]);
    expect((await ecs().send(new ECS.ListTasksCommand({ cluster: "apps", desiredStatus: "STOPPED" }))).taskArns).toHaveLength(1);
    const tasks = await ecs().send(new ECS.DescribeTasksCommand({ cluster: "apps", tasks: ["t1"] }));
    expect(tasks.tasks?.[0]).toMatchObject({ taskDefinitionArn: TASK_DEF, enableExecuteCommand: true, lastStatus: "RUNNING" });
    expect(tasks.tasks?.[0]?.startedAt).toEqual(new Date(NOW.getTime() - 2 * 3_600_000));
  });

  it("describes a task definition by ARN, family:revision or family (latest ACTIVE)", async () => {
    const byArn = await ecs().send(new ECS.DescribeTaskDefinitionCommand({ taskDefinition: TASK_DEF, include: ["TAGS"] }));
    expect(byArn.taskDefinition).toMatchObject({ taskRoleArn: `arn:aws:iam::${MEMBER}:role/web-task`, executionRoleArn: `arn:aws:iam::${MEMBER}:role/ecs-exec` });
    expect(byArn.tags).toEqual([{ key: "app", value: "web" }]);
    expect((await ecs().send(new ECS.DescribeTaskDefinitionCommand({ taskDefinition: "web:2" }))).taskDefinition?.revision).toBe(2);
    expect((await ecs().send(new ECS.DescribeTaskDefinitionCommand({ taskDefinition: "web" }))).taskDefinition?.revision).toBe(3);
    await expect(ecs().send(new ECS.DescribeTaskDefinitionCommand({ taskDefinition: "nope:1" }))).rejects.toBeInstanceOf(ECS.ClientException);
  });
});

describe("Secrets Manager (awsJson1_1)", () => {
  const sm = () => new SM.SecretsManagerClient(clientConfig(sandbox, member));

  it("lists secrets without those planned for deletion unless asked, never with a policy", async () => {
    const out = await sm().send(new SM.ListSecretsCommand({}));
    expect(out.SecretList?.map((s) => s.Name)).toEqual(["db-password", "api-key"]);
    expect(out.SecretList?.[0]).toMatchObject({ KmsKeyId: "alias/db", RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 }, Tags: [{ Key: "env", Value: "prod" }] });
    expect(out.SecretList?.[0]?.LastRotatedDate).toEqual(new Date(NOW.getTime() - 5 * 86_400_000));
    expect(out.SecretList?.[0]).not.toHaveProperty("ResourcePolicy");
    const all = await sm().send(new SM.ListSecretsCommand({ IncludePlannedDeletion: true, MaxResults: 2 }));
    expect(all.SecretList).toHaveLength(2);
    expect((await sm().send(new SM.ListSecretsCommand({ IncludePlannedDeletion: true, NextToken: all.NextToken }))).SecretList?.map((s) => s.Name)).toEqual(["gone"]);
  });

  it("answers GetResourcePolicy by ARN or name, without a policy when none is set", async () => {
    expect((await sm().send(new SM.GetResourcePolicyCommand({ SecretId: SECRET }))).ResourcePolicy).toBe(POLICY);
    const none = await sm().send(new SM.GetResourcePolicyCommand({ SecretId: "api-key" }));
    expect(none).toMatchObject({ Name: "api-key" });
    expect(none.ResourcePolicy).toBeUndefined();
    await expect(sm().send(new SM.GetResourcePolicyCommand({ SecretId: "nope" }))).rejects.toBeInstanceOf(SM.ResourceNotFoundException);
  });

  it("does not serve GetSecretValue", async () => {
    await expect(sm().send(new SM.GetSecretValueCommand({ SecretId: SECRET }))).rejects.toMatchObject({ name: "UnknownOperationException" });
  });
});
