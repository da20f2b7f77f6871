import type { Cluster, Service, Tag, Task, TaskDefinition } from "@aws-sdk/client-ecs";
import { toPlain } from "../core/plain";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

/** ECS tags (`[{ key, value }]`) → `{ key: value }`. */
export function tagsFromEcs(tags: readonly Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) out[tag.key] = tag.value ?? "";
  return out;
}

/**
 * The task definition fields a service or task carries in Guardrail (docs/resource-model.md):
 * `taskRoleArn` and `executionRoleArn` from DescribeTaskDefinition, null when the definition
 * has none, undefined (absent) when it could not be described.
 */
export interface TTaskDefinitionRoles {
  taskRoleArn: string | null;
  executionRoleArn: string | null;
}

export function readTaskDefinitionRoles(definition: TaskDefinition | undefined): TTaskDefinitionRoles | undefined {
  if (!definition) return undefined;
  return { taskRoleArn: definition.taskRoleArn ?? null, executionRoleArn: definition.executionRoleArn ?? null };
}

function withErrors(configuration: Record<string, unknown>, errors: Record<string, string>): Record<string, unknown> {
  if (Object.keys(errors).length > 0) configuration.CollectionErrors = { ...errors };
  return configuration;
}

export function mapEcsCluster(accountId: string, region: string, cluster: Cluster): TCollectedResource {
  return {
    accountId,
    region,
    service: "ecs",
    resourceType: RESOURCE_TYPES.EcsCluster,
    resourceId: cluster.clusterArn ?? `arn:aws:ecs:${region}:${accountId}:cluster/${cluster.clusterName}`,
    name: cluster.clusterName ?? null,
    tags: tagsFromEcs(cluster.tags),
    configuration: toPlain(cluster),
  };
}

export function mapEcsService(
  accountId: string,
  region: string,
  service: Service,
  roles: TTaskDefinitionRoles | undefined,
  errors: Record<string, string>,
): TCollectedResource {
  return {
    accountId,
    region,
    service: "ecs",
    resourceType: RESOURCE_TYPES.EcsService,
    resourceId: service.serviceArn ?? `arn:aws:ecs:${region}:${accountId}:service/${service.serviceName}`,
    name: service.serviceName ?? null,
    tags: tagsFromEcs(service.tags),
    configuration: withErrors({ ...toPlain(service), ...roles }, errors),
  };
}

/** `service:<name>` → the service's name (tasks a service started carry it as their `group`). */
export function serviceNameOfTask(task: Task): string | null {
  return task.group?.startsWith("service:") ? task.group.slice("service:".length) : null;
}

export function mapEcsTask(
  accountId: string,
  region: string,
  task: Task,
  context: { roles: TTaskDefinitionRoles | undefined; service: Service | undefined; errors: Record<string, string> },
): TCollectedResource {
  const awsvpc = context.service?.networkConfiguration?.awsvpcConfiguration;
  const taskId = task.taskArn?.slice(task.taskArn.lastIndexOf("/") + 1) ?? null;
  return {
    accountId,
    region,
    service: "ecs",
    resourceType: RESOURCE_TYPES.EcsTask,
    resourceId: task.taskArn ?? `arn:aws:ecs:${region}:${accountId}:task/${taskId}`,
    name: taskId,
    tags: tagsFromEcs(task.tags),
    configuration: withErrors(
      {
        ...toPlain(task),
        ...context.roles,
        serviceName: serviceNameOfTask(task),
        // the service's network configuration: DescribeTasks does not report assignPublicIp
        assignPublicIp: awsvpc?.assignPublicIp ?? null,
      },
      context.errors,
    ),
  };
}

export function mapEcsTaskDefinition(accountId: string, region: string, definition: TaskDefinition, tags: readonly Tag[] | undefined): TCollectedResource {
  const arn = definition.taskDefinitionArn ?? `arn:aws:ecs:${region}:${accountId}:task-definition/${definition.family}:${definition.revision}`;
  return {
    accountId,
    region,
    service: "ecs",
    resourceType: RESOURCE_TYPES.EcsTaskDefinition,
    resourceId: arn,
    name: definition.family !== undefined ? `${definition.family}:${definition.revision ?? ""}` : null,
    tags: tagsFromEcs(tags),
    configuration: toPlain(definition),
  };
}
