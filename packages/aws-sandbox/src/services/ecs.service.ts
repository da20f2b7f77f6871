/**
 * ECS (JSON 1.1): clusters, services, tasks and task definitions. The world keeps them as four
 * flat lists of AWS response elements; services and tasks name their cluster by `clusterArn`,
 * as DescribeServices and DescribeTasks report it.
 */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject } from "../world/world.types";

function clusterArnOf(ctx: TRequestContext, cluster: TAwsObject): string {
  return typeof cluster.clusterArn === "string" ? cluster.clusterArn : `arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/${String(cluster.clusterName)}`;
}

function lastSegment(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf("/") + 1);
}

/** The cluster a request names (`cluster`: name or ARN, default "default"), or ClusterNotFoundException. */
function findCluster(ctx: TRequestContext): { cluster: TAwsObject; arn: string } {
  const ref = readString(ctx, "cluster") ?? "default";
  const clusters = getRegionBlock(ctx).ecs?.Clusters ?? [];
  const cluster = findByKey(clusters, "name-or-arn", (c) => [c.clusterName, clusterArnOf(ctx, c)], ref.startsWith("arn:") ? ref : lastSegment(ref));
  if (!cluster) throw new SandboxError("ClusterNotFoundException", "Cluster not found.");
  return { cluster, arn: clusterArnOf(ctx, cluster) };
}

function inCluster(items: readonly TAwsObject[], clusterArn: string): TAwsObject[] {
  return items.filter((item) => item.clusterArn === clusterArn);
}

function page<T>(ctx: TRequestContext, items: readonly T[], defaultMax = 100): { items: T[]; next: string | undefined } {
  return paginate(ctx, items, { token: readString(ctx, "nextToken"), max: readNumber(ctx, "maxResults"), defaultMax, invalidTokenCode: "InvalidParameterException" });
}

function readList(ctx: TRequestContext, name: string, max: number): string[] {
  const value = ctx.input[name];
  if (!Array.isArray(value) || value.length === 0) throw new SandboxError("InvalidParameterException", `${name} cannot be empty.`);
  if (value.length > max) throw new SandboxError("InvalidParameterException", `${name} can have at most ${max} items.`);
  return value.map(String);
}

/** Describe* answers: the found elements, and a `failures` entry (reason MISSING) per unknown one. */
function describeEach(refs: readonly string[], find: (ref: string) => TAwsObject | undefined): { found: TAwsObject[]; failures: TAwsObject[] } {
  const found: TAwsObject[] = [];
  const failures: TAwsObject[] = [];
  for (const ref of refs) {
    const item = find(ref);
    if (item) found.push(item);
    else failures.push({ arn: ref, reason: "MISSING" });
  }
  return { found, failures };
}

/** Tags are answered only when `include` asks for TAGS, as ECS does. */
function withTags(ctx: TRequestContext, item: TAwsObject): TAwsObject {
  const include = Array.isArray(ctx.input.include) ? (ctx.input.include as unknown[]) : [];
  if (include.includes("TAGS")) return item;
  const { tags: _tags, ...rest } = item;
  return rest;
}

export const ECS_HANDLERS: Record<string, THandler> = {
  ListClusters(ctx) {
    const arns = (getRegionBlock(ctx).ecs?.Clusters ?? []).map((c) => clusterArnOf(ctx, c));
    const result = page(ctx, arns);
    return { clusterArns: result.items, nextToken: result.next };
  },
  DescribeClusters(ctx) {
    const clusters = getRegionBlock(ctx).ecs?.Clusters ?? [];
    const refs = Array.isArray(ctx.input.clusters) && ctx.input.clusters.length > 0 ? (ctx.input.clusters as unknown[]).map(String) : ["default"];
    if (refs.length > 100) throw new SandboxError("InvalidParameterException", "clusters can have at most 100 items.");
    const { found, failures } = describeEach(refs, (ref) =>
      findByKey(clusters, "name-or-arn", (c) => [c.clusterName, clusterArnOf(ctx, c)], ref.startsWith("arn:") ? ref : lastSegment(ref)),
    );
    return { clusters: found.map((c) => withTags(ctx, { ...c, clusterArn: clusterArnOf(ctx, c) })), failures };
  },
  ListServices(ctx) {
    const { arn } = findCluster(ctx);
    const launchType = readString(ctx, "launchType");
    const services = inCluster(getRegionBlock(ctx).ecs?.Services ?? [], arn).filter((s) => !launchType || s.launchType === launchType);
    const result = page(ctx, services.map((s) => String(s.serviceArn)), 10);
    return { serviceArns: result.items, nextToken: result.next };
  },
  DescribeServices(ctx) {
    const { arn } = findCluster(ctx);
    const services = inCluster(getRegionBlock(ctx).ecs?.Services ?? [], arn);
    const { found, failures } = describeEach(readList(ctx, "services", 10), (ref) => services.find((s) => s.serviceArn === ref || s.serviceName === lastSegment(ref)));
    return { services: found.map((s) => withTags(ctx, s)), failures };
  },
  ListTasks(ctx) {
    const { arn } = findCluster(ctx);
    const desired = readString(ctx, "desiredStatus") ?? "RUNNING";
    const serviceName = readString(ctx, "serviceName");
    const family = readString(ctx, "family");
    const startedBy = readString(ctx, "startedBy");
    const launchType = readString(ctx, "launchType");
    const tasks = inCluster(getRegionBlock(ctx).ecs?.Tasks ?? [], arn).filter(
      (t) =>
        (t.desiredStatus ?? "RUNNING") === desired &&
        (!serviceName || t.group === `service:${lastSegment(serviceName)}`) &&
        (!family || lastSegment(String(t.taskDefinitionArn ?? "")).split(":")[0] === family) &&
        (!startedBy || t.startedBy === startedBy) &&
        (!launchType || t.launchType === launchType),
    );
    const result = page(ctx, tasks.map((t) => String(t.taskArn)));
    return { taskArns: result.items, nextToken: result.next };
  },
  DescribeTasks(ctx) {
    const { arn } = findCluster(ctx);
    const tasks = inCluster(getRegionBlock(ctx).ecs?.Tasks ?? [], arn);
    const { found, failures } = describeEach(readList(ctx, "tasks", 100), (ref) => tasks.find((t) => t.taskArn === ref || lastSegment(String(t.taskArn)) === lastSegment(ref)));
    return { tasks: found.map((t) => withTags(ctx, t)), failures };
  },
  DescribeTaskDefinition(ctx) {
    const ref = requireString(ctx, "taskDefinition", "ClientException");
    const definitions = getRegionBlock(ctx).ecs?.TaskDefinitions ?? [];
    let definition = findByKey(definitions, "arn-or-revision", (d) => [d.taskDefinitionArn, lastSegment(String(d.taskDefinitionArn))], ref);
    if (!definition && !ref.includes(":")) {
      // A bare family: its latest ACTIVE revision.
      definition = definitions
        .filter((d) => d.family === ref && (d.status ?? "ACTIVE") === "ACTIVE")
        .sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0))[0];
    }
    if (!definition) throw new SandboxError("ClientException", "Unable to describe task definition.");
    const { tags, ...taskDefinition } = definition;
    const include = Array.isArray(ctx.input.include) ? (ctx.input.include as unknown[]) : [];
    return include.includes("TAGS") ? { taskDefinition, tags: tags ?? [] } : { taskDefinition };
  },
};
