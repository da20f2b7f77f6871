import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  paginateListClusters,
  paginateListServices,
  paginateListTasks,
  type ECSClient,
  type Service,
  type Tag,
  type TaskDefinition,
} from "@aws-sdk/client-ecs";
import { callListing, collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { RESOURCE_TYPES, type TCollectedResource, type TCollectionError } from "../resource-model";
import { mapEcsCluster, mapEcsService, mapEcsTask, mapEcsTaskDefinition, readTaskDefinitionRoles, serviceNameOfTask } from "./ecs.mapper";

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface TDescribedDefinition {
  definition: TaskDefinition | undefined;
  tags: Tag[] | undefined;
  errors: Record<string, string>;
}

/**
 * Clusters, their services and running tasks, and the task definitions those use (for the task
 * role, the execution role and ECS Exec). A listing or describe call that fails fails the
 * collection; a task definition that cannot be described is a recorded sub-call error.
 */
export const ecsCollector = defineCollector({
  key: "ecs",
  global: false,
  resourceTypes: [RESOURCE_TYPES.EcsCluster, RESOURCE_TYPES.EcsService, RESOURCE_TYPES.EcsTask, RESOURCE_TYPES.EcsTaskDefinition],
  async collect({ clients, accountId, region, signal }) {
    const client: ECSClient = clients.get("ecs", { accountId, region });
    const send = { abortSignal: signal };
    const clusterArns = await collectPages("ListClusters", paginateListClusters({ client, pageSize: 100 }, {}, send), (p) => p.clusterArns);
    const resources: TCollectedResource[] = [];
    const errors: TCollectionError[] = [];
    const definitions = new Map<string, Promise<TDescribedDefinition>>();
    const describeDefinition = (arn: string): Promise<TDescribedDefinition> => {
      let pending = definitions.get(arn);
      if (!pending) {
        const calls = createSubCallRecorder(arn, errors);
        pending = calls
          .call("DescribeTaskDefinition", () => client.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ["TAGS"] }), send))
          .then((out) => ({ definition: out?.taskDefinition, tags: out?.tags, errors: calls.errors }));
        definitions.set(arn, pending);
      }
      return pending;
    };

    for (const batch of chunk(clusterArns, 100)) {
      const out = await callListing("DescribeClusters", () => client.send(new DescribeClustersCommand({ clusters: batch, include: ["TAGS"] }), send));
      for (const cluster of out.clusters ?? []) resources.push(mapEcsCluster(accountId, region, cluster));
    }

    const perCluster = await mapWithConcurrency(clusterArns, 2, async (cluster) => {
      const out: TCollectedResource[] = [];
      const serviceArns = await collectPages("ListServices", paginateListServices({ client, pageSize: 100 }, { cluster }, send), (p) => p.serviceArns);
      const services: Service[] = [];
      for (const batch of chunk(serviceArns, 10)) {
        const described = await callListing("DescribeServices", () => client.send(new DescribeServicesCommand({ cluster, services: batch, include: ["TAGS"] }), send));
        services.push(...(described.services ?? []));
      }
      const taskArns = await collectPages("ListTasks", paginateListTasks({ client, pageSize: 100 }, { cluster, desiredStatus: "RUNNING" }, send), (p) => p.taskArns);
      const tasks = [];
      for (const batch of chunk(taskArns, 100)) {
        const described = await callListing("DescribeTasks", () => client.send(new DescribeTasksCommand({ cluster, tasks: batch, include: ["TAGS"] }), send));
        tasks.push(...(described.tasks ?? []));
      }
      const serviceByName = new Map(services.map((s) => [s.serviceName, s]));
      for (const service of services) {
        const described = service.taskDefinition ? await describeDefinition(service.taskDefinition) : undefined;
        out.push(mapEcsService(accountId, region, service, readTaskDefinitionRoles(described?.definition), described?.errors ?? {}));
      }
      for (const task of tasks) {
        const described = task.taskDefinitionArn ? await describeDefinition(task.taskDefinitionArn) : undefined;
        const serviceName = serviceNameOfTask(task);
        out.push(
          mapEcsTask(accountId, region, task, {
            roles: readTaskDefinitionRoles(described?.definition),
            service: serviceName ? serviceByName.get(serviceName) : undefined,
            errors: described?.errors ?? {},
          }),
        );
      }
      return out;
    });
    resources.push(...perCluster.flat());
    for (const described of await Promise.all(definitions.values())) {
      if (described.definition) resources.push(mapEcsTaskDefinition(accountId, region, described.definition, described.tags));
    }
    return { resources, errors };
  },
});
