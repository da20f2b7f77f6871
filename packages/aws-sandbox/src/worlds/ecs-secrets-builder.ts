/**
 * ECS services (with their cluster, task definition and running tasks) and Secrets Manager
 * secrets for world generators. Ids come from a PRNG seeded by the resource's own name, so
 * adding these resources never shifts the ids of anything a generator builds after them.
 */
import type { TAccountBuilder } from "./account-builder";
import { createRng, deriveSeed } from "./prng";
import type { TWorldTag } from "./iam-builder";
import type { TWorldEcs, TWorldSecret } from "./world-types";

export interface TEcsServiceOptions {
  region: string;
  cluster: string;
  service: string;
  taskRoleArn?: string;
  executionRoleArn?: string;
  enableExecuteCommand: boolean;
  launchType: "FARGATE" | "EC2";
  /** Fargate tasks in a public subnet with assignPublicIp ENABLED. */
  assignPublicIp?: boolean;
  runningTasks: number;
  subnetIds?: string[];
  tags?: TWorldTag[];
}

function ecsBlock(builder: TAccountBuilder, region: string): TWorldEcs {
  const r = builder.region(region);
  r.ecs ??= { Clusters: [], Services: [], Tasks: [], TaskDefinitions: [] };
  return r.ecs;
}

const toEcsTags = (tags: TWorldTag[] | undefined) => (tags ?? []).map((t) => ({ key: t.Key, value: t.Value }));

/** Adds a service (its cluster on first use, one task definition revision, its running tasks). */
export function addEcsService(builder: TAccountBuilder, o: TEcsServiceOptions): { serviceArn: string; taskArns: string[] } {
  const { accountId } = builder;
  const ecs = ecsBlock(builder, o.region);
  const rng = createRng(deriveSeed(0x0ec5, accountId, o.region, o.cluster, o.service));
  const clusterArn = `arn:aws:ecs:${o.region}:${accountId}:cluster/${o.cluster}`;
  let cluster = ecs.Clusters.find((c) => c.clusterArn === clusterArn);
  if (!cluster) {
    cluster = { clusterArn, clusterName: o.cluster, status: "ACTIVE", runningTasksCount: 0, activeServicesCount: 0, pendingTasksCount: 0, registeredContainerInstancesCount: 0, tags: toEcsTags(o.tags) };
    ecs.Clusters.push(cluster);
  }
  const revision = rng.int(1, 40);
  const taskDefinitionArn = `arn:aws:ecs:${o.region}:${accountId}:task-definition/${o.service}:${revision}`;
  ecs.TaskDefinitions.push({
    taskDefinitionArn,
    family: o.service,
    revision,
    status: "ACTIVE",
    networkMode: "awsvpc",
    requiresCompatibilities: [o.launchType],
    cpu: "512",
    memory: "1024",
    ...(o.taskRoleArn ? { taskRoleArn: o.taskRoleArn } : {}),
    ...(o.executionRoleArn ? { executionRoleArn: o.executionRoleArn } : {}),
    containerDefinitions: [{ name: o.service, image: `${accountId}.dkr.ecr.${o.region}.amazonaws.com/${o.service}:${rng.hex(7)}`, essential: true, portMappings: [{ containerPort: 8080, protocol: "tcp" }] }],
    registeredAt: `now-${rng.int(5, 200)}d`,
    tags: toEcsTags(o.tags),
  });
  const serviceArn = `arn:aws:ecs:${o.region}:${accountId}:service/${o.cluster}/${o.service}`;
  const awsvpcConfiguration = { subnets: o.subnetIds ?? [], securityGroups: [], assignPublicIp: o.assignPublicIp ? ("ENABLED" as const) : ("DISABLED" as const) };
  ecs.Services.push({
    serviceArn,
    serviceName: o.service,
    clusterArn,
    status: "ACTIVE",
    desiredCount: o.runningTasks,
    runningCount: o.runningTasks,
    pendingCount: 0,
    launchType: o.launchType,
    taskDefinition: taskDefinitionArn,
    schedulingStrategy: "REPLICA",
    enableExecuteCommand: o.enableExecuteCommand,
    networkConfiguration: { awsvpcConfiguration },
    createdAt: `now-${rng.int(5, 300)}d`,
    tags: toEcsTags(o.tags),
  });
  const taskArns: string[] = [];
  for (let i = 0; i < o.runningTasks; i++) {
    const taskArn = `arn:aws:ecs:${o.region}:${accountId}:task/${o.cluster}/${rng.hex(32)}`;
    taskArns.push(taskArn);
    ecs.Tasks.push({
      taskArn,
      clusterArn,
      taskDefinitionArn,
      group: `service:${o.service}`,
      startedBy: `ecs-svc/${rng.hex(19)}`,
      lastStatus: "RUNNING",
      desiredStatus: "RUNNING",
      launchType: o.launchType,
      enableExecuteCommand: o.enableExecuteCommand,
      cpu: "512",
      memory: "1024",
      startedAt: `now-${rng.int(1, 72)}h`,
      attachments: [
        {
          type: "ElasticNetworkInterface",
          status: "ATTACHED",
          details: [
            { name: "subnetId", value: o.subnetIds?.[0] ?? "" },
            { name: "privateIPv4Address", value: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(4, 250)}` },
          ],
        },
      ],
      tags: toEcsTags(o.tags),
    });
  }
  cluster.runningTasksCount = (cluster.runningTasksCount ?? 0) + o.runningTasks;
  cluster.activeServicesCount = (cluster.activeServicesCount ?? 0) + 1;
  return { serviceArn, taskArns };
}

export interface TSecretOptions {
  region: string;
  name: string;
  description?: string;
  /** A customer managed key's ARN; absent = the AWS managed key aws/secretsmanager. */
  kmsKeyId?: string;
  rotationDays?: number;
  lastRotatedDaysAgo?: number;
  resourcePolicy?: string;
  tags?: TWorldTag[];
}

/** Adds a secret (ListSecrets `SecretListEntry`, plus its resource policy). */
export function addSecret(builder: TAccountBuilder, o: TSecretOptions): TWorldSecret {
  const r = builder.region(o.region);
  r.secretsmanager ??= { Secrets: [] };
  const rng = createRng(deriveSeed(0x5ec2, builder.accountId, o.region, o.name));
  const rotating = o.rotationDays !== undefined;
  const secret: TWorldSecret = {
    ARN: `arn:aws:secretsmanager:${o.region}:${builder.accountId}:secret:${o.name}-${rng.upper(6)}`,
    Name: o.name,
    ...(o.description ? { Description: o.description } : {}),
    ...(o.kmsKeyId ? { KmsKeyId: o.kmsKeyId } : {}),
    RotationEnabled: rotating,
    ...(rotating
      ? {
          RotationLambdaARN: `arn:aws:lambda:${o.region}:${builder.accountId}:function:SecretsManagerRotation`,
          RotationRules: { AutomaticallyAfterDays: o.rotationDays },
          LastRotatedDate: `now-${o.lastRotatedDaysAgo ?? 1}d`,
        }
      : {}),
    LastChangedDate: `now-${rng.int(1, 60)}d`,
    LastAccessedDate: "now-1d",
    CreatedDate: `now-${rng.int(200, 900)}d`,
    Tags: o.tags ?? [],
    SecretVersionsToStages: { [`${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`]: ["AWSCURRENT"] },
    ...(o.resourcePolicy ? { ResourcePolicy: o.resourcePolicy } : {}),
  };
  r.secretsmanager.Secrets.push(secret);
  return secret;
}
