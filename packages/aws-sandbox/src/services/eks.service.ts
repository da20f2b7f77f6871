/** EKS: clusters and their node groups. */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject } from "../world/world.types";

function findCluster(ctx: TRequestContext, param: string): TAwsObject {
  const name = requireString(ctx, param, "InvalidParameterException");
  const cluster = findByKey(getRegionBlock(ctx).eks?.Clusters ?? [], "name", (c) => [c.name], name);
  if (!cluster) throw new SandboxError("ResourceNotFoundException", `No cluster found for name: ${name}.`);
  return cluster;
}

function page<T>(ctx: TRequestContext, items: T[]): { items: T[]; next: string | undefined } {
  return paginate(ctx, items, { token: readString(ctx, "nextToken"), max: readNumber(ctx, "maxResults"), defaultMax: 100, invalidTokenCode: "InvalidParameterException" });
}

export const EKS_HANDLERS: Record<string, THandler> = {
  ListClusters(ctx) {
    const result = page(ctx, (getRegionBlock(ctx).eks?.Clusters ?? []).map((c) => String(c.name)));
    return { clusters: result.items, nextToken: result.next };
  },
  DescribeCluster(ctx) {
    const { Nodegroups: _nodegroups, ...cluster } = findCluster(ctx, "name");
    return { cluster };
  },
  ListNodegroups(ctx) {
    const cluster = findCluster(ctx, "clusterName");
    const result = page(ctx, ((cluster.Nodegroups ?? []) as TAwsObject[]).map((n) => String(n.nodegroupName)));
    return { nodegroups: result.items, nextToken: result.next };
  },
  DescribeNodegroup(ctx) {
    const cluster = findCluster(ctx, "clusterName");
    const name = requireString(ctx, "nodegroupName", "InvalidParameterException");
    const nodegroup = findByKey((cluster.Nodegroups ?? []) as TAwsObject[], "name", (n) => [n.nodegroupName], name);
    if (!nodegroup) throw new SandboxError("ResourceNotFoundException", `No node group found for name: ${name}.`);
    return { nodegroup };
  },
};
